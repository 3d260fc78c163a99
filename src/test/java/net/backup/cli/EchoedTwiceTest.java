package net.backup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import net.backup.lab.Fault;
import net.backup.lab.Lab;
import net.backup.lab.LabSettings;
import net.backup.testing.LabRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reply starts after the device's echo of its command. A device that sends the whole command line once more
 * after the Enter puts the command where the configuration's first line should be: such output is not the
 * configuration, and the device fails rather than have it stored (found by an outside probe).
 */
class EchoedTwiceTest {
    private static final String PREVIOUS = "! the previous backup\nend\n";

    @TempDir
    Path dir;

    @Test
    void aDeviceThatEchoesTheCommandLineTwiceFailsAndKeepsItsPreviousBackup() throws Exception {
        try (LabRun run = new LabRun(Lab.start(List.of(new Lab.DeviceSpec("twice", Set.of(Fault.ECHO_LINE_TWICE))),
                LabSettings.defaults()), dir)) {
            run.writeBackup("twice", PREVIOUS);
            Path report = dir.resolve("report.json");

            CliRun result = run.backup("--report", report.toString(), "--retries", "0");

            assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.SOME_FAILED);
            assertThat(result.out()).containsPattern("(?m)^FAILED +twice +.*  the device echoed 'show run'"
                    + " twice \\(the output's first line is the command again\\); nothing was stored$");
            assertThat(Files.readString(report)).contains("\"cause\": \"INVALID_OUTPUT\"");
            assertThat(run.backupOf("twice")).isEqualTo(PREVIOUS);
        }
    }

    /** The same mistake the other way round: a device that echoes, with a platform file that says it does not. */
    @Test
    void aDeviceThatEchoesBackedUpWithEchoFalseFailsInsteadOfStoringTheCommand() throws Exception {
        Path platforms = Files.createDirectories(dir.resolve("platforms"));
        try (var builtIn = EchoedTwiceTest.class.getResourceAsStream("/platforms/cisco_ios.yaml")) {
            Files.writeString(platforms.resolve("cisco_ios.yaml"),
                    new String(builtIn.readAllBytes(), StandardCharsets.UTF_8) + "\necho: false\n");
        }
        try (LabRun run = new LabRun(Lab.start(List.of(Lab.DeviceSpec.healthy("echoes")), LabSettings.defaults()), dir)) {
            Files.writeString(run.inventory(), Files.readString(run.inventory())
                    .replace("defaults:\n", "platforms_dir: " + platforms + "\ndefaults:\n"));
            run.writeBackup("echoes", PREVIOUS);

            CliRun result = run.backup("--retries", "0");

            assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.SOME_FAILED);
            assertThat(result.out()).containsPattern("(?m)^FAILED +echoes +.*  the device echoed 'show run', though its"
                    + " platform says echo: false \\(the output's first line is the command\\); nothing was stored$");
            assertThat(run.backupOf("echoes")).isEqualTo(PREVIOUS);
        }
    }
}
