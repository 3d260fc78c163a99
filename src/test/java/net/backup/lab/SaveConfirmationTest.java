package net.backup.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import net.backup.cli.CliRun;
import net.backup.testing.LabRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * IOS asks before {@code write memory} writes over a startup configuration that another image version saved,
 * and takes one key: the built-in platform confirms with Enter, once, and the backup goes on.
 */
class SaveConfirmationTest {
    private static final String SAVE = "  - {command: 'wr[ite] m[emory]', output: ['Building configuration...', '[OK]']}\n";
    private static final String CONFIRMING_SAVE = "  - command: 'wr[ite] m[emory]'\n"
            + "    questions: [{text: \"Warning: Attempting to overwrite an NVRAM configuration previously written by a "
            + "different version of the system image.\\r\\nOverwrite the previous NVRAM configuration?[confirm]\", "
            + "answer: key, accept: ['']}]\n"
            + "    output: ['Building configuration...', '[OK]']\n";

    @TempDir
    Path dir;

    @Test
    void theOverwriteQuestionIsConfirmedAndTheDeviceIsSavedAndBackedUp() throws IOException {
        try (LabRun run = new LabRun(iosAskingToOverwrite(), dir)) {
            CliRun result = run.backup("--retries", "0");

            assertThat(result.exitCode()).as(result.all()).isZero();
            assertThat(run.lab().device("r1").saves()).as("saved once").isEqualTo(1);
            assertThat(run.backupOf("r1")).isEqualTo(run.lab().device("r1").stableConfig());
        }
    }

    private Lab iosAskingToOverwrite() throws IOException {
        String ios;
        try (InputStream in = getClass().getResourceAsStream("/lab/cisco_ios.yaml")) {
            ios = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(ios).contains(SAVE);
        Path kinds = Files.createDirectories(dir.resolve("kinds"));
        Files.writeString(kinds.resolve("cisco_ios.yaml"), ios.replace(SAVE, CONFIRMING_SAVE));
        return Lab.builder(List.of(new Lab.DeviceSpec("r1", Set.of())), LabSettings.defaults())
                .kinds(DeviceKinds.builtIn().withFolder(kinds)).start();
    }
}
