package net.backup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import net.backup.lab.Lab;
import net.backup.lab.LabSettings;
import net.backup.testing.LabRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DefaultPlatformTest {
    @TempDir
    Path dir;

    @Test
    void aCiscoIosFileInThePlatformsFolderAlsoAppliesToDevicesThatNameNoPlatform() throws IOException {
        try (LabRun run = new LabRun(Lab.start(Lab.healthyFleet("csr", 1), LabSettings.defaults()), dir)) {
            Path platforms = Files.createDirectories(dir.resolve("platforms"));
            String ios = new String(getClass().getResourceAsStream("/platforms/cisco_ios.yaml").readAllBytes(),
                    StandardCharsets.UTF_8);
            // The replacement never saves: a device backed up with it sees no 'wr mem'.
            String save = "save:\n  - {command: wr mem, answers: [{question: 'Overwrite the previous NVRAM configuration\\?\\[confirm\\] *'}]}\n";
            assertThat(ios).contains(save);
            Files.writeString(platforms.resolve("cisco_ios.yaml"), ios.replace(save, ""));
            String inventory = Files.readString(run.inventory());
            assertThat(inventory).contains("platform: cisco_ios");
            Files.writeString(run.inventory(), inventory.replaceAll(" *platform: cisco_ios\n", ""));

            CliRun replaced = run.backup("--platforms", platforms.toString());
            assertThat(replaced.exitCode()).as(replaced.all()).isEqualTo(ExitCodes.OK);
            assertThat(run.lab().device("csr1").saves()).isZero();

            CliRun builtIn = run.backup();
            assertThat(builtIn.exitCode()).as(builtIn.all()).isEqualTo(ExitCodes.OK);
            assertThat(run.lab().device("csr1").saves()).isEqualTo(1);
        }
    }
}
