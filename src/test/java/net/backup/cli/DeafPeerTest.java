package net.backup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import net.backup.testing.BackupProcess;
import net.backup.testing.DeafFloodPeer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A peer that never reads and makes the client write (probe K) is still ended at its connect_timeout: the run
 * closed its connection with a goodbye, which waited for ever on the write lock sshj's stuck reader held, on
 * the one watchdog thread, and from then on no other device's time limit fired either. The run took as long as
 * the peer liked (88 s for a 30 s --deadline).
 */
class DeafPeerTest {
    @TempDir
    Path dir;

    @Test
    void aPeerThatNeverReadsIsEndedAtItsTimeLimit() throws Exception {
        try (var peer = new DeafFloodPeer()) {
            Path inventory = dir.resolve("inventory.yaml");
            Files.writeString(inventory, "defaults:\n  username: u\n  password: p\ndevices:\n"
                    + "  - {name: deaf, host: 127.0.0.1, port: " + peer.port() + ", platform: cisco_ios}\n");
            Files.setPosixFilePermissions(inventory, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));

            try (var backup = BackupProcess.start(dir, "--inventory", inventory.toString(), "--output-dir",
                    dir.resolve("configs").toString(), "--known-hosts", dir.resolve("known_hosts").toString(),
                    "--connect-timeout", "2s", "--retries", "0", "--no-history")) {
                // Bounded so that the test ends; the peer floods for a minute, which the run must not wait out.
                int exit = backup.waitFor(Duration.ofSeconds(40));

                assertThat(exit).as(backup.out()).isEqualTo(ExitCodes.SOME_FAILED);
                assertThat(backup.out()).containsPattern("FAILED +deaf .*no SSH handshake within 2 s \\(connect_timeout\\)");
            }
        }
    }
}
