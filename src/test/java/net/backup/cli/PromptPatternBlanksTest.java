package net.backup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import net.backup.lab.Lab;
import net.backup.lab.LabSettings;
import net.backup.testing.LabRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/platforms.md says a platform's patterns match whole lines with the blanks around them ignored; the prompt
 * pattern was matched with the prompt's trailing blank, so a pattern written from the prompt as the screen shows
 * it ({@code [admin@MikroTik] >}, {@code sw1#}) never matched, and the device failed after command_timeout with
 * "no output" (an outside probe, with MikroTik, FortiOS, PAN-OS, VyOS and EXOS prompts).
 */
class PromptPatternBlanksTest {
    @TempDir
    Path dir;

    @Test
    void aPromptPatternWithoutTheTrailingBlankMatchesAPromptThatEndsWithOne() throws Exception {
        try (LabRun run = new LabRun(Lab.start(List.of(new Lab.DeviceSpec("sw1", Set.of(), "cisco_nxos")),
                LabSettings.defaults()), dir)) {
            Path platforms = Files.createDirectories(dir.resolve("platforms"));
            String nxos = new String(getClass().getResourceAsStream("/platforms/cisco_nxos.yaml").readAllBytes(),
                    StandardCharsets.UTF_8);
            String withBlank = "prompt: '[\\w.@/:-]+(\\(config[\\w/.-]*\\))?# ?'\n";
            assertThat(nxos).contains(withBlank);
            Files.writeString(platforms.resolve("cisco_nxos.yaml"), nxos.replace(withBlank, "prompt: '[\\w.@/:-]+#'\n"));

            CliRun result = run.backup("--platforms", platforms.toString(), "--command-timeout", "5s", "--retries", "0");

            assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.OK);
            assertThat(run.backupOf("sw1")).isEqualTo(run.lab().device("sw1").stableConfig());
        }
    }
}
