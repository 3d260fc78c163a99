package net.backup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import net.backup.lab.Lab;
import net.backup.lab.LabSettings;
import net.backup.report.JsonReport;
import net.backup.testing.LabRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --report} at a file the run depends on, or where it cannot be written, is refused before any device
 * is contacted: exit code 2, one line, and the file is left byte for byte as it was.
 */
class ReportDestinationTest {
    @TempDir
    Path dir;

    private LabRun lab() throws IOException {
        return new LabRun(Lab.start(Lab.healthyFleet("csr", 1), LabSettings.defaults()), dir);
    }

    private static void assertRefusedBeforeAnyDevice(LabRun run, CliRun result, String error, int sessionsBefore) {
        assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).isEqualTo("backup: " + error + "\n");
        assertThat(result.out()).isEmpty();
        assertThat(run.lab().sessions().total()).isEqualTo(sessionsBefore);
    }

    @Test
    void aReportOnABackupIsRefusedAndTheBackupKept() throws IOException {
        try (LabRun run = lab()) {
            assertThat(run.backup().exitCode()).isEqualTo(ExitCodes.OK);
            Path backup = run.output().resolve("csr1.cfg");
            byte[] stored = Files.readAllBytes(backup);
            int sessions = run.lab().sessions().total();

            CliRun result = run.backup("--report", backup.toString());

            assertRefusedBeforeAnyDevice(run, result, "--report " + backup + ": it is in the output directory "
                    + run.output() + ", where the report would replace a backup or the history's files; write it elsewhere",
                    sessions);
            assertThat(Files.readAllBytes(backup)).isEqualTo(stored);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(backup))).isEqualTo("rw-------");
        }
    }

    @Test
    void aReportOnAPasswordFileIsRefusedAndTheFileKept() throws IOException {
        try (LabRun run = lab()) {
            Path passwordFile = Files.writeString(dir.resolve("core.pass"), "ntc123\n");
            Files.setPosixFilePermissions(passwordFile, PosixFilePermissions.fromString("rw-------"));
            Files.writeString(run.inventory(), Files.readString(run.inventory())
                    .replace("  password: ntc123\n", "  password_file: " + passwordFile + "\n"));

            CliRun result = run.backup("--report", passwordFile.toString());

            assertRefusedBeforeAnyDevice(run, result, "--report " + passwordFile + ": that is a file the inventory reads "
                    + "a secret from (" + passwordFile + "); the report would replace it", 0);
            assertThat(Files.readString(passwordFile)).isEqualTo("ntc123\n");
        }
    }

    @Test
    void aReportInAnOutputDirectoryNotYetCreatedIsRefused() throws IOException {
        try (LabRun run = lab()) {
            Path report = run.output().resolve("sub/report.json");

            CliRun result = run.backup("--report", report.toString());

            assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
            assertThat(result.err()).startsWith("backup: --report " + report + ": it is in the output directory ");
            assertThat(run.output()).doesNotExist();
        }
    }

    @Test
    void aReportOnTheInventoryThroughDotDotIsRefusedAndTheInventoryKept() throws IOException {
        try (LabRun run = lab()) {
            String inventory = Files.readString(run.inventory());
            Path report = Files.createDirectories(dir.resolve("sub")).resolve("../inventory.yaml");

            CliRun result = run.backup("--report", report.toString());

            assertRefusedBeforeAnyDevice(run, result, "--report " + report + ": that is the inventory ("
                    + run.inventory() + "); the report would replace it", 0);
            assertThat(Files.readString(run.inventory())).isEqualTo(inventory);
        }
    }

    @Test
    void aReportOnTheKnownHostsFileThroughALinkedDirectoryIsRefused() throws IOException {
        try (LabRun run = lab()) {
            Files.writeString(run.knownHosts(), "# kept\n");
            Path alias = Files.createSymbolicLink(dir.resolve("alias"), dir);
            Path report = alias.resolve("known_hosts");

            CliRun result = run.backup("--report", report.toString());

            assertRefusedBeforeAnyDevice(run, result, "--report " + report + ": that is the known_hosts file ("
                    + run.knownHosts() + "); the report would replace it", 0);
            assertThat(Files.readString(run.knownHosts())).isEqualTo("# kept\n");
        }
    }

    @Test
    void aReportWhoseDirectoryDoesNotExistIsRefusedBeforeAnyDevice() throws IOException {
        try (LabRun run = lab()) {
            Path report = dir.resolve("missing/r.json");

            CliRun result = run.backup("--report", report.toString());

            assertRefusedBeforeAnyDevice(run, result,
                    "--report " + report + ": no such directory (" + dir.toRealPath().resolve("missing") + ")", 0);
            assertThat(run.output()).doesNotExist();
        }
    }

    @Test
    void aReportThatIsADirectoryIsRefusedBeforeAnyDevice() throws IOException {
        try (LabRun run = lab()) {
            Path report = Files.createDirectories(dir.resolve("reports"));

            CliRun result = run.backup("--report", report.toString());

            assertRefusedBeforeAnyDevice(run, result, "--report " + report + ": is a directory", 0);
        }
    }

    @Test
    void theReportIsOwnerOnlyLikeTheBackups() throws IOException {
        try (LabRun run = lab()) {
            Path report = dir.resolve("report.json");

            CliRun result = run.backup("--report", report.toString());

            assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.OK);
            assertThat(Files.readString(report)).contains("\"name\": \"csr1\"");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(report))).isEqualTo("rw-------");
        }
    }

    /**
     * The process's own streams and the null device are written into (appended to), never renamed over: as root,
     * {@code --report /dev/null} made {@code /dev/null} a file of JSON (probe I). Told by the path's name alone, so
     * that a link planted at a report's path during the run is replaced as any file there is, never followed.
     */
    @Test
    void theProcesssStreamsAndTheNullDeviceAreWrittenIntoNotReplaced() throws IOException {
        for (String stream : List.of("/dev/stdout", "/dev/stderr", "/dev/null", "/dev/fd/63", "/proc/self/fd/1")) {
            assertThat(JsonReport.isStream(Path.of(stream))).as(stream).isTrue();
        }
        for (String file : List.of("/tmp/stdout", "/dev/sda", "report.json", "/dev/fd/x", "/proc/1/fd/1")) {
            assertThat(JsonReport.isStream(Path.of(file))).as(file).isFalse();
        }
        try (LabRun run = lab()) {
            CliRun result = run.backup("--report", "/dev/null");

            assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.OK);
            assertThat(Files.readAttributes(Path.of("/dev/null"), java.nio.file.attribute.BasicFileAttributes.class).isOther())
                    .as("still a device").isTrue();
        }
    }
}
