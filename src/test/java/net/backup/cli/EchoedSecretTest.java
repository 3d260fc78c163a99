package net.backup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.backup.testing.ScriptedDevice;
import org.junit.jupiter.api.io.TempDir;

/**
 * A device that echoes the enable secret as it is typed, and then stalls: the timeout's message quotes the line it
 * waits with, and the secret is hidden there, on the console and in the report (probe H had it in clear).
 */
class EchoedSecretTest {
    private static final String SECRET = "Ena6leS3cretXYZ";

    @TempDir
    Path dir;

    /** A secret with blanks, which a secret rule would have rewritten in part before it was looked for. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {SECRET, "horse key battery staple", "my password 0 abc"})
    void anEnableSecretTheDeviceEchoesIsNeverQuoted(String secret) throws Exception {
        try (var device = new ScriptedDevice("r1>", command -> command.equals("enable")
                ? List.of("Password: ", new ScriptedDevice.EchoedLine(), 30_000L) : List.of())) {
            Path inventory = device.writeInventory(dir.resolve("inventory.yaml"), "r1", "cisco_ios");
            Files.writeString(inventory, Files.readString(inventory).replace("  password: p\n",
                    "  password: p\n  enable_secret: '" + secret + "'\n"));
            Path report = dir.resolve("report.json");

            CliRun run = CliRun.of("--inventory", inventory.toString(), "--known-hosts", dir.resolve("known_hosts").toString(),
                    "--output-dir", dir.resolve("configs").toString(), "--retries", "0", "--command-timeout", "2s",
                    "--no-history", "--report", report.toString());

            assertThat(run.out()).containsPattern("(?m)^FAILED +r1 .*it was waiting after 'Password: \\*\\*\\*\\*\\*\\*'");
            assertThat(run.all()).doesNotContain(secret).doesNotContain("battery").doesNotContain("abc");
            assertThat(Files.readString(report)).doesNotContain(secret).contains("Password: ******");
        }
    }
}
