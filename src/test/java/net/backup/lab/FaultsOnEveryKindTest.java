package net.backup.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.backup.cli.CliRun;
import net.backup.testing.LabRun;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every fault on every kind that has a built-in client platform, in one run per fault: the device fails
 * with a reason and keeps its previous file, except where the fault cannot strike that kind (nothing to
 * save, no enable, harmless), where the backup is exact.
 */
class FaultsOnEveryKindTest {
    private static final String PREVIOUS = "! the previous backup\nend\n";
    private static final List<String> KINDS = List.of("cisco_ios", "arista_eos", "cisco_nxos", "cisco_xr", "cisco_asa",
            "juniper_junos");

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(value = Fault.class, names = {"AUTH_FAIL", "REFUSED", "RESET", "HANG", "STALL", "DISCONNECT",
        "TRUNCATED", "WRMEM_INVALID", "ENABLE_REFUSED", "PAGER", "GARBAGE", "FLAKY"})
    void aFaultFailsEveryKindItCanStrikeAndLeavesTheOthersExact(Fault fault) throws IOException {
        var specs = KINDS.stream().map(kind -> new Lab.DeviceSpec(kind, Set.of(fault), kind)).toList();
        try (LabRun run = new LabRun(Lab.start(specs, LabSettings.defaults()), dir)) {
            Files.writeString(run.inventory(), Files.readString(run.inventory()).replace("defaults:\n",
                    "defaults:\n  command_timeout: 1\n  connect_timeout: 2\n"));
            for (String kind : KINDS) {
                run.writeBackup(kind, PREVIOUS);
            }

            CliRun result = run.backup("--retries", "0");

            var softly = new SoftAssertions();
            for (SimulatedDevice device : run.lab().devices()) {
                Matcher line = Pattern.compile("(?m)^(\\w+) +" + Pattern.quote(device.name()) + " .*$").matcher(result.out());
                softly.assertThat(line.find()).as(device.name() + " has a line").isTrue();
                String kind = device.kind().name();
                if (cannotStrike(fault, device.kind())) {
                    softly.assertThat(run.backupOf(kind)).as(kind + " " + fault + ": exact").isEqualTo(device.stableConfig());
                } else if (!(fault == Fault.TRUNCATED && cannotTellTruncation(kind))) {
                    softly.assertThat(line.group(1)).as(kind + " " + fault + ": " + line.group()).isEqualTo("FAILED");
                    softly.assertThat(line.group()).as(kind + ": a reason").containsPattern(" s  \\S");
                    softly.assertThat(run.backupOf(kind)).as(kind + " " + fault + ": previous file kept").isEqualTo(PREVIOUS);
                }
            }
            softly.assertAll();
        }
    }

    /** A fault with nothing to act on for this kind: no save command, no enable, or a pager that is answered. */
    private static boolean cannotStrike(Fault fault, DeviceKind kind) {
        return fault == Fault.PAGER
                || fault == Fault.WRMEM_INVALID && kind.saves().isEmpty()
                || fault == Fault.ENABLE_REFUSED && (kind.startsPrivileged() || kind.enable().isEmpty());
    }

    /**
     * Without an end marker, a client cannot tell a truncated configuration from a short one; JunOS has none, but its
     * braces left open tell.
     */
    private static boolean cannotTellTruncation(String kind) {
        return kind.equals("cisco_nxos");
    }
}
