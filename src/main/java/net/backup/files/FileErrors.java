package net.backup.files;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.NotLinkException;

/**
 * A file error as a person reads it: why, then which file. Java's {@link FileSystemException}s put only the
 * path in {@code getMessage()} (an {@link AccessDeniedException}'s message is {@code /root/x}), and the
 * reason, when the JDK knows one, in {@code getReason()}; an error line built from {@code getMessage()}
 * alone names the file but not what is wrong with it.
 */
public final class FileErrors {
    private FileErrors() {
    }

    /** What went wrong, in words and without the path: {@code permission denied}. */
    public static String reason(IOException e) {
        if (!(e instanceof FileSystemException fileError)) {
            // A write's error is a plain IOException with strerror's words: "No space left on device".
            return e.getMessage() != null ? lowerFirst(e.getMessage()) : e.getClass().getSimpleName();
        }
        if (fileError.getReason() != null && !fileError.getReason().isBlank()) {
            return lowerFirst(fileError.getReason());
        }
        return phraseFor(fileError);
    }

    /**
     * The reason, then the file (and the second file of a move or a link) in parentheses:
     * {@code permission denied (/tmp/ro/sub)}. Any other IOException is its own message.
     */
    public static String describe(IOException e) {
        if (!(e instanceof FileSystemException fileError) || fileError.getFile() == null) {
            return reason(e);
        }
        String files = fileError.getOtherFile() == null ? fileError.getFile()
                : fileError.getFile() + " -> " + fileError.getOtherFile();
        return reason(e) + " (" + files + ")";
    }

    /** The JDK's phrase when it gave no reason: the exception's class is the reason. */
    private static String phraseFor(FileSystemException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        } else if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        } else if (e instanceof NotDirectoryException) {
            return "not a directory";
        } else if (e instanceof FileAlreadyExistsException) {
            return "already exists";
        } else if (e instanceof DirectoryNotEmptyException) {
            return "directory not empty";
        } else if (e instanceof NotLinkException) {
            return "not a symbolic link";
        } else if (e instanceof FileSystemLoopException) {
            return "too many levels of symbolic links";
        }
        return "file system error";
    }

    /** The JDK copies strerror(3), which is capitalised ({@code Read-only file system}); our lines are not. */
    private static String lowerFirst(String reason) {
        boolean sentenceCase = reason.length() > 1 && Character.isUpperCase(reason.charAt(0))
                && Character.isLowerCase(reason.charAt(1));
        return sentenceCase ? Character.toLowerCase(reason.charAt(0)) + reason.substring(1) : reason;
    }
}
