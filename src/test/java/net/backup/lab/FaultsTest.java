package net.backup.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import net.backup.cli.CliRun;
import net.backup.cli.ExitCodes;
import net.backup.testing.LabRun;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every fault of the lab against the real tool: the faulty device fails with a message that names the
 * cause, its previous backup stays byte for byte, the healthy devices are backed up, the exit code is 1.
 * Transient faults (network, timeouts) are tried again, the default two retries; the others are not.
 */
class FaultsTest {
    private static final String PREVIOUS = "! the last good backup\nhostname bad\nend\n";

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "auth-fail      | 1 | authentication failed for user 'ntc'",
        "refused        | 3 | connection refused",
        "reset          | 3 | connection lost during authentication",
        "hang           | 3 | no output for 1 s waiting for the first prompt (command_timeout)",
        "stall          | 3 | no output for 1 s after 'show run' (command_timeout)",
        "disconnect     | 3 | connection lost after 'show run'",
        "truncated      | 1 | incomplete configuration: it ends with",
        "wrmem-invalid  | 1 | 'wr mem' failed: % Invalid input detected at '^' marker. (not backed up: the save comes first; --no-save or save: false backs up without it)",
        "enable-refused | 1 | enable failed: % Access denied",
        "garbage        | 1 | garbage in the output: control character",
        "no-session     | 1 | the device refused a session channel (administratively prohibited: ",
        "closed-window  | 3 | the device took no input for 1 s during 'wr mem' (command_timeout): it kept its SSH window shut"})
    void aFaultyDeviceFailsClearlyAndLosesNothing(String fault, int attempts, String expectedError) throws IOException {
        var devices = List.of(Lab.DeviceSpec.healthy("good1"), new Lab.DeviceSpec("bad", Set.of(Fault.parse(fault))),
                Lab.DeviceSpec.healthy("good2"));
        try (LabRun run = new LabRun(Lab.start(devices, LabSettings.defaults()), dir)) {
            Files.writeString(run.inventory(), Files.readString(run.inventory())
                    .replace("platform: cisco_ios", "platform: cisco_ios\n  command_timeout: 1"));
            run.writeBackup("bad", PREVIOUS);

            CliRun result = run.backup("--retry-delay", "10ms");

            assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.SOME_FAILED);
            String tries = attempts == 1 ? "" : "\\(" + attempts + " attempts\\)  ";
            assertThat(result.out()).containsPattern("(?m)^FAILED +bad +- +[0-9.]+ s  " + tries
                            + Pattern.quote(expectedError))
                    .contains("3 devices: 2 new, 0 changed, 0 unchanged, 1 failed");
            assertThat(run.backupOf("bad")).isEqualTo(PREVIOUS);
            assertThat(run.backupOf("good1")).isEqualTo(run.lab().device("good1").stableConfig());
            assertThat(run.backupOf("good2")).isEqualTo(run.lab().device("good2").stableConfig());
            assertThat(run.outputFiles()).containsExactly("bad.cfg", "good1.cfg", "good2.cfg");
        }
    }
}
