package net.backup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.backup.lab.Fault;
import net.backup.lab.FaultPlan;
import net.backup.lab.Lab;
import net.backup.lab.LabSettings;
import net.backup.lab.SimulatedDevice;
import net.backup.testing.LabRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoadTest {
    /** Faults after which the device still serves a clean configuration. */
    private static final Set<Fault> HARMLESS = Set.of(Fault.PAGER, Fault.FLAKY);
    /**
     * Faults that only a timeout ends. They are left out here (HardeningTest and FailureCauseTest have them),
     * so that the timeouts can be long enough that no healthy device of a hundred at once on a loaded
     * machine ever reaches them.
     */
    private static final Set<Fault> SILENT = Set.of(Fault.HANG, Fault.STALL);
    private static final Pattern DEVICE_LINE = Pattern.compile("\\w+ +(\\S+) ");

    @TempDir
    Path dir;

    @Test
    void fiveHundredDevicesWithAFewFaultyOnesEveryHealthyFileExactEveryFaultyOneReported() throws IOException {
        var devices = FaultPlan.parse("", 0.05, 500).devices("r", 500).stream().map(LoadTest::withoutSilentFaults).toList();
        try (LabRun run = new LabRun(Lab.start(devices, LabSettings.defaults()), dir)) {
            CliRun result = run.backup("--workers", "100", "--command-timeout", "60s", "--connect-timeout", "60s",
                    "--retries", "1", "--retry-delay", "10ms");

            assertThat(result.exitCode()).isEqualTo(ExitCodes.SOME_FAILED);
            Map<String, String> lineOfDevice = linesByDevice(result.out());
            var broken = new ArrayList<String>();
            var stored = new ArrayList<String>();
            for (SimulatedDevice device : run.lab().devices()) {
                boolean healthy = HARMLESS.containsAll(device.faults());
                String line = lineOfDevice.get(device.name());
                assertThat(line).as("the line of " + device.name()).isNotNull();
                if (healthy) {
                    assertThat(line).as(device.name() + " " + device.faults()).startsWith("NEW");
                    String backup = run.backupOf(device.name());
                    assertThat(backup).isEqualTo(device.stableConfig());
                    stored.add(backup);
                } else {
                    broken.add(device.name());
                    assertThat(line).as(device.name() + " " + device.faults()).startsWith("FAILED");
                    assertThat(Files.exists(run.output().resolve(device.name() + ".cfg"))).isFalse();
                }
            }
            assertThat(broken).hasSizeBetween(10, 45);
            assertThat(new HashSet<>(stored)).as("every healthy device has a file of its own").hasSize(stored.size());
            assertThat(run.lab().sessions().peak()).as("sessions open at once").isLessThanOrEqualTo(100);
            assertThat(result.out()).contains("500 devices: " + (500 - broken.size()) + " new, 0 changed, 0 unchanged, "
                    + broken.size() + " failed");
        }
    }

    /** Each device's line ("STATUS  name  ..."), found once: a regex per device over every line is 250,000 matches. */
    private static Map<String, String> linesByDevice(String out) {
        var lineOfDevice = new HashMap<String, String>();
        out.lines().forEach(line -> {
            Matcher matcher = DEVICE_LINE.matcher(line);
            if (matcher.lookingAt()) {
                lineOfDevice.putIfAbsent(matcher.group(1), line);
            }
        });
        return lineOfDevice;
    }

    private static Lab.DeviceSpec withoutSilentFaults(Lab.DeviceSpec device) {
        var faults = EnumSet.noneOf(Fault.class);
        faults.addAll(device.faults());
        faults.removeAll(SILENT);
        return new Lab.DeviceSpec(device.name(), faults);
    }

    @Test
    void aDeviceThatAcceptsTheConnectionButNeverSpeaksFailsWithinTheConnectTimeout() throws Exception {
        try (var silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
                LabRun run = new LabRun(Lab.start(Lab.healthyFleet("csr", 1), LabSettings.defaults()), dir)) {
            var held = new ArrayList<Socket>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (held.size() < 10) {
                        held.add(silent.accept()); // accepted, never answered
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            // Its own connect_timeout: the healthy device keeps the default, which a loaded machine never reaches.
            Files.writeString(run.inventory(), Files.readString(run.inventory())
                    + "  - {name: mute, host: 127.0.0.1, port: " + silent.getLocalPort() + ", connect_timeout: 1s}\n");

            CliRun result = run.backup("--retries", "0");

            assertThat(result.exitCode()).isEqualTo(ExitCodes.SOME_FAILED);
            assertThat(result.out()).containsPattern("FAILED +mute .*no SSH (handshake|connection) within 1 s \\(connect_timeout\\)")
                    .containsPattern("NEW +csr1 ");
        }
    }
}
