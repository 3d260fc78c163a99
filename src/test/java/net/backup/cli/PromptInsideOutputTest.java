package net.backup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.backup.testing.ScriptedDevice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The session's prompt on a line of its own inside kept output: what follows it is not this command's output
 * (probe K's peer had a prompt, an echoed command and a second configuration stored under one name, exit 0). A
 * banner's line that is the prompt is the operator's text, and stays.
 */
class PromptInsideOutputTest {
    private static final String PREVIOUS = "! the last good backup\n";

    @TempDir
    Path dir;

    private CliRun backUp(ScriptedDevice device) throws Exception {
        Path configs = Files.createDirectories(dir.resolve("configs"));
        Files.writeString(configs.resolve("r1.cfg"), PREVIOUS);
        Path inventory = device.writeInventory(dir.resolve("inventory.yaml"), "r1", "cisco_ios");
        return CliRun.of("--inventory", inventory.toString(), "--output-dir", configs.toString(),
                "--known-hosts", dir.resolve("known_hosts").toString(), "--retries", "0", "--no-history");
    }

    @Test
    void aPromptInsideTheOutputFailsTheDeviceAndKeepsThePreviousBackup() throws Exception {
        String shown = "hostname VICTIM\r\nend\r\nR1#\r\ninterface Gi0/1\r\n shutdown\r\n!\r\nend\r\n";
        try (var device = new ScriptedDevice("R1#", command -> command.equals("show run") ? List.of(shown) : List.of())) {
            CliRun result = backUp(device);

            assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.SOME_FAILED);
            assertThat(result.out()).contains("line 3 of the output is the device's prompt ('R1#'): more came after it "
                    + "than one command's output; nothing was stored");
            assertThat(dir.resolve("configs/r1.cfg")).hasContent(PREVIOUS.stripTrailing());
        }
    }

    @Test
    void aBannerLineThatIsThePromptIsKept() throws Exception {
        String shown = "hostname R1\r\nbanner motd ^C\r\nR1#\r\n^C\r\nend\r\n";
        try (var device = new ScriptedDevice("R1#", command -> command.equals("show run") ? List.of(shown) : List.of())) {
            CliRun result = backUp(device);

            assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.OK);
            assertThat(dir.resolve("configs/r1.cfg")).hasContent("hostname R1\nbanner motd ^C\nR1#\n^C\nend");
        }
    }
}
