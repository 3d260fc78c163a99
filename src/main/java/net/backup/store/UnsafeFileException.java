package net.backup.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * A file the tool was about to create or replace is not what it should be: a symbolic link, a hard link, a
 * FIFO. Somebody may have planted it to make the tool (root, under cron) write through it, so it is refused,
 * never followed.
 */
public final class UnsafeFileException extends IOException {
    private static final long serialVersionUID = 1L;

    UnsafeFileException(String message) {
        super(message);
    }

    /** {@code file} is in the way: names what it is (a link and where it points, a directory, ...). */
    static UnsafeFileException inTheWay(Path file) {
        String what;
        if (Files.isSymbolicLink(file)) {
            String target;
            try {
                target = " (to " + Files.readSymbolicLink(file) + ")";
            } catch (IOException | UnsupportedOperationException e) {
                target = "";
            }
            what = "it is a symbolic link" + target;
        } else if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
            what = "it is a directory";
        } else if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            what = "it already exists";
        } else if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            what = "it is not a regular file";
        } else {
            what = "it appeared while the tool was creating it";
        }
        return new UnsafeFileException("refusing to write through " + file + ": " + what);
    }
}
