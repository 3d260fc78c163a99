package net.backup.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A file outside the output directory that a planted link points at: whatever the tool does, it must keep
 * its content and its mode (0644).
 */
public final class Victim {
    private Victim() {
    }

    /** The victim in {@code dir}, made on first use. */
    public static Path in(Path dir) throws IOException {
        Path victim = dir.resolve("victim");
        if (!Files.exists(victim)) {
            Files.writeString(victim, "precious\n");
            Files.setPosixFilePermissions(victim, PosixFilePermissions.fromString("rw-r--r--"));
        }
        return victim;
    }

    public static void assertUntouched(Path dir) throws IOException {
        assertThat(Files.readString(in(dir))).isEqualTo("precious\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(in(dir)))).isEqualTo("rw-r--r--");
    }
}
