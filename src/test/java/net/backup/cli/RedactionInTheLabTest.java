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

    /**
     * One run without --redact into a directory whose backups are redacted put every secret back into the files and
     * the history, for good, exit 0 (probe M): it is refused before any device.
     */
    @Test
    void aRunThatWouldStoreRedactedBackupsInClearIsRefused() throws IOException {
        try (LabRun run = new LabRun(Lab.start(Lab.healthyFleet("csr", 2), LabSettings.defaults()), dir)) {
            assertThat(run.backup("--redact").exitCode()).isEqualTo(ExitCodes.OK);
            String redacted = run.backupOf("csr1");
            int sessions = run.lab().sessions().total();

            CliRun result = run.backup();

            assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
            assertThat(result.err()).isEqualTo("backup: the backups of csr1, csr2 in " + run.output().toRealPath()
                    + " are redacted, and this run would store their secrets in clear, in the files and the history: add --redact"
                    + " (or redact: true); to store them in clear from now on, remove their files first\n");
            assertThat(run.lab().sessions().total()).isEqualTo(sessions);
            assertThat(run.backupOf("csr1")).isEqualTo(redacted);
            assertThat(run.backup("--redact").exitCode()).isEqualTo(ExitCodes.OK);
            assertThat(run.backupOf("csr1")).isEqualTo(redacted);
        }
    }

    /**
     * A copy or clone of the directory has no key (it is never committed): a new one changed every marker, and the
     * whole fleet "changed" in one commit (probe M). Refused, saying how to go on.
     */
    @Test
    void aLostKeyIsNotReplacedWhileTheBackupsHoldItsMarkers() throws IOException {
        try (LabRun run = new LabRun(Lab.start(Lab.healthyFleet("csr", 1), LabSettings.defaults()), dir)) {
            assertThat(run.backup("--redact").exitCode()).isEqualTo(ExitCodes.OK);
            String redacted = run.backupOf("csr1");
            Path key = run.output().toRealPath().resolve(".redact-key");
            java.nio.file.Files.delete(key);

            CliRun result = run.backup("--redact");

            assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
            assertThat(result.err()).startsWith("backup: the backups in " + run.output().toRealPath()
                    + " hold redaction markers (csr1.cfg), but the key they were made with is missing (" + key)
                    .contains("put it back; if it is lost for good, make a new one");
            assertThat(key).doesNotExist();
            assertThat(run.backupOf("csr1")).isEqualTo(redacted);
        }
    }
}
