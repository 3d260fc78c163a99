package net.backup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Set;
import net.backup.lab.DeviceKinds;
import net.backup.lab.Lab;
import net.backup.lab.LabSettings;
import net.backup.lab.SimulatedDevice;
import net.backup.platform.Platforms;
import net.backup.testing.LabRun;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lab writes each kind's secret forms into its configurations and knows which strings are secret:
 * after a run with --redact, no stored file of any built-in platform holds any of them.
 */
class RedactionInTheLabTest {
    @TempDir
    Path dir;

    @Test
    void noSecretTheLabGeneratedSurvivesRedactOnAnyBuiltInPlatform() throws IOException {
        var specs = new ArrayList<Lab.DeviceSpec>();
        for (String kind : DeviceKinds.builtIn().names()) {
            if (Platforms.builtIn().find(kind).isEmpty()) {
                continue; // a lab kind with no built-in platform (the Dell switch) has no built-in rules either
            }
            for (int i = 1; i <= 3; i++) {
                specs.add(new Lab.DeviceSpec(kind + "-" + i, Set.of(), kind));
            }
        }
        try (LabRun run = new LabRun(Lab.start(specs, LabSettings.defaults()), dir)) {
            CliRun result = run.backup("--redact");
            assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.OK);

            var softly = new SoftAssertions();
            for (SimulatedDevice device : run.lab().devices()) {
                String stored = run.backupOf(device.name());
                assertThat(device.secrets()).as(device.name() + " carries secrets").isNotEmpty();
                for (String secret : device.secrets()) {
                    softly.assertThat(stored).as(device.name() + " after --redact").doesNotContain(secret);
                }
                softly.assertThat(stored).as(device.name()).contains("<redacted:");
            }
            softly.assertAll();
        }
    }
}
