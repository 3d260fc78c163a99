package net.backup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import net.backup.lab.Lab;
import net.backup.lab.LabSettings;
import net.backup.testing.BackupProcess;
import net.backup.testing.LabRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writes that fail part-way, as on a full disk, made real by a file size limit on the tool's process: one line
 * that names the file and says why, never the JDK's exception, and nothing half-written left behind.
 */
class FileSizeLimitTest {
    @TempDir
    Path dir;

    /** The first run on a full disk stopped with "backup: java.io.IOException: No space left on device". */
    @Test
    void aLockFileThatCannotBeWrittenIsTheOutputDirectorysError() throws Exception {
        try (LabRun run = new LabRun(Lab.start(Lab.healthyFleet("csr", 1), LabSettings.defaults()), dir);
                var backup = BackupProcess.startUnderFileSizeLimit(dir, 0, "--inventory", run.inventory().toString(),
                        "--output-dir", run.output().toString(), "--known-hosts", run.knownHosts().toString())) {
            assertThat(backup.waitFor(Duration.ofSeconds(60))).isEqualTo(ExitCodes.USAGE);

            assertThat(backup.err()).isEqualTo("backup: --output-dir " + run.output().toRealPath()
                    + ": cannot take its lock: file too large\n");
            assertThat(backup.out()).isEmpty();
            assertThat(run.lab().sessions().total()).isZero();
        }
    }

    /** Room for the lock, not for a configuration (38 KB): the device fails, named, and its last backup stays. */
    @Test
    void aBackupThatCannotBeWrittenFailsItsDeviceAndLeavesTheOldOne() throws Exception {
        try (LabRun run = new LabRun(Lab.start(Lab.healthyFleet("csr", 1), LabSettings.defaults()), dir)) {
            run.writeBackup("csr1", "hostname old\nend\n");
            try (var backup = BackupProcess.startUnderFileSizeLimit(dir, 16, "--inventory", run.inventory().toString(),
                    "--output-dir", run.output().toString(), "--known-hosts", run.knownHosts().toString(), "--no-history",
                    "--retries", "0")) {
                assertThat(backup.waitFor(Duration.ofSeconds(60))).isEqualTo(ExitCodes.SOME_FAILED);

                Path file = run.output().toRealPath().resolve("csr1.cfg");
                assertThat(backup.out()).contains("FAILED     csr1").contains("cannot write " + file + ": file too large");
                assertThat(backup.err()).doesNotContain("Exception");
            }
            assertThat(run.backupOf("csr1")).isEqualTo("hostname old\nend\n");
            assertThat(run.outputFiles()).containsExactly("csr1.cfg");
        }
    }
}
