package net.backup.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.PublicKey;
import net.backup.lab.LabHostKey;

/**
 * A {@code backup lab --host-key} file for tests that are not about the key. The lab makes an RSA 2048 key
 * when its file is missing, which costs about a second of CPU; this makes one per test JVM and copies it.
 */
public final class LabKeyFile {
    private static Path original;
    private static PublicKey made;

    private LabKeyFile() {
    }

    /** Writes the shared key to {@code file} (owner-only, as the lab writes it) and returns {@code file}. */
    public static synchronized Path copyTo(Path file) throws IOException {
        if (original == null) {
            Path folder = Files.createTempDirectory("backup-lab-key");
            original = folder.resolve("key");
            made = LabHostKey.loadOrCreate(original).getPublic();
            folder.toFile().deleteOnExit();
            original.toFile().deleteOnExit();
        }
        return Files.copy(original, file, StandardCopyOption.COPY_ATTRIBUTES);
    }

    /** The public key {@link LabHostKey} returned when it made the shared file (none made yet: null). */
    public static synchronized PublicKey publicKeyAsMade() {
        return made;
    }
}
