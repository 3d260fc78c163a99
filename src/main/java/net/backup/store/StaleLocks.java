package net.backup.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;

/**
 * The lock files a commit takes: the index's, then the branch's (or HEAD's, when HEAD names no branch). A run
 * killed while committing leaves them behind, and every later commit fails on them ("Could not lock HEAD"),
 * night after night. Only called while holding the output directory's {@link OutputLock}: no other run of
 * ours can be committing, so any of them that is there is stale.
 */
final class StaleLocks {
    private static final String LOCK_SUFFIX = ".lock";

    private StaleLocks() {
    }

    /** Removes them. @return a warning per lock removed */
    static List<String> remove(Repository repository) throws IOException {
        Path gitDir = repository.getDirectory().toPath();
        var warnings = new ArrayList<String>();
        for (Path lock : locks(repository, gitDir)) {
            if (ExclusiveFiles.attributes(lock).isPresent()) {
                Files.delete(lock);
                warnings.add("removed " + lock + ", left behind by an interrupted run");
            }
        }
        return warnings;
    }

    private static Set<Path> locks(Repository repository, Path gitDir) throws IOException {
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
}
