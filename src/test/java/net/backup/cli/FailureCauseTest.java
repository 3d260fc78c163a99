package net.backup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.backup.lab.Fault;
import net.backup.lab.Lab;
import net.backup.lab.LabSettings;
import net.backup.testing.LabRun;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** A failed device's result keeps the kind of failure, and the JSON report says it. */
class FailureCauseTest {
    @TempDir
    Path dir;

    private static Lab.DeviceSpec faulty(String name, Fault fault) {
        return new Lab.DeviceSpec(name, Set.of(fault));
    }

    @Test
    void theReportGivesEachFailedDeviceTheCauseOfItsFailure() throws Exception {
        var devices = List.of(Lab.DeviceSpec.healthy("ok"), Lab.DeviceSpec.healthy("impostor"),
                faulty("authfail", Fault.AUTH_FAIL), faulty("refused", Fault.REFUSED), faulty("hang", Fault.HANG),
                faulty("stall", Fault.STALL), faulty("truncated", Fault.TRUNCATED), faulty("garbage", Fault.GARBAGE),
                faulty("wrmem", Fault.WRMEM_INVALID), faulty("disconnect", Fault.DISCONNECT));
        try (LabRun run = new LabRun(Lab.start(devices, LabSettings.defaults()), dir)) {
            Files.writeString(run.knownHosts(), "[127.0.0.1]:" + run.lab().port("impostor") + " "
                    + PublicKeyEntry.toString(Lab.newHostKey().getPublic()) + "\n");
            // Only the silent devices get a short command_timeout: a healthy one slowed by a loaded machine
            // must not turn into a TIMEOUT.
            for (String silent : List.of("hang", "stall")) {
                String entry = "{name: " + silent + ",";
                assertThat(Files.readString(run.inventory())).contains(entry);
                Files.writeString(run.inventory(), Files.readString(run.inventory())
                        .replace(entry, entry + " command_timeout: 1s,"));
            }
            Path report = dir.resolve("report.json");

            CliRun result = run.backup("--report", report.toString(), "--retries", "0",
                    "--workers", String.valueOf(devices.size()));

            assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.SOME_FAILED);
            assertThat(causes(report)).containsExactlyInAnyOrderEntriesOf(Map.of(
                    "ok", "null",
                    "impostor", "HOST_KEY",
                    "authfail", "AUTHENTICATION",
                    "refused", "NETWORK",
                    "hang", "TIMEOUT",
                    "stall", "TIMEOUT",
                    "truncated", "INVALID_OUTPUT",
                    "garbage", "INVALID_OUTPUT",
                    "wrmem", "DEVICE_ERROR",
                    "disconnect", "NETWORK"));
        }
    }

    /**
     * A server that accepts the login and then refuses the session channel (as a paramiko server without a
     * shell does) gave its answer: it is named, and it is not asked again, since
     * every attempt sends the password once more.
     */
    @Test
    void aDeviceThatRefusesTheSessionChannelFailsOnceWithTheReasonAsADeviceError() throws Exception {
        try (LabRun run = new LabRun(Lab.start(List.of(faulty("noshell", Fault.NO_SESSION)), LabSettings.defaults()), dir)) {
            Path report = dir.resolve("report.json");

            CliRun result = run.backup("--report", report.toString(), "--retries", "2", "--retry-delay", "10ms");

            assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.SOME_FAILED);
            assertThat(result.out()).containsPattern("(?m)^FAILED +noshell +- +[0-9.]+ s  "
                    + "the device refused a session channel \\(administratively prohibited(: [^)]*)?\\)$");
            assertThat(causes(report)).containsExactlyEntriesOf(Map.of("noshell", "DEVICE_ERROR"));
            assertThat(Files.readString(report)).contains(
                    "\"attempts\": 1", "\"error\": \"the device refused a session channel (administratively prohibited: ");
            assertThat(run.lab().authAttempts()).as("passwords the device received").isEqualTo(1);
        }
    }

    /**
     * A device that never answers a request on the session channel (its open, the PTY request) is silent like any
     * other: command_timeout ends the wait, and the failure names the request (sshj's own wait was 30 s, whatever
     * command_timeout said, and an unanswered PTY request passed for a refused one).
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"SILENT_CHANNEL, the session channel", "SILENT_TERMINAL, the terminal request"})
    void aDeviceThatNeverAnswersAChannelRequestTimesOutAfterCommandTimeout(Fault fault, String request) throws Exception {
        try (LabRun run = new LabRun(Lab.start(List.of(faulty("mute", fault)), LabSettings.defaults()), dir)) {
            Path report = dir.resolve("report.json");

            CliRun result = run.backup("--report", report.toString(), "--retries", "0", "--command-timeout", "1s",
                    "--device-deadline", "20s");

            assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.SOME_FAILED);
            assertThat(causes(report)).as(result.all()).containsExactlyEntriesOf(Map.of("mute", "TIMEOUT"));
            assertThat(result.out()).contains("no answer to " + request + " within 1 s (command_timeout)");
        }
    }

    /**
     * A device that stays at its prompt after the exit command and ignores the client's channel close (leaving
     * the end to the TCP connection) is backed up all the same: the run hangs up instead of waiting for an
     * answer that never comes (sshj waited 30 s; here device_deadline would have cut the device short first).
     */
    @Test
    void aDeviceThatIgnoresTheChannelCloseIsBackedUpWithoutWaitingForIt() throws Exception {
        try (LabRun run = new LabRun(Lab.start(List.of(faulty("deaf", Fault.DEAF_TO_CLOSE)), LabSettings.defaults()), dir)) {
            CliRun result = run.backup("--retries", "0", "--device-deadline", "20s");

            assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.OK);
            assertThat(run.backupOf("deaf")).isEqualTo(run.lab().device("deaf").stableConfig());
        }
    }

    /**
     * A device that never widens the client's window on its session channel takes the first keys and no more: it
     * is as silent as one that sends nothing, a TIMEOUT after command_timeout, not a lost connection (sshj's
     * "Timeout when trying to expand the window size", once after 30 s).
     */
    @Test
    void aDeviceThatKeepsItsWindowShutTakesNoInputAndTimesOut() throws Exception {
        try (LabRun run = new LabRun(Lab.start(List.of(faulty("shut", Fault.CLOSED_WINDOW)), LabSettings.defaults()), dir)) {
            Path report = dir.resolve("report.json");

            CliRun result = run.backup("--report", report.toString(), "--retries", "0", "--command-timeout", "1s",
                    "--device-deadline", "20s");

            assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.SOME_FAILED);
            assertThat(causes(report)).as(result.all()).containsExactlyEntriesOf(Map.of("shut", "TIMEOUT"));
            assertThat(result.out()).contains("the device took no input for 1 s during 'wr mem' (command_timeout): it kept"
                    + " its SSH window shut");
        }
    }

    @Test
    void devicesTheDeadlineCutShortAreCancelled() throws Exception {
        try (LabRun run = new LabRun(Lab.start(List.of(faulty("first", Fault.HANG), Lab.DeviceSpec.healthy("second")),
                LabSettings.defaults()), dir)) {
            Path report = dir.resolve("report.json");

            run.backup("--report", report.toString(), "--sequential", "--deadline", "1s", "--command-timeout", "10m");

            assertThat(causes(report)).containsExactlyInAnyOrderEntriesOf(Map.of("first", "CANCELLED", "second", "CANCELLED"));
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> causes(Path report) throws IOException {
        Map<String, Object> json = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(report));
        var causes = new LinkedHashMap<String, String>();
        for (Map<String, Object> device : (List<Map<String, Object>>) json.get("devices")) {
            causes.put((String) device.get("name"), String.valueOf(device.get("cause")));
        }
        return causes;
    }
}
