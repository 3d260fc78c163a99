package net.backup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import net.backup.testing.TestSshServer;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A device that answers a password by hanging up (SSH_MSG_DISCONNECT) may be saying the password is wrong, and
 * an account locks after a few wrong ones: the run sends it once, however many retries it has.
 */
class HangUpAfterLoginTest {
    private static final String PASSWORD = "Pw-hangup-4k1z";

    @TempDir
    Path dir;

    @Test
    void aDeviceThatHangsUpOnThePasswordGetsItOnceAndTheFailureSaysWhy() throws IOException {
        try (var device = TestSshServer.startHangingUpOnPasswords(TestSshServer.newKey("EC", 256))) {
            Path inventory = device.writeInventory(dir.resolve("inventory.yaml"), "csr1", PASSWORD);

            CliRun result = CliRun.of("--inventory", inventory.toString(), "--output-dir", dir.resolve("configs").toString(),
                    "--known-hosts", dir.resolve("known_hosts").toString(), "--retries", "3", "--retry-delay", "10ms");

            assertThat(result.exitCode()).isEqualTo(ExitCodes.SOME_FAILED);
            assertThat(result.out()).contains("FAILED", "the device hung up after the login was sent (a refused login?",
                    "); not retried, so that the account is not locked out").doesNotContain("attempts");
            assertThat(device.passwordsSeen()).containsExactly(PASSWORD);
            assertThat(device.connections()).isEqualTo(1);
        }
    }

    /**
     * A device that allows one try (OpenSSH's MaxAuthTries 1) refuses the key, then hangs up on the next request
     * without looking at the password: the failure says the key was refused first.
     */
    @Test
    void aDeviceThatHangsUpAfterRefusingTheKeySaysTheKeyWasRefused() throws Exception {
        KeyPair ours = TestSshServer.newKey("EC", 256);
        Path keyFile = dir.resolve("id_ecdsa");
        try (OutputStream out = Files.newOutputStream(keyFile)) {
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(ours, "test", null, out);
        }
        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));
        try (var device = TestSshServer.startHangingUpOnPasswords(TestSshServer.newKey("EC", 256))) {
            Path inventory = device.writeInventory(dir.resolve("inventory.yaml"), "csr1", PASSWORD);
            Files.writeString(inventory, Files.readString(inventory).replace("  username: ntc\n", "  username: ntc\n  key_file: id_ecdsa\n"));

            CliRun result = CliRun.of("--inventory", inventory.toString(), "--output-dir", dir.resolve("configs").toString(),
                    "--known-hosts", dir.resolve("known_hosts").toString(), "--retries", "3", "--retry-delay", "10ms");

            assertThat(result.exitCode()).isEqualTo(ExitCodes.SOME_FAILED);
            assertThat(result.out()).contains("FAILED", "(a refused login? it had refused publickey", "; not retried");
            assertThat(device.passwordsSeen()).as("once, never again").hasSizeLessThanOrEqualTo(1);
            assertThat(device.connections()).isEqualTo(1);
        }
    }
}
