package net.backup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import net.backup.lab.Fault;
import net.backup.lab.Lab;
import net.backup.lab.LabSettings;
import net.backup.testing.BackupProcess;
import net.backup.testing.LabRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Memory under hostile output (issue 12 item 7): devices that send endless output fail with
 * {@code output too large}, and the healthy ones beside them are stored, in a real process with a small
 * heap, with the default caps. Before, each flooding device could hold 64 MiB per command.
 */
class FloodTest {
    private static final int EACH = 10;

    @TempDir
    Path dir;

    @Test
    void floodingDevicesFailAndHealthyOnesAreStoredInASmallHeap() throws Exception {
        var specs = new ArrayList<Lab.DeviceSpec>();
        for (int i = 1; i <= EACH; i++) {
            specs.add(new Lab.DeviceSpec("flood" + i, Set.of(Fault.FLOOD)));
            specs.add(Lab.DeviceSpec.healthy("csr" + i));
        }
        try (LabRun run = new LabRun(Lab.start(specs, LabSettings.defaults()), dir);
                BackupProcess backup = BackupProcess.start(dir, List.of("-Xmx256m"), "--inventory",
                        run.inventory().toString(), "--output-dir", run.output().toString(), "--known-hosts",
                        run.knownHosts().toString(), "--workers", String.valueOf(2 * EACH), "--retries", "0")) {
            int exit = backup.waitFor(Duration.ofMinutes(5));

            assertThat(backup.err()).doesNotContain("OutOfMemoryError");
            assertThat(exit).as(backup.out() + backup.err()).isEqualTo(ExitCodes.SOME_FAILED);
            for (int i = 1; i <= EACH; i++) {
                assertThat(backup.out()).containsPattern("(?m)^FAILED +flood" + i + " .*  output too large: .* after 'show run'$");
                assertThat(backup.out()).containsPattern("(?m)^NEW +csr" + i + " ");
                assertThat(run.backupOf("csr" + i)).isEqualTo(run.lab().device("csr" + i).stableConfig());
            }
            assertThat(run.outputFiles()).hasSize(EACH);
        }
    }
}
