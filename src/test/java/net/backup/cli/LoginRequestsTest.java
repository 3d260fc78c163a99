package net.backup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import net.backup.testing.TestSshServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a device may ask during the login that a backup must not go along with. */
class LoginRequestsTest {
    private static final String PASSWORD = "Pw-login-7hq2";

    @TempDir
    Path dir;

    /**
     * An expired password: the device asks for a new one. sshj's password method answered with an empty new
     * password, which such a device would have made the account's password. The run refuses, says why, and does
     * not try again.
     */
    @Test
    void aRequestToChangeThePasswordIsRefusedAndNamed() throws IOException {
        try (var device = TestSshServer.startRequiringPasswordChange(TestSshServer.newKey("EC", 256))) {
            CliRun result = backUp(device);

            assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.SOME_FAILED);
            assertThat(device.newPasswordsSeen()).as("new passwords the device was offered").isEmpty();
            assertThat(result.out()).contains("FAILED", "the device asks for a new password for user 'ntc' ('Password "
                    + "expired. Enter a new one'): a backup never changes a password, so it was not answered (change it on "
                    + "the device)");
            assertThat(device.connections()).as("not retried").isEqualTo(1);
        }
    }

    /** A device that asks for the password again (and again) after it was given gets it once. */
    @Test
    void aPasswordAskedForAgainIsNotSentAgain() throws IOException {
        try (var device = TestSshServer.startAskingForThePasswordAgain(50, TestSshServer.newKey("EC", 256))) {
            CliRun result = backUp(device);

            assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.SOME_FAILED);
            assertThat(device.passwordsSeen()).as("answers carrying the password").containsOnlyOnce(PASSWORD);
            assertThat(device.answers()).as("rounds answered: the second question gets no answer at all").containsExactly(PASSWORD);
            assertThat(result.out()).contains("FAILED", "the device asked for the password again after it was given");
            assertThat(device.connections()).as("not retried").isEqualTo(1);
        }
    }

    private CliRun backUp(TestSshServer device) throws IOException {
        Path inventory = device.writeInventory(dir.resolve("inventory.yaml"), "csr1", PASSWORD);
        return CliRun.of("--inventory", inventory.toString(), "--output-dir", dir.resolve("configs").toString(),
                "--known-hosts", dir.resolve("known_hosts").toString(), "--retries", "2", "--retry-delay", "10ms");
    }
}
