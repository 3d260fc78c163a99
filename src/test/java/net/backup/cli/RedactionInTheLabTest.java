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
     * the history, for good, exit 0 (probe M): each such device fails, its redacted backup kept; a key is not needed
     * to tell (a clone has none).
     */
    @Test
    void aDeviceWhoseRedactedBackupWouldBeStoredInClearFails() throws IOException {
        try (LabRun run = new LabRun(Lab.start(Lab.healthyFleet("csr", 2), LabSettings.defaults()), dir)) {
            assertThat(run.backup("--redact").exitCode()).isEqualTo(ExitCodes.OK);
            String redacted = run.backupOf("csr1");

            CliRun result = run.backup("--no-history");

            assertThat(result.exitCode()).isEqualTo(ExitCodes.SOME_FAILED);
            Path file = run.output().toRealPath().resolve("csr1.cfg");
            assertThat(result.out()).containsPattern("(?m)^FAILED +csr1 .*cannot write " + java.util.regex.Pattern.quote(file.toString())
                    + ": its backup is redacted \\(<redacted:[0-9a-f]{8}> in it\\) and this run does not redact it: storing it"
                    + " would put its secrets in clear, in the file and the history; add --redact \\(or redact: true\\), or remove "
                    + java.util.regex.Pattern.quote(file.toString()) + " to store it in clear from now on \\(or if it never was redacted\\)$");
            assertThat(run.backupOf("csr1")).isEqualTo(redacted);

            java.nio.file.Files.delete(run.output().resolve(".redact-key"));
            assertThat(run.backup("--no-history").out()).containsPattern("(?m)^FAILED +csr1 .*its backup is redacted");
            assertThat(run.backupOf("csr1")).isEqualTo(redacted);
        }
    }

    /**
     * Redaction per device: a fleet where one device is redacted and another not runs as it is, night after night;
     * text that only looks like a marker in a device that is not redacted (a configuration restored from a redacted
     * backup) stops nothing (the cold review).
     */
    @Test
    void aMixedFleetAndTextThatLooksLikeAMarkerRunAsTheyAre() throws IOException {
        try (LabRun run = new LabRun(Lab.start(Lab.healthyFleet("csr", 2), LabSettings.defaults()), dir)) {
            run.lab().device("csr2").setDescription("Loopback7", "<redacted:00000000>");
            String inventory = java.nio.file.Files.readString(run.inventory());
            java.nio.file.Files.writeString(run.inventory(), inventory.replaceFirst("\\{name: csr1,", "{name: csr1, redact: true,"));

            CliRun first = run.backup();
            CliRun second = run.backup();

            assertThat(first.exitCode()).as(first.all()).isEqualTo(ExitCodes.OK);
            assertThat(second.exitCode()).as(second.all()).isEqualTo(ExitCodes.OK);
            assertThat(run.backupOf("csr1")).contains("<redacted:");
            assertThat(run.backupOf("csr2")).contains("<redacted:00000000>");
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
                    .contains("put it back; if it is lost for good, or those markers are a device's own text, make a new one");
            assertThat(key).doesNotExist();
            assertThat(run.backupOf("csr1")).isEqualTo(redacted);
        }
    }
}
