package net.backup.store;

import java.util.Optional;

/**
 * The names of what the output directory holds: a {@code <name>.cfg} per device, which the history
 * commits, and the few files the tool keeps there for itself, which it never commits. Every reader and
 * writer of the directory takes the names from here.
 */
public final class OutputFiles {
    /** The lock a run holds on the directory ({@link OutputLock}). */
    static final String LOCK = ".backup.lock";
    /** The key redaction markers are made with ({@link Redactor}). */
    static final String REDACT_KEY = ".redact-key";
    /** Where a new redaction key is written before it is renamed into place. */
    static final String REDACT_KEY_TEMPORARY = REDACT_KEY + ".tmp";
    /** Written when the history is created, so that git tools leave the tool's own files alone. */
    static final String GITIGNORE = ".gitignore";
    /** The history, a git repository in the output directory. */
    static final String HISTORY = ".git";

    private static final String CONFIG_SUFFIX = ".cfg";

    private OutputFiles() {
    }

    /** The file a device's backup is stored in: {@code csr1.cfg}. */
    public static String configOf(String device) {
        return device + CONFIG_SUFFIX;
    }

    /** The device whose backup a file name is, if it is one: {@code csr1} for {@code csr1.cfg}. */
    public static Optional<String> deviceOf(String fileName) {
        if (!fileName.endsWith(CONFIG_SUFFIX) || fileName.startsWith(".") || fileName.length() == CONFIG_SUFFIX.length()) {
            return Optional.empty();
        }
        return Optional.of(fileName.substring(0, fileName.length() - CONFIG_SUFFIX.length()));
    }

    /** Where a device's backup is written before it is renamed over {@link #configOf}: {@code .csr1.cfg.tmp}. */
    static String temporaryConfigOf(String device) {
        return "." + configOf(device) + ".tmp";
    }

    /** A glob for every device's backup. */
    static String configs() {
        return configOf("*");
    }

    /** A glob for the temporary files of every device, which a killed run may have left. */
    static String temporaryConfigs() {
        return temporaryConfigOf("*");
    }

    /** The {@code .gitignore} the history is created with: every file of the tool's own. */
    static String ignored() {
        return String.join("\n", LOCK, temporaryConfigs(), REDACT_KEY, REDACT_KEY_TEMPORARY) + "\n";
    }
}
