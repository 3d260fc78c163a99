package net.backup.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;

/**
 * {@code .git/backup-commit}: there while a run of ours may hold git's locks (committing, rebuilding the
 * index), so that a lock file found later can be told apart. With the marker there, a lock is one our killed
 * run left (the next run holds the output directory's {@link OutputLock}, so no run of ours is committing);
 * without it, the lock is another git process's, perhaps a commit someone is making by hand right now, and
 * deleting it would break that commit.
 *
 * <p>The marker is written before any lock is taken and removed after every lock is let go, so whatever
 * instant a run is killed at, a lock of ours is never left without it. A marker left without a lock (killed
 * before locking, or after unlocking) is only removed. What it cannot tell: a run of ours killed while
 * committing, and another git process taking the same lock just as the next run starts; that lock is then
 * taken for ours.
 */
final class CommitMarker implements AutoCloseable {
    static final String NAME = "backup-commit";

    private final Path file;

    private CommitMarker(Path file) {
        this.file = file;
    }

    /** Writes it (synced, so that after a power cut a lock of ours is not left without it). */
    static CommitMarker place(Path gitDir) throws IOException {
        Path file = gitDir.resolve(NAME);
        String holder = "pid " + ProcessHandle.current().pid() + ", started " + Instant.now() + "\n";
        ExclusiveFiles.createAndSync(file, holder.getBytes(StandardCharsets.UTF_8), ExclusiveFiles.OWNER_ONLY);
        return new CommitMarker(file);
    }

    /** Whether a run of ours was killed between placing and removing it. */
    static boolean isLeftIn(Path gitDir) throws IOException {
        return ExclusiveFiles.attributes(gitDir.resolve(NAME)).isPresent();
    }

    /** Removes one a killed run left, once its locks are gone; anything else found under its name is refused. */
    static void removeLeftover(Path gitDir) throws IOException {
        ExclusiveFiles.removeLeftover(gitDir.resolve(NAME));
    }

    @Override
    public void close() throws IOException {
        ExclusiveFiles.removeLeftover(file);
    }
}
