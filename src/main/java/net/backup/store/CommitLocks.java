package net.backup.store;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;

/**
 * The lock files a commit takes: the index's, then the branch's (or HEAD's, when HEAD names no branch). While
 * one is there, git (or JGit) is changing what a commit is made from, so no commit of ours is started.
 */
final class CommitLocks {
    private static final String LOCK_SUFFIX = ".lock";

    private CommitLocks() {
    }

    /** The locks our own commit takes: the only ones a run of ours can leave behind. */
    static Set<Path> ours(Repository repository) throws IOException {
        Path gitDir = repository.getDirectory().toPath();
        var locks = new LinkedHashSet<Path>();
        locks.add(gitDir.resolve("index" + LOCK_SUFFIX));
        Ref head = repository.exactRef(Constants.HEAD);
        if (head != null && head.isSymbolic()) {
            // The name comes from .git/HEAD, so it is checked before it becomes a path (no '..').
            if (Repository.isValidRefName(head.getTarget().getName())) {
                locks.add(gitDir.resolve(head.getTarget().getName() + LOCK_SUFFIX));
            }
        } else {
            locks.add(gitDir.resolve(Constants.HEAD + LOCK_SUFFIX)); // a detached HEAD is updated itself
        }
        return locks;
    }

    /**
     * The first of them that is there, or HEAD's: git takes that one too when it moves HEAD (a checkout), which
     * a commit of ours must not race.
     */
    static Optional<Path> held(Repository repository) throws IOException {
        var locks = new LinkedHashSet<>(ours(repository));
        locks.add(repository.getDirectory().toPath().resolve(Constants.HEAD + LOCK_SUFFIX));
        for (Path lock : locks) {
            if (ExclusiveFiles.attributes(lock).isPresent()) {
                return Optional.of(lock);
            }
        }
        return Optional.empty();
    }
}
