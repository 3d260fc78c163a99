package net.backup.store;

import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.util.FS;

/**
 * JGit measures each file store's timestamp resolution once, for about four seconds (three of them timing how
 * soon a change can go unseen), so that its racy-git checks know how soon after a file was read a change to it
 * may not show in its time stamp. It keeps the result in its own config ({@code ~/.config/jgit/config}) for
 * later runs. Where it cannot (a service account whose home does not exist and cannot be made), it measured
 * again in every run, and every run, log and diff too, waited those seconds for it.
 *
 * <p>There JGit measures in the background instead. Until it is done it uses its fallback, a resolution of
 * 2 s, the coarsest it assumes: a file read within 2 s of a change is read again rather than taken as
 * unchanged, which is slower, never wrong. Where the result can be kept it is still waited for, once: in the
 * background, a run shorter than the measurement would end it before it is kept, and every run measure again.
 */
final class TimestampMeasurement {
    private TimestampMeasurement() {
    }

    /** Decides for the whole JVM, given where JGit keeps its config; before the first repository is opened. */
    static void decide(Path jgitConfig) {
        FS.FileStoreAttributes.setBackground(!canBeKept(jgitConfig));
    }

    /**
     * Whether JGit can save its config at {@code jgitConfig}: the nearest folder above it that exists is one it
     * can write in (JGit makes the missing ones, and writes the file through a lock file beside it).
     */
    static boolean canBeKept(Path jgitConfig) {
        Path folder = jgitConfig.toAbsolutePath().getParent();
        while (folder != null && !Files.exists(folder)) {
            folder = folder.getParent();
        }
        return folder != null && Files.isDirectory(folder) && Files.isWritable(folder);
    }
}
