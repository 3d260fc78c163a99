package net.backup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import net.backup.testing.TestSshServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A device that breaks the SSH protocol on its channel (data beyond the window the client gave, a packet larger
 * than the client said it takes) is failing, not the network: the device fails once, with a sentence that says
 * what it did, instead of sshj's words as a lost connection, tried again.
 */
class ProtocolBreachTest {
    @TempDir
    Path dir;

    @Test
    void dataBeyondTheClientsWindowFailsTheDeviceOnce() throws IOException {
        try (var device = TestSshServer.startIgnoringTheWindow(32_000, 3 << 20, TestSshServer.newKey("EC", 256))) {
            CliRun result = backUp(device);

            assertThat(result.exitCode()).isEqualTo(ExitCodes.SOME_FAILED);
            assertThat(result.out()).containsPattern("FAILED +csr1 +- +[0-9.]+ s  the device broke the SSH protocol: it sent more"
                    + " data than the channel's window allowed\\n");
            assertThat(device.connections()).isEqualTo(1);
        }
    }

    @Test
    void aPacketLargerThanTheClientTakesFailsTheDeviceOnce() throws IOException {
        try (var device = TestSshServer.startIgnoringTheWindow(100_003, 100_003, TestSshServer.newKey("EC", 256))) {
            CliRun result = backUp(device);

            assertThat(result.exitCode()).isEqualTo(ExitCodes.SOME_FAILED);
            assertThat(result.out()).containsPattern("FAILED +csr1 +- +[0-9.]+ s  the device sent an SSH message with a field of"
                    + " 100003 bytes, and the SSH library reads at most 32 KiB\\n");
            assertThat(device.connections()).isEqualTo(1);
        }
    }

    private CliRun backUp(TestSshServer device) throws IOException {
        Path inventory = device.writeInventory(dir.resolve("inventory.yaml"), "csr1", "Pw-breach-4k8w");
        return CliRun.of("--inventory", inventory.toString(), "--output-dir", dir.resolve("configs").toString(),
                "--known-hosts", dir.resolve("known_hosts").toString(), "--retries", "3", "--retry-delay", "10ms",
                "--command-timeout", "5s");
    }
}
