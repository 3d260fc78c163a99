package net.backup.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import net.backup.cli.CliRun;
import net.backup.cli.ExitCodes;
import net.backup.testing.LabKeyFile;
import net.backup.testing.LabRun;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Each simulated device kind against its built-in platform file, and all of them in one run. */
class PlatformsInTheLabTest {
    @TempDir
    Path dir;

    private LabRun lab(List<Lab.DeviceSpec> devices) throws IOException {
        return new LabRun(Lab.start(devices, LabSettings.defaults()), dir);
    }

    @ParameterizedTest
    @ValueSource(strings = {"cisco_ios", "arista_eos", "cisco_nxos", "cisco_xr", "cisco_asa", "juniper_junos"})
    void aCleanBackupOfEachKindSavesFirstAndStoresExactlyTheStableConfiguration(String platform) throws IOException {
        try (LabRun run = lab(List.of(new Lab.DeviceSpec("d1", Set.of(), platform)))) {
            CliRun result = run.backup();

            assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.OK);
            SimulatedDevice device = run.lab().device("d1");
            assertThat(run.backupOf("d1")).isEqualTo(device.stableConfig()).doesNotStartWith("show running-config")
                    .doesNotContain("\r", "--More--", "!Time:", "Last configuration change", "Building configuration");
            boolean saves = !net.backup.platform.Platforms.builtIn().find(platform).orElseThrow()
                    .saveCommands().isEmpty();
            assertThat(device.saves()).as("saved once if the platform saves").isEqualTo(saves ? 1 : 0);
        }
    }

    /** Only the kinds that save: on XR and JunOS (commit model) nothing is saved either way. */
    @ParameterizedTest
    @ValueSource(strings = {"cisco_ios", "arista_eos", "cisco_nxos", "cisco_asa"})
    void saveFalseMeansTheDeviceSawNoSave(String platform) throws IOException {
        try (LabRun run = lab(List.of(new Lab.DeviceSpec("d1", Set.of(), platform)))) {
            String inventory = Files.readString(run.inventory());
            Files.writeString(run.inventory(), inventory.replace("platform: cisco_ios", "platform: cisco_ios\n  save: false"));

            assertThat(run.backup().exitCode()).isEqualTo(ExitCodes.OK);
            assertThat(run.lab().device("d1").saves()).isZero();

            // The same device without save: false does save, so the count above could have been otherwise.
            Files.writeString(run.inventory(), inventory);
            assertThat(run.backup().exitCode()).isEqualTo(ExitCodes.OK);
            assertThat(run.lab().device("d1").saves()).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"cisco_ios", "arista_eos", "cisco_xr", "cisco_asa", "juniper_junos"})
    void aTruncatedConfigurationFailsWhereThePlatformCanTell(String platform) throws IOException {
        try (LabRun run = lab(List.of(new Lab.DeviceSpec("d1", Set.of(Fault.TRUNCATED), platform)))) {
            CliRun result = run.backup();

            assertThat(result.exitCode()).isEqualTo(ExitCodes.SOME_FAILED);
            assertThat(result.out()).contains("incomplete configuration");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"cisco_ios", "arista_eos", "cisco_nxos", "cisco_asa"})
    void aRejectedSaveFailsTheDevice(String platform) throws IOException {
        try (LabRun run = lab(List.of(new Lab.DeviceSpec("d1", Set.of(Fault.WRMEM_INVALID), platform)))) {
            CliRun result = run.backup();

            assertThat(result.exitCode()).isEqualTo(ExitCodes.SOME_FAILED);
            assertThat(result.out()).containsPattern("failed: (ERROR: )?% Invalid (input|command)");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"cisco_asa", "juniper_junos"})
    void aPagerErasedWithCarriageReturnsIsAnsweredAndLeavesNoTrace(String platform) throws IOException {
        try (LabRun run = lab(List.of(new Lab.DeviceSpec("fw", Set.of(Fault.PAGER), platform)))) {
            CliRun result = run.backup();

            assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.OK);
            assertThat(run.backupOf("fw")).isEqualTo(run.lab().device("fw").stableConfig()).doesNotContain("More");
        }
    }

    /** The lab's inventory names each kind as the platform; the one kind no built-in platform covers is pointed out. */
    @Test
    void theLabSaysWhichKindsNeedAPlatformFileOfTheUsers() throws IOException {
        CliRun lab = CliRun.of("lab", "--devices", "3", "--latency", "0ms", "--platforms", "cisco_ios,dell_powerconnect",
                "--write-inventory", dir.resolve("written.yaml").toString(), "--host-key", LabKeyFile.copyTo(dir.resolve("key")).toString(),
                "--stop-after", "1ms");
        assertThat(lab.out()).as(lab.all()).contains("back it up:  ./backup --inventory " + dir.resolve("written.yaml") + "\n"
                + "             with --platforms DIR, DIR holding a platform file for dell_powerconnect (no built-in "
                + "platform covers it; the README's lab section names one)\n");

        CliRun builtInOnly = CliRun.of("lab", "--devices", "2", "--latency", "0ms", "--platforms", "cisco_ios,arista_eos",
                "--write-inventory", dir.resolve("other.yaml").toString(), "--host-key", dir.resolve("key").toString(),
                "--stop-after", "1ms");
        assertThat(builtInOnly.out()).as(builtInOnly.all()).doesNotContain("--platforms DIR");
    }

    @Test
    void aMixedFleetOfEveryKindBacksUpInOneRun() throws IOException {
        CliRun lab = CliRun.of("lab", "--devices", "12", "--latency", "0ms", "--platforms",
                "cisco_ios,arista_eos,cisco_nxos,cisco_xr,cisco_asa,juniper_junos",
                "--write-inventory", dir.resolve("written.yaml").toString(), "--host-key", LabKeyFile.copyTo(dir.resolve("key")).toString(),
                "--stop-after", "1ms");
        assertThat(lab.out()).contains("12 simulated devices (cisco_ios, arista_eos, cisco_nxos, cisco_xr, cisco_asa, "
                + "juniper_junos)");
        assertThat(Files.readString(dir.resolve("written.yaml"))).contains("platform: arista_eos", "platform: cisco_nxos",
                "platform: cisco_xr");

        var devices = List.of(new Lab.DeviceSpec("ios", Set.of(), "cisco_ios"),
                new Lab.DeviceSpec("eos", Set.of(), "arista_eos"),
                new Lab.DeviceSpec("nxos", Set.of(), "cisco_nxos"),
                new Lab.DeviceSpec("xr", Set.of(), "cisco_xr"),
                new Lab.DeviceSpec("asa", Set.of(), "cisco_asa"),
                new Lab.DeviceSpec("junos", Set.of(), "juniper_junos"));
        try (LabRun run = lab(devices)) {
            CliRun result = run.backup();

            assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.OK);
            for (SimulatedDevice device : run.lab().devices()) {
                assertThat(run.backupOf(device.name())).isEqualTo(device.stableConfig());
            }
            assertThat(run.backupOf("eos")).startsWith("! Command: show running-config\n! device: eos (vEOS-lab");
            assertThat(run.backupOf("nxos")).startsWith("!Command: show running-config\n\nversion 10.3(4a)")
                    .doesNotContain("\nend\n");
            assertThat(run.backupOf("asa")).startsWith(":\n: Serial Number:").endsWith("\n: end\n")
                    .doesNotContain("Cryptochecksum", ": Saved");
            assertThat(run.backupOf("junos")).startsWith("version 21.4R3.15;\nsystem {\n    host-name junos;\n")
                    .doesNotContain("## Last commit");
            assertThat(run.backupOf("xr")).startsWith("!! IOS XR Configuration 7.9.2\n!\n")
                    .doesNotContain("Last configuration change").doesNotContainPattern("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} UTC");
        }
    }
}
