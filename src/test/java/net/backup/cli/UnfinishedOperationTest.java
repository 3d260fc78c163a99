package net.backup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import net.backup.lab.Lab;
import net.backup.lab.LabSettings;
import net.backup.testing.LabRun;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.MergeResult;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.RepositoryState;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Someone merging (or rebasing, cherry-picking...) in the history and not done yet: the run stores its backups
 * but neither commits nor stages anything, and says what to do; once they are done, the next run catches up.
 */
class UnfinishedOperationTest {
    @TempDir
    Path dir;

    private LabRun lab() throws IOException {
        return new LabRun(Lab.start(Lab.healthyFleet("csr", 2), LabSettings.defaults()), dir);
    }

    private static RevCommit commitNotes(Git git, String text) throws Exception {
        Files.writeString(git.getRepository().getWorkTree().toPath().resolve("notes.txt"), text);
        git.add().addFilepattern("notes.txt").call();
        return git.commit().setMessage("notes: " + text).setAuthor("ops", "ops@example.net")
                .setCommitter("ops", "ops@example.net").call();
    }

    /** A merge of a side branch whose notes conflict with the main branch's, stopped on the conflict. */
    private static void conflictingMerge(Git git) throws Exception {
        commitNotes(git, "base\n");
        git.branchCreate().setName("side").call();
        commitNotes(git, "main's\n");
        git.checkout().setName("side").call();
        RevCommit side = commitNotes(git, "side's\n");
        git.checkout().setName("main").call();
        MergeResult merge = git.merge().include(side).call();
        assertThat(merge.getMergeStatus()).isEqualTo(MergeResult.MergeStatus.CONFLICTING);
        assertThat(git.getRepository().getRepositoryState()).isEqualTo(RepositoryState.MERGING);
    }

    private static String fileAt(Git git, RevCommit commit, String path) throws IOException {
        try (var walk = TreeWalk.forPath(git.getRepository(), path, commit.getTree())) {
            return new String(git.getRepository().open(walk.getObjectId(0)).getBytes());
        }
    }

    private static void assertSkipped(LabRun run, CliRun result, String state) {
        assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.SOME_FAILED);
        assertThat(result.err()).isEqualTo("backup: cannot commit to the history in " + run.output() + ": it is in the"
                + " middle of a merge (" + state + "); finish it (git merge --continue) or abort it (git merge --abort);"
                + " the backups are stored and the next run commits them\n");
        assertThat(result.out()).containsPattern("(?m)^CHANGED +csr2 ").doesNotContain("History:");
    }

    @Test
    void aMergeWithConflictsLeftGetsNoCommitAndNothingStaged() throws Exception {
        try (LabRun run = lab()) {
            run.backup();
            try (Git git = Git.open(run.output().toFile())) {
                conflictingMerge(git);
                run.lab().device("csr2").setDescription("Loopback7", "reconfigured");
                Path index = run.output().resolve(".git/index");
                byte[] indexBefore = Files.readAllBytes(index);
                ObjectId headBefore = git.getRepository().resolve("HEAD");

                CliRun result = run.backup();

                assertSkipped(run, result, "MERGING");
                assertThat(index).as("nothing of ours staged").hasBinaryContent(indexBefore);
                assertThat(git.getRepository().resolve("HEAD")).isEqualTo(headBefore);
                assertThat(git.getRepository().getRepositoryState()).isEqualTo(RepositoryState.MERGING);
                assertThat(run.backupOf("csr2")).isEqualTo(run.lab().device("csr2").stableConfig());
            }
        }
    }

    /**
     * Conflicts resolved and staged, the merge not committed yet: JGit would commit here, and the tool made a
     * merge commit of its own files whose tree dropped the person's resolution. Now the person's commit keeps
     * it, and the next run commits the backups on top.
     */
    @Test
    void aMergeWithConflictsResolvedIsLeftForItsAuthorToCommitAndTheNextRunCatchesUp() throws Exception {
        try (LabRun run = lab()) {
            run.backup();
            try (Git git = Git.open(run.output().toFile())) {
                conflictingMerge(git);
                Files.writeString(run.output().resolve("notes.txt"), "resolved\n");
                git.add().addFilepattern("notes.txt").call();
                assertThat(git.getRepository().getRepositoryState()).isEqualTo(RepositoryState.MERGING_RESOLVED);
                run.lab().device("csr2").setDescription("Loopback7", "reconfigured");
                ObjectId headBefore = git.getRepository().resolve("HEAD");

                CliRun result = run.backup();

                assertSkipped(run, result, "MERGING_RESOLVED");
                assertThat(git.getRepository().resolve("HEAD")).isEqualTo(headBefore);
                RevCommit merge = git.commit().setMessage("merge side").setAuthor("ops", "ops@example.net")
                        .setCommitter("ops", "ops@example.net").call();
                assertThat(merge.getParentCount()).isEqualTo(2);
                assertThat(fileAt(git, merge, "notes.txt")).isEqualTo("resolved\n");

                CliRun next = run.backup();

                assertThat(next.exitCode()).as(next.all()).isEqualTo(ExitCodes.OK);
                assertThat(next.out()).containsPattern("History: [0-9a-f]{7} backup: 1 caught up");
                RevCommit caughtUp = git.log().setMaxCount(1).call().iterator().next();
                assertThat(caughtUp.getParents()).containsExactly(merge);
                assertThat(fileAt(git, caughtUp, "notes.txt")).isEqualTo("resolved\n");
                assertThat(fileAt(git, caughtUp, "csr2.cfg")).isEqualTo(run.lab().device("csr2").stableConfig());
            }
        }
    }

    /** A rebase git stopped in the middle of (its state is a directory in .git), named with its own commands. */
    @Test
    void aRebaseUnderWayIsNamedWithItsOwnCommands() throws Exception {
        try (LabRun run = lab()) {
            run.backup();
            Files.createDirectories(run.output().resolve(".git/rebase-merge"));
            run.lab().device("csr2").setDescription("Loopback7", "reconfigured");

            CliRun result = run.backup();

            assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.SOME_FAILED);
            assertThat(result.err()).isEqualTo("backup: cannot commit to the history in " + run.output() + ": it is in the"
                    + " middle of a rebase (REBASING_MERGE); finish it (git rebase --continue) or abort it (git rebase"
                    + " --abort); the backups are stored and the next run commits them\n");
        }
    }
}
