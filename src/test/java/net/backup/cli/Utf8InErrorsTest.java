package net.backup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.backup.testing.ScriptedDevice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A device's words quoted in an error are the text its UTF-8 bytes are, on the console and in the report: probe H
 * had 'Zürich – 日本' shown as 'ZÃ¼rich Ã¢Â...', with raw C1 characters in the JSON.
 */
class Utf8InErrorsTest {
    @TempDir
    Path dir;

    @Test
    void aDevicesUtf8ErrorLineIsQuotedAsText() throws Exception {
        String text = "% Invalid input: description Z\u00fcrich \u2013 \u65e5\u672c";
        String asBytes = new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
        try (var device = new ScriptedDevice("r1#", command -> command.equals("show run")
                ? List.of("\r\nBuilding configuration...\r\n" + asBytes + "\r\nend\r\n") : List.of())) {
            Path inventory = device.writeInventory(dir.resolve("inventory.yaml"), "r1", "cisco_ios");
            Path report = dir.resolve("report.json");

            CliRun run = CliRun.of("--inventory", inventory.toString(), "--known-hosts", dir.resolve("known_hosts").toString(),
                    "--output-dir", dir.resolve("configs").toString(), "--retries", "0", "--no-save", "--no-history",
                    "--report", report.toString());

            assertThat(run.out()).containsPattern("(?m)^FAILED +r1 .*the device answered with an error: " + text + "$");
            assertThat(Files.readString(report, StandardCharsets.UTF_8)).contains(text).doesNotContain("\u0080");
        }
    }
}
