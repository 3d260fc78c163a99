package net.backup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import net.backup.inventory.InventoryLoader;
import net.backup.lab.Lab;
import net.backup.lab.LabSettings;
import net.backup.run.DeviceResult;
import net.backup.run.FleetBackup;
import net.backup.run.RunOutcome;
import net.backup.session.HostKeyPolicy;
import net.backup.session.KnownHosts;
import net.backup.store.ConfigStore;
import net.backup.store.DurableFiles;
import net.backup.testing.LabRun;
import net.backup.testing.Victim;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Links planted in the output directory (or beside the report) before and during a run: never written
 * through, refused with one line naming the file; the file they point at is left as it was.
 */
class OutputFilesTest {
    @TempDir
    Path dir;

    @TempDir
    Path elsewhere;

    private LabRun lab(int devices) throws IOException {
        return new LabRun(Lab.start(Lab.healthyFleet("csr", devices), LabSettings.defaults()), dir);
    }

    private static Path plantLink(Path link, Path target) throws IOException {
        Files.createDirectories(link.getParent());
        return Files.createSymbolicLink(link, target);
    }

    @Test
    void aLockFileLinkStopsTheRunWithANamedError() throws IOException {
        try (LabRun run = lab(1)) {
            Path lock = plantLink(run.output().resolve(".backup.lock"), Victim.in(elsewhere));

            CliRun result = run.backup();

            assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
            assertThat(result.err()).isEqualTo("backup: refusing to write through " + lock + ": it is a symbolic link (to "
                    + Victim.in(elsewhere) + ")\n");
            assertThat(result.out()).isEmpty();
            Victim.assertUntouched(elsewhere);
        }
    }

    @Test
    void aGitignoreLinkInANewOutputDirectoryIsRefusedNotOverwrittenOrCommitted() throws IOException {
        try (LabRun run = lab(1)) {
            Path ignore = plantLink(run.output().resolve(".gitignore"), Victim.in(elsewhere));

            CliRun result = run.backup();

            assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
            assertThat(result.err()).isEqualTo("backup: cannot use the history in " + run.output()
                    + ": refusing to write through " + ignore + ": it is a symbolic link (to " + Victim.in(elsewhere)
                    + ") (or run with --no-history)\n");
            assertThat(run.output().resolve(".git")).doesNotExist();
            Victim.assertUntouched(elsewhere);
        }
    }

    @Test
    void aTemporaryFileLinkLeftBeforeTheRunIsRemovedAndTheBackupWritten() throws IOException {
        try (LabRun run = lab(1)) {
            plantLink(run.output().resolve(".csr1.cfg.tmp"), Victim.in(elsewhere));

            CliRun result = run.backup();

            assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.OK);
            assertThat(run.backupOf("csr1")).isEqualTo(run.lab().device("csr1").stableConfig());
            assertThat(run.outputFiles()).containsExactly("csr1.cfg");
            Victim.assertUntouched(elsewhere);
        }
    }

    @Test
    void aReportTemporaryFileLinkIsRefusedWithOneLineAndTheBackupsStayStored() throws IOException {
        try (LabRun run = lab(1)) {
            Path reports = Files.createDirectories(dir.resolve("reports"));
            Path temp = plantLink(reports.resolve(".run.json.tmp"), Victim.in(elsewhere));

            CliRun result = run.backup("--report", reports.resolve("run.json").toString());

            assertThat(result.exitCode()).isEqualTo(ExitCodes.SOME_FAILED);
            assertThat(result.err()).isEqualTo("backup: cannot write the report " + reports.resolve("run.json")
                    + ": refusing to write through " + temp + ": it is a symbolic link (to " + Victim.in(elsewhere) + ")\n");
            assertThat(result.out()).containsPattern("(?m)^NEW +csr1 ");
            assertThat(run.backupOf("csr1")).isEqualTo(run.lab().device("csr1").stableConfig());
            Victim.assertUntouched(elsewhere);
        }
    }

    @Test
    void aReportThatIsALinkIsReplacedByTheReportNotWrittenThrough() throws IOException {
        try (LabRun run = lab(1)) {
            Path report = plantLink(dir.resolve("reports/run.json"), Victim.in(elsewhere));

            CliRun result = run.backup("--report", report.toString());

            assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.OK);
            assertThat(Files.isSymbolicLink(report)).isFalse();
            assertThat(Files.readString(report)).contains("\"name\": \"csr1\"");
            Victim.assertUntouched(elsewhere);
        }
    }

    @Test
    void anOutputDirectoryOthersCanWriteIsRefused() throws IOException {
        try (LabRun run = lab(1)) {
            Files.createDirectories(run.output());
            Files.setPosixFilePermissions(run.output(), PosixFilePermissions.fromString("rwxrwxrwx"));

            CliRun result = run.backup();

            assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
            assertThat(result.err()).isEqualTo("backup: --output-dir " + run.output() + ": " + run.output()
                    + " can be written by others (rwxrwxrwx), who could plant links in it: chmod go-w " + run.output() + "\n");
            assertThat(run.outputFiles()).isEmpty();
        }
    }

    /** The attacker's moment: after the run cleared leftovers, before the device's file is created. */
    @Test
    void aTemporaryFileLinkPlantedDuringTheRunFailsTheDeviceNamingTheFile() throws IOException {
        try (LabRun run = lab(2)) {
            Files.createDirectories(run.output());
            run.writeBackup("csr1", "! previous\nend\n");
            DurableFiles plantedFirst = (file, bytes) -> {
                if (file.getFileName().toString().equals(".csr1.cfg.tmp")) {
                    Files.createSymbolicLink(file, Victim.in(elsewhere));
                }
                DurableFiles.LOCAL.writeAndSync(file, bytes);
            };
            ConfigStore store = ConfigStore.open(run.output(), plantedFirst);

            RunOutcome outcome;
            try (var lock = store.lock()) {
                outcome = new FleetBackup(new KnownHosts(run.knownHosts(), HostKeyPolicy.ACCEPT_NEW), store, Duration.ofMillis(10))
                        .run(InventoryLoader.withSystemEnvironment().load(run.inventory()), 2, Optional.empty(), r -> { });
            }

            DeviceResult csr1 = outcome.results().get(0);
            assertThat(csr1.status()).isEqualTo(DeviceResult.Status.FAILED);
            assertThat(csr1.error()).contains("cannot write " + run.output().resolve("csr1.cfg") + ": refusing to write through "
                    + run.output().resolve(".csr1.cfg.tmp") + ": it is a symbolic link (to " + Victim.in(elsewhere) + ")");
            assertThat(csr1.cause()).contains(DeviceResult.Cause.LOCAL_IO);
            assertThat(outcome.results().get(1).status()).isEqualTo(DeviceResult.Status.NEW);
            assertThat(run.backupOf("csr1")).isEqualTo("! previous\nend\n");
            assertThat(run.outputFiles()).isEqualTo(List.of("csr1.cfg", "csr2.cfg"));
            Victim.assertUntouched(elsewhere);
        }
    }

    /** A file system's refusal says why and where: it said "cannot write X: X" (probe I, after a root run). */
    @Test
    void aWriteTheFileSystemRefusesSaysWhy() throws IOException {
        try (LabRun run = lab(1)) {
            Files.createDirectories(run.output());
            DurableFiles refusing = (file, bytes) -> {
                throw new java.nio.file.AccessDeniedException(file.toString());
            };
            ConfigStore store = ConfigStore.open(run.output(), refusing);

            RunOutcome outcome;
            try (var lock = store.lock()) {
                outcome = new FleetBackup(new KnownHosts(run.knownHosts(), HostKeyPolicy.ACCEPT_NEW), store, Duration.ofMillis(10))
                        .run(InventoryLoader.withSystemEnvironment().load(run.inventory()), 1, Optional.empty(), r -> { });
            }

            assertThat(outcome.results().get(0).error()).contains("cannot write " + run.output().resolve("csr1.cfg")
                    + ": permission denied (" + run.output().resolve(".csr1.cfg.tmp") + ")");
        }
    }

    /** A device (or whoever configured it) controls what an error quotes: it reaches the terminal escaped. */
    @Test
    void escapeSequencesADeviceSendsArePrintedEscaped() throws IOException {
        try (LabRun run = lab(2)) {
            String ios;
            try (var in = getClass().getResourceAsStream("/platforms/cisco_ios.yaml")) {
                ios = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            // An error marker of the operator's own that the device's description happens to match.
            Path platforms = Files.createDirectories(dir.resolve("platforms"));
            Files.writeString(platforms.resolve("cisco_ios.yaml"), ios.replace("errors:\n", "errors:\n  - 'description WARNING.*'\n"));
            // Whole escape sequences never get this far (the session removes them from what the device sends);
            // what is left, a lone BEL and an 8-bit CSI that some terminals honour, must reach it escaped.
            run.lab().device("csr1").setDescription("Loopback7",
                    "WARNING \u001b[2J \u001b]0;PWNED\u0007 \u001b[31mFAKE: all devices OK\u0007\u009b2J");

            CliRun result = run.backup("--platforms", platforms.toString());

            assertThat(result.exitCode()).isEqualTo(ExitCodes.SOME_FAILED);
            assertThat(result.all()).doesNotContain("\u001b", "\u0007", "\u009b");
            assertThat(result.out()).containsPattern("(?m)^FAILED +csr1 .*the device answered with an error: description "
                    + "WARNING   FAKE: all devices OK\\\\x07\\\\x9b2J$");
        }
    }

    @Test
    void escapeSequencesInAnInventoryErrorArePrintedEscaped() throws IOException {
        Path inventory = Files.writeString(dir.resolve("inventory.yaml"),
                "devices:\n  - {name: csr1, password: x, username: u, \"\\e]0;PWNED\\a\\e[2J\": 1}\n");

        CliRun result = CliRun.of("--inventory", inventory.toString(), "--output-dir", dir.resolve("configs").toString());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).doesNotContain("\u001b", "\u0007").contains("\\e]0;PWNED\\x07\\e[2J").hasLineCount(1);
    }
}
