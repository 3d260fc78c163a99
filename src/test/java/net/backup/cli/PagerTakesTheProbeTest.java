package net.backup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.backup.testing.ScriptedDevice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A device that pages although its setup should have turned paging off, with a configuration line that is
 * exactly the prompt followed by a pause: the end-of-output probe is typed there, and the pagers that follow take
 * its keys one by one. The device fails, its previous backup stays, and the message says the device pages (an
 * outside probe's FortiOS fake, whose 'no output for 20 s ... after '--More--'' said nothing of the kind).
 */
class PagerTakesTheProbeTest {
    private static final String PREVIOUS = "! the last good backup\n";

    @TempDir
    Path dir;

    @Test
    void aPagerThatTakesTheProbesKeysFailsTheDeviceSayingThatItPages() throws Exception {
        var pages = new ArrayList<Object>(List.of("config system global\r\n    set hostname FGT\r\nFGT # ", 1000L, "\r\n"));
        for (int page = 0; page < 60; page++) {
            pages.add("    set line" + page + " x\r\n");
            pages.add(new ScriptedDevice.Pager("--More-- ", "\r         \r"));
        }
        pages.add("end\r\n");
        try (var device = new ScriptedDevice("FGT # ", command -> command.equals("show") ? pages : List.of())) {
            Path platforms = Files.createDirectories(dir.resolve("platforms"));
            Files.writeString(platforms.resolve("fortios.yaml"), """
                    name: fortios
                    prompt: '[\\w-]+ (\\([\\w-]+\\) )?#'
                    pager: '--More--'
                    backup: [show]
                    text_blocks: []
                    """);
            Path configs = Files.createDirectories(dir.resolve("configs"));
            Files.writeString(configs.resolve("fgt.cfg"), PREVIOUS);
            Path inventory = device.writeInventory(dir.resolve("inventory.yaml"), "fgt", "fortios");

            CliRun result = CliRun.of("--inventory", inventory.toString(), "--output-dir", configs.toString(),
                    "--known-hosts", dir.resolve("known_hosts").toString(), "--platforms", platforms.toString(),
                    "--retries", "0", "--no-history", "--command-timeout", "3s");

            assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.SOME_FAILED);
            assertThat(result.out()).contains("it was waiting at its pager ('--More--'): the device pages although its"
                    + " platform's setup should turn paging off, and a pager takes keys typed ahead (the end-of-output probe)");
            assertThat(Files.readString(configs.resolve("fgt.cfg"))).isEqualTo(PREVIOUS);
            assertThat(device.pagerKeys()).as("the pagers took the probe's keys").startsWith("!backup-end-of-output-");
        }
    }
}
