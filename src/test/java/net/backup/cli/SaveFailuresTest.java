package net.backup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.backup.testing.ScriptedDevice;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A save that fails in words without a '%' fails the device, as any other failed save: IOS's "startup-config file
 * open failed", NX-OS's "Configuration update aborted" after its progress bar (a documented TAC case) were taken
 * for success, exit 0, no note (probe J).
 */
class SaveFailuresTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "cisco_ios | R1# | wr mem | Building configuration...\\r\\nstartup-config file open failed (Device or resource busy)\\r\\n"
                + " | startup-config file open failed (Device or resource busy)",
        "cisco_nxos | nx1# | copy running-config startup-config | [########################################] 99%"
                + "Configuration update aborted: request was aborted\\r\\n"
                + " | [########################################] 99%Configuration update aborted: request was aborted",
    })
    void aSaveThatSaysItFailedWithoutAPercentSignFailsTheDevice(String platform, String prompt, String save,
            String answer, String error) throws Exception {
        Path configs = Files.createDirectories(dir.resolve("configs"));
        Files.writeString(configs.resolve("r1.cfg"), "! previous\n");
        try (var device = new ScriptedDevice(prompt, command -> command.equals(save) ? List.of(answer.replace("\\r\\n", "\r\n"))
                : command.startsWith("show") ? List.of("hostname r1\r\nend\r\n") : List.of())) {
            Path inventory = device.writeInventory(dir.resolve("inventory.yaml"), "r1", platform);

            CliRun result = CliRun.of("--inventory", inventory.toString(), "--output-dir", configs.toString(),
                    "--known-hosts", dir.resolve("known_hosts").toString(), "--retries", "0", "--no-history");

            assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.SOME_FAILED);
            assertThat(result.out()).contains("'" + save + "' failed: " + error);
            assertThat(configs.resolve("r1.cfg")).hasContent("! previous");
        }
    }
}
