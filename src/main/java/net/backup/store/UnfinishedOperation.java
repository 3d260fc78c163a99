package net.backup.store;

import java.util.Optional;
import org.eclipse.jgit.lib.RepositoryState;

/**
 * A merge, cherry-pick, revert, rebase, {@code git am} or bisect that someone started in the history and has
 * not finished. A commit of ours in the middle of one is wrong whatever JGit allows: with a merge's conflicts
 * resolved, JGit made a merge commit of our files only, and the person's resolution was dropped from it; with
 * conflicts left, it failed after staging our files among theirs. So nothing is committed, or staged, until
 * they finish or abort it.
 */
record UnfinishedOperation(String what, String finish, String abort) {

    /** What is under way in a repository in {@code state}; empty when nothing is. */
    static Optional<UnfinishedOperation> of(RepositoryState state) {
        return Optional.ofNullable(switch (state) {
            case SAFE, BARE -> null;
            case MERGING, MERGING_RESOLVED -> git("a merge", "merge");
            case CHERRY_PICKING, CHERRY_PICKING_RESOLVED -> git("a cherry-pick", "cherry-pick");
            case REVERTING, REVERTING_RESOLVED -> git("a revert", "revert");
            case REBASING, REBASING_REBASING, REBASING_MERGE, REBASING_INTERACTIVE -> git("a rebase", "rebase");
            case APPLY -> git("applying patches (git am)", "am");
            case BISECTING -> new UnfinishedOperation("a bisect", "git bisect reset", "git bisect reset");
        });
    }

    private static UnfinishedOperation git(String what, String command) {
        return new UnfinishedOperation(what, "git " + command + " --continue", "git " + command + " --abort");
    }

    /** What to do, for a message: {@code finish it (git merge --continue) or abort it (git merge --abort)}. */
    String advice() {
        return finish.equals(abort) ? "end it (" + finish + ")" : "finish it (" + finish + ") or abort it (" + abort + ")";
    }
}
