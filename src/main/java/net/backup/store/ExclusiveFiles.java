package net.backup.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;

/**
 * Creating files where somebody else may have planted a link. The tool often runs as root from cron; a
 * symbolic link {@code .r1.cfg.tmp -> /etc/shadow} followed by an ordinary open would make it write a
 * configuration into any file on the system. So every file is created exclusively ({@code O_CREAT|O_EXCL},
 * which fails on anything already there, a dangling link included) and never through a link, and a final
 * name is only ever reached by {@code rename(2)}, which replaces a link without following it.
 */
public final class ExclusiveFiles {
    /** Owner-only, for anything that may hold a secret. */
    public static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

    private ExclusiveFiles() {
    }

    /**
     * Creates {@code file}, which must not exist in any form, writes {@code bytes} and forces them to disk. If that
     * fails, the file is removed: part of it under its name would pass for the whole (the first run on a full disk
     * left an empty {@code .gitignore} that no later run wrote again).
     *
     * @throws UnsafeFileException when something (a link, a file, a FIFO) is already there
     */
    public static void createAndSync(Path file, byte[] bytes, FileAttribute<?>... attributes) throws IOException {
        FileChannel channel;
        try {
            channel = FileChannel.open(file, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS), attributes);
        } catch (FileAlreadyExistsException e) {
            throw UnsafeFileException.inTheWay(file);
        }
        try (channel) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    /**
     * Renames {@code temp} over {@code target}, both in one directory. {@code temp} must still be a regular
     * file (a link swapped in for it would otherwise become {@code target}); whatever {@code target} was, a
     * link included, is replaced, never written through.
     */
    public static void moveOver(Path temp, Path target) throws IOException {
        requireRegularFile(temp);
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        if (!isRegularFile(target)) {
            // Swapped between the check and the rename: take the link out again rather than leave it in place.
            UnsafeFileException unsafe = UnsafeFileException.inTheWay(target);
            Files.deleteIfExists(target);
            throw unsafe;
        }
    }

    /** The file's attributes, not following a link; empty when there is nothing at {@code file}. */
    public static Optional<BasicFileAttributes> attributes(Path file) throws IOException {
        try {
            return Optional.of(Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    static boolean isRegularFile(Path file) throws IOException {
        return attributes(file).map(BasicFileAttributes::isRegularFile).orElse(false);
    }

    static void requireRegularFile(Path file) throws IOException {
        if (!isRegularFile(file)) {
            throw UnsafeFileException.inTheWay(file);
        }
    }

    /** Removes a regular file left by a killed run; refuses anything else found under that name. */
    public static void removeLeftover(Path file) throws IOException {
        Optional<BasicFileAttributes> found = attributes(file);
        if (found.isPresent()) {
            if (!found.get().isRegularFile()) {
                throw UnsafeFileException.inTheWay(file);
            }
            Files.deleteIfExists(file);
        }
    }

    /** Opens {@code file} for reading without following a link (a FIFO or device is refused, never opened). */
    static byte[] readRegularFile(Path file) throws IOException {
        requireRegularFile(file);
        try (var in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            return in.readAllBytes();
        }
    }
}
