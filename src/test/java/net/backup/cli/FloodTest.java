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
    void aFloodingDeviceFailsAtItsOwnMaxOutput() throws Exception {
        try (LabRun run = new LabRun(Lab.start(List.of(new Lab.DeviceSpec("flood", Set.of(Fault.FLOOD)),
                Lab.DeviceSpec.healthy("csr1")), LabSettings.defaults()), dir)) {
            CliRun result = run.backup("--max-output", "1MiB");

            assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.SOME_FAILED);
            assertThat(result.out()).containsPattern("(?m)^FAILED +flood .*  output too large: more than 1 MiB \\(max_output\\) "
                    + "after 'show run'$").containsPattern("(?m)^NEW +csr1 ");
        }
    }

    @Test
    void whenTheRunsOutputBudgetIsSpentTheDeviceHoldingTheMostFailsAndTheOthersAreStored() throws Exception {
        try (LabRun run = new LabRun(Lab.start(List.of(new Lab.DeviceSpec("flood1", Set.of(Fault.FLOOD)),
                new Lab.DeviceSpec("flood2", Set.of(Fault.FLOOD)), Lab.DeviceSpec.healthy("csr1"),
                Lab.DeviceSpec.healthy("csr2")), LabSettings.defaults()), dir)) {
            CliRun result = run.backup("--output-budget", "1MiB");

            assertThat(result.out()).containsPattern("(?m)^FAILED +flood1 .*  output too large: .* held, the most of any "
                    + "device, when the run's output budget of 1 MiB \\(--output-budget\\) was spent after 'show run'$")
                    .containsPattern("(?m)^FAILED +flood2 .*  output too large: .* held, the most of any device")
                    .containsPattern("(?m)^NEW +csr1 ").containsPattern("(?m)^NEW +csr2 ");
            assertThat(run.backupOf("csr1")).isEqualTo(run.lab().device("csr1").stableConfig());
        }
    }

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
