package net.backup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import net.backup.lab.Lab;
import net.backup.lab.LabSettings;
import net.backup.lab.SimulatedDevice;
import net.backup.testing.LabRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a backup costs in round trips, counted by the device: every line typed but the closing exit (which
 * waits for nothing) is one round trip. The prompt is confirmed by the first command's echo, not by an
 * extra Enter.
 */
class RoundTripsTest {
    @TempDir
    Path dir;

    @Test
    void anIosDeviceInUserModeCostsFiveRoundTrips() throws IOException {
        try (LabRun run = new LabRun(Lab.start(Lab.healthyFleet("csr", 1), LabSettings.defaults()), dir)) {
            CliRun result = run.backup();
            assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.OK);

            SimulatedDevice device = run.lab().device("csr1");
            assertThat(waitedFor(device)).containsExactly("enable", "wr mem", "term len 0", "show run");
            // enable, the enable secret, wr mem, term len 0, show run
            assertThat(roundTrips(device)).isEqualTo(5);
        }
    }

    @Test
    void withoutSavingItCostsFour() throws IOException {
        try (LabRun run = new LabRun(Lab.start(Lab.healthyFleet("csr", 1), LabSettings.defaults()), dir)) {
            CliRun result = run.backup("--no-save");
            assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.OK);

            SimulatedDevice device = run.lab().device("csr1");
            assertThat(waitedFor(device)).isEqualTo(List.of("enable", "term len 0", "show run"));
            assertThat(roundTrips(device)).isEqualTo(4);
        }
    }

    /** All but the closing exit, which the device may or may not read before the channel closes. */
    private static List<String> waitedFor(SimulatedDevice device) {
        return device.commandsReceived().stream().filter(command -> !command.equals("exit")).toList();
    }

    private static long roundTrips(SimulatedDevice device) {
        return device.linesReceived() - (device.commandsReceived().contains("exit") ? 1 : 0);
    }
}
