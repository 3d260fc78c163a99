package net.backup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import net.backup.testing.TestSshServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A login banner longer than the SSH library reads (32 KiB a field) ends the connection on our side. That is
 * the device's doing and the same on every try: it is said as such, not as a lost connection, and not retried.
 */
class LongLoginBannerTest {
    @TempDir
    Path dir;

    @Test
    void aLoginBannerTooLongToReadFailsTheDeviceOnceWithTheReason() throws IOException {
        String banner = "Authorised use only. Activity is monitored and recorded.\n".repeat(700); // 40 KB
        try (var device = TestSshServer.startWithBanner(banner, TestSshServer.newKey("EC", 256))) {
            Path inventory = device.writeInventory(dir.resolve("inventory.yaml"), "csr1", "Pw-banner-7q2m");

            CliRun result = CliRun.of("--inventory", inventory.toString(), "--output-dir", dir.resolve("configs").toString(),
                    "--known-hosts", dir.resolve("known_hosts").toString(), "--retries", "3", "--retry-delay", "10ms");

            assertThat(result.exitCode()).isEqualTo(ExitCodes.SOME_FAILED);
            assertThat(result.out()).contains("FAILED", "the device sent an SSH message with a field of " + banner.length()
                    + " bytes, and the SSH library reads at most 32 KiB (a login banner that long?)").doesNotContain("attempts");
            assertThat(device.connections()).isEqualTo(1);
            assertThat(device.passwordsSeen()).isEmpty();
        }
    }

    /**
     * A banner longer than the largest packet the SSH library takes (256 KiB) is refused by its packet reader, which
     * names it with the reason a device's hang-up on a login has: it was said as a refused login, after only the
     * {@code none} request had gone out.
     */
    @Test
    void aLoginBannerInAPacketTooLargeToReadFailsTheDeviceOnceAsSuch() throws IOException {
        String banner = "x".repeat(1 << 20);
        try (var device = TestSshServer.startWithBanner(banner, TestSshServer.newKey("EC", 256))) {
            Path inventory = device.writeInventory(dir.resolve("inventory.yaml"), "csr1", "Pw-banner-7q2m");

            CliRun result = CliRun.of("--inventory", inventory.toString(), "--output-dir", dir.resolve("configs").toString(),
                    "--known-hosts", dir.resolve("known_hosts").toString(), "--retries", "3", "--retry-delay", "10ms");

            assertThat(result.exitCode()).isEqualTo(ExitCodes.SOME_FAILED);
            assertThat(result.out()).containsPattern("FAILED +csr1 +- +[0-9.]+ s  the device sent an SSH packet of 10[0-9]{5}"
                    + " bytes, larger than SSH allows \\(the SSH library takes at most 256 KiB\\) \\(a login banner that long\\?\\)\n");
            assertThat(device.connections()).isEqualTo(1);
            assertThat(device.passwordsSeen()).isEmpty();
        }
    }

    /** A packet too large during the key exchange is no banner: no banner comes before the keys (probe K). */
    @Test
    void aPacketTooLargeBeforeTheKeysAreExchangedIsNotCalledABanner() throws IOException {
        try (var peer = net.backup.testing.RawSshPeer.sending(new byte[] {0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xf0, 0, 0, 0, 0})) {
            Path inventory = dir.resolve("inventory.yaml");
            java.nio.file.Files.writeString(inventory, "defaults:\n  username: u\n  password: p\ndevices:\n"
                    + "  - {name: r1, host: 127.0.0.1, port: " + peer.port() + ", platform: cisco_ios}\n");
            java.nio.file.Files.setPosixFilePermissions(inventory, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));

            CliRun result = CliRun.of("--inventory", inventory.toString(), "--output-dir", dir.resolve("configs").toString(),
                    "--known-hosts", dir.resolve("known_hosts").toString(), "--retries", "0", "--connect-timeout", "5s");

            assertThat(result.out()).contains("the device sent an SSH packet of 2147483632 bytes, larger than SSH allows "
                    + "(the SSH library takes at most 256 KiB)").doesNotContain("banner");
        }
    }
}
