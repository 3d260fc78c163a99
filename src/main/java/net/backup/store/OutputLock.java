package net.backup.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Set;

/**
 * One run per output directory at a time. Cron jobs overlap when a run is slow; two runs writing the same
 * files would race. The lock is an OS file lock, so it is released even when a run is killed.
 */
public final class OutputLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private OutputLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** @throws LockedException when another run holds it, naming that run */
    static OutputLock acquire(Path directory) throws IOException {
        Path file = directory.resolve(OutputFiles.LOCK);
        FileChannel channel = open(file);
        FileLock lock;
        try {
            requireOnlyName(file);
            lock = channel.tryLock();
        } catch (OverlappingFileLockException heldInThisProcess) {
            lock = null;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        if (lock == null) {
            String holder = holder(channel);
            channel.close();
            throw new LockedException("another backup run is using " + directory
                    + (holder.isEmpty() ? "" : " (" + holder + ")") + "; try again when it has finished");
        }
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(("pid " + ProcessHandle.current().pid() + ", started " + Instant.now())
                .getBytes(StandardCharsets.UTF_8)));
        return new OutputLock(channel, lock);
    }

    /**
     * The lock file is kept from run to run, so it cannot be created exclusively; it is opened without
     * following a link instead ({@code O_NOFOLLOW}), so a planted {@code .backup.lock -> ../victim} is an error
     * rather than a victim emptied and rewritten.
     */
    private static FileChannel open(Path file) throws IOException {
        try {
            return FileChannel.open(file, Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS), ExclusiveFiles.OWNER_ONLY);
        } catch (IOException e) { // ELOOP comes as a plain IOException, EISDIR as a FileSystemException
            if (Files.isSymbolicLink(file) || Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
                throw UnsafeFileException.inTheWay(file);
            }
            throw e;
        }
    }

    /** A FIFO or a hard link to some other file is refused before anything is truncated or written. */
    private static void requireOnlyName(Path file) throws IOException {
        var attributes = Files.readAttributes(file, "unix:mode,nlink,isRegularFile", LinkOption.NOFOLLOW_LINKS);
        if (!Boolean.TRUE.equals(attributes.get("isRegularFile"))) {
            throw UnsafeFileException.inTheWay(file);
        }
        if (((Number) attributes.get("nlink")).intValue() != 1) {
            throw new UnsafeFileException("refusing to write through " + file + ": it is a hard link to another file ("
                    + attributes.get("nlink") + " names)");
        }
    }

    /** Who holds the lock, as the holder wrote it (at most a line). */
    private static String holder(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(200);
        channel.read(buffer, 0);
        return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8).strip();
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }

    /** Another run holds the output directory. */
    public static final class LockedException extends IOException {
        private static final long serialVersionUID = 1L;

        LockedException(String message) {
            super(message);
        }
    }
}
