package net.backup.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.lib.Repository;

/**
 * The lock files a run killed while committing leaves behind ({@link CommitLocks#ours}): every later commit
 * would fail on them ("Could not lock HEAD"), night after night. Only those our own commit left are removed:
 * the {@link CommitMarker} says so. Any other lock belongs to a git process that may be running right now (a
 * {@code git commit} waiting on a slow pre-commit hook) and is left alone; the commit is skipped while it is
 * there. Only called while holding the output directory's {@link OutputLock}, so no run of ours is committing.
 */
final class StaleLocks {
    private StaleLocks() {
    }

    /** Removes them, then the marker. @return a warning per lock removed */
    static List<String> remove(Repository repository) throws IOException {
        Path gitDir = repository.getDirectory().toPath();
        var warnings = new ArrayList<String>();
        if (!CommitMarker.isLeftIn(gitDir)) {
            return warnings;
        }
        for (Path lock : CommitLocks.ours(repository)) {
            if (ExclusiveFiles.attributes(lock).isPresent()) {
                Files.delete(lock);
                warnings.add("removed " + lock + ", left behind by an interrupted run");
            }
        }
        // Last: killed before this line, the next run finds the marker again and finishes the job.
        CommitMarker.removeLeftover(gitDir);
        return warnings;
    }
}
