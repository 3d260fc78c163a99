package net.backup.store;

import java.io.IOException;

/** A file of the output directory this run was denied, with why: it belongs to another user (a run as root before). */
public final class DeniedFileException extends IOException {
    private static final long serialVersionUID = 1L;

    DeniedFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
