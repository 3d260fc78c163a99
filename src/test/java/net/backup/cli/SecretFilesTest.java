package net.backup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import net.backup.testing.BackupProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Secret and key files that are not regular files end the run at once: exit 2, one line, no hang, no stack trace. */
class SecretFilesTest {
    @TempDir
    Path dir;

    private Path inventory(String defaults) throws IOException {
        return Files.writeString(dir.resolve("inventory.yaml"),
                "defaults: {username: u, " + defaults + "}\ndevices:\n  - {name: r1, host: 127.0.0.1, port: 1}\n");
    }

    @Test
    void aPasswordFileThatIsAFifoEndsTheRealProcessAtOnceWithOneLine() throws Exception {
        Path fifo = dir.resolve("pass.fifo");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        Path inventory = inventory("password_file: pass.fifo");

        try (var backup = BackupProcess.start(dir, "--inventory", inventory.toString(), "--output-dir",
                dir.resolve("configs").toString())) {
            assertThat(backup.waitFor(Duration.ofSeconds(60))).isEqualTo(ExitCodes.USAGE);
            assertThat(backup.err()).isEqualTo("backup: " + inventory + ":1:40: defaults.password_file: " + fifo
                    + " is a FIFO, not a regular file\n");
            assertThat(backup.out()).isEmpty();
        }
    }

    @Test
    void aPasswordFileThatIsDevZeroIsOneLineNotOutOfMemory() throws IOException {
        Path inventory = inventory("password_file: /dev/zero");

        CliRun result = CliRun.of("--inventory", inventory.toString(), "--output-dir", dir.resolve("configs").toString());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).isEqualTo("backup: " + inventory
                + ":1:40: defaults.password_file: /dev/zero is a character device, not a regular file\n");
    }

    @Test
    void aKeyFileThatIsADirectoryIsOneLine() throws IOException {
        Files.createDirectory(dir.resolve("keys"));
        Path inventory = inventory("key_file: keys");

        CliRun result = CliRun.of("--inventory", inventory.toString(), "--output-dir", dir.resolve("configs").toString());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).isEqualTo("backup: " + inventory + ":1:35: defaults.key_file: " + dir.resolve("keys")
                + " is a directory, not a regular file\n");
    }
}
