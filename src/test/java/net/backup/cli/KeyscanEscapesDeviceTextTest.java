package net.backup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import net.backup.testing.RawSshPeer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The words a device hangs up with during the handshake reach the terminal escaped, from keyscan as from a
 * backup: probe H had keyscan retitle the window, erase its own FAILED line and print a forged RECORDED one.
 */
class KeyscanEscapesDeviceTextTest {
    private static final String ESC = "\u001b";
    private static final String HOSTILE = ESC + "bye" + ESC + "]0;owned" + "\u0007" + ESC + "[2K" + ESC + "[G"
            + "RECORDED" + ESC + "[12G" + "r1" + ESC + "[17G" + "127.0.0.1 ssh-ed25519 SHA256:forged" + ESC + "[8m";

    @TempDir
    Path dir;

    @Test
    void keyscanShowsADevicesGoodbyeEscapedAsABackupDoes() throws Exception {
        try (var peer = new RawSshPeer(HOSTILE.getBytes(StandardCharsets.UTF_8))) {
            Path inventory = dir.resolve("inventory.yaml");
            Files.createFile(inventory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(inventory, "defaults:\n  username: u\n  password: p\n  retries: 0\n  connect_timeout: 5s\n"
                    + "devices:\n  - {name: r1, host: 127.0.0.1, port: " + peer.port() + "}\n");
            Path knownHosts = dir.resolve("known_hosts");

            CliRun scan = CliRun.of("keyscan", "--inventory", inventory.toString(), "--known-hosts", knownHosts.toString());

            assertThat(scan.exitCode()).isEqualTo(ExitCodes.SOME_FAILED);
            assertThat(scan.out()).containsPattern("(?m)^FAILED +r1 ").doesNotContain(ESC).doesNotContain("\u0007")
                    .contains("\\ebye\\e]0;owned");
            assertThat(scan.out().lines().filter(line -> line.startsWith("RECORDED"))).isEmpty();
        }
    }
}
