package net.backup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import net.backup.testing.ScriptedDevice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A login is waited for as a command is (command_timeout), not for connect_timeout, which is the TCP connection's
 * and the SSH handshake's: a device whose TACACS+ server took longer than connect_timeout to accept the password
 * was given up on, sent the password again by keyboard-interactive, and reported as a wrong password (probe K).
 */
class SlowLoginTest {
    @TempDir
    Path dir;

    @Test
    void aLoginSlowerThanTheConnectTimeoutIsWaitedFor() throws Exception {
        try (var device = new ScriptedDevice("R1#", command -> command.equals("show run")
                ? List.of("hostname R1\r\nend\r\n") : List.of()).answeringLoginsAfter(2500)) {
            Path inventory = device.writeInventory(dir.resolve("inventory.yaml"), "r1", "cisco_ios");

            CliRun result = CliRun.of("--inventory", inventory.toString(), "--output-dir", dir.resolve("configs").toString(),
                    "--known-hosts", dir.resolve("known_hosts").toString(), "--retries", "0", "--no-history",
                    "--connect-timeout", "1s", "--command-timeout", "20s");

            assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.OK);
            assertThat(dir.resolve("configs/r1.cfg")).hasContent("hostname R1\nend");
        }
    }
}
