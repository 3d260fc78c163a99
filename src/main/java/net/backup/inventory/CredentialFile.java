package net.backup.inventory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Locale;

/**
 * A file the inventory names for a secret ({@code password_file}, ...) or a key ({@code key_file}). It must
 * be a regular file of bounded size: a FIFO would block the run forever when opened, {@code /dev/zero} would
 * fill the heap, a directory cannot be read. Its type is looked at before it is opened ({@code stat} never
 * blocks), and it is read no further than its bound.
 */
final class CredentialFile {
    /** A password or passphrase is a line; 64 KiB is far beyond any. */
    static final long SECRET_LIMIT = 64 * 1024;
    /** An OpenSSH private key is a few KiB; an RSA 16384 key in PEM is under 20. */
    static final long KEY_LIMIT = 1024 * 1024;

    private CredentialFile() {
    }

    /** Why {@code path} cannot be used. */
    static final class Unusable extends IOException {
        private static final long serialVersionUID = 1L;

        Unusable(String message) {
            super(message);
        }
    }

    /**
     * Checks that {@code path} is a regular file of at most {@code limit} bytes. A link is followed to its end
     * (keys and mounted secrets often are links) and the file found there is looked at, not opened.
     *
     * @return the file the link chain ends at
     * @throws Unusable saying what the file is instead
     * @throws IOException when it does not exist or cannot be looked at
     */
    static Path check(Path path, long limit) throws IOException {
        Path real = path.toRealPath();
        BasicFileAttributes attributes = Files.readAttributes(real, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (!attributes.isRegularFile()) {
            throw new Unusable(path + " is " + kind(real, attributes) + ", not a regular file");
        }
        if (attributes.size() > limit) {
            throw tooLarge(path, limit);
        }
        return real;
    }

    /** The whole file, checked as {@link #check} does, and read no further than {@code limit} bytes. */
    static byte[] read(Path path, long limit) throws IOException {
        Path real = check(path, limit);
        try (InputStream in = Files.newInputStream(real, LinkOption.NOFOLLOW_LINKS)) {
            byte[] bytes = in.readNBytes((int) limit + 1);
            if (bytes.length > limit) {
                throw tooLarge(path, limit); // grew after the check, or a file whose size the kernel makes up
            }
            return bytes;
        }
    }

    private static Unusable tooLarge(Path path, long limit) {
        return new Unusable(path + " is larger than the " + (limit / 1024 >= 1024 ? limit / (1024 * 1024) + " MiB"
                : limit / 1024 + " KiB") + " such a file may have");
    }

    private static String kind(Path file, BasicFileAttributes attributes) {
        if (attributes.isDirectory()) {
            return "a directory";
        }
        try {
            int type = ((Number) Files.getAttribute(file, "unix:mode", LinkOption.NOFOLLOW_LINKS)).intValue() & 0170000;
            return switch (type) {
                case 0010000 -> "a FIFO";
                case 0020000 -> "a character device";
                case 0060000 -> "a block device";
                case 0140000 -> "a socket";
                default -> String.format(Locale.ROOT, "a special file (type %o)", type);
            };
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "a special file";
        }
    }
}
