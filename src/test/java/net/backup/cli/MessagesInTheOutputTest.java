package net.backup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import net.backup.testing.ScriptedDevice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A message the device prints into its output at any moment (IOS's log messages under {@code terminal monitor}
 * without {@code logging synchronous}, JunOS's syslog broadcasts) is dropped from the configuration, but it may
 * come in the middle of a configuration line and cut it in two (probe J: {@code  ip address 192.0}, the message,
 * {@code .2.1 255.255.255.0} was stored as two lines, exit 0). An output that holds one is fetched again.
 */
class MessagesInTheOutputTest {
    private static final String CONFIG = "!\nhostname R1\n!\ninterface GigabitEthernet1\n ip address 192.0.2.1 255.255.255.0\n!\nend\n";
    private static final String PREVIOUS = "! the last good backup\n";
    private static final String LOG = "*Nov 28 09:15:02.123: %LINK-3-UPDOWN: Interface GigabitEthernet2, changed state to up";

    @TempDir
    Path dir;

    /** What {@code show run} shows of {@code text}. */
    private static String asShown(String text) {
        return "Building configuration...\r\n\r\nCurrent configuration : 97 bytes\r\n" + text.replace("\n", "\r\n");
    }

    /** The configuration with the log message on a line of its own before {@code at}'s character. */
    private static String messageAt(int at) {
        String lineBreak = CONFIG.charAt(at - 1) == '\n' ? "" : "\n";
        return CONFIG.substring(0, at) + lineBreak + LOG + "\n" + CONFIG.substring(at);
    }

    private record Run(CliRun result, String stored, long showRuns) {
    }

    /** A backup of an IOS device whose n-th {@code show run} (from 0) shows {@code shown.apply(n)}. */
    private Run backUp(IntFunction<String> shown) throws Exception {
        var showRuns = new AtomicInteger();
        try (var device = new ScriptedDevice("R1#", command -> switch (command) {
            case "wr mem" -> List.of("Building configuration...\r\n[OK]\r\n");
            case "show run" -> List.of(asShown(shown.apply(showRuns.getAndIncrement())));
            default -> List.of();
        })) {
            Path configs = Files.createDirectories(dir.resolve("configs"));
            Files.writeString(configs.resolve("r1.cfg"), PREVIOUS);
            Path inventory = device.writeInventory(dir.resolve("inventory.yaml"), "r1", "cisco_ios");

            CliRun result = CliRun.of("--inventory", inventory.toString(), "--output-dir", configs.toString(),
                    "--known-hosts", dir.resolve("known_hosts").toString(), "--retries", "0", "--no-history");

            long typed = device.commands().stream().filter("show run"::equals).count();
            return new Run(result, Files.readString(configs.resolve("r1.cfg")), typed);
        }
    }

    @Test
    void aMessageInTheMiddleOfALineOnceIsFetchedAgainAndTheWholeLineStored() throws Exception {
        int midLine = CONFIG.indexOf("192.0") + 5;

        Run run = backUp(n -> n == 0 ? messageAt(midLine) : CONFIG);

        assertThat(run.result().exitCode()).as(run.result().all()).isEqualTo(ExitCodes.OK);
        assertThat(run.stored()).isEqualTo(CONFIG).contains(" ip address 192.0.2.1 255.255.255.0\n");
        assertThat(run.showRuns()).isEqualTo(2);
    }

    @Test
    void messagesInDifferentPlacesEveryTimeFailTheDeviceAndKeepThePreviousBackup() throws Exception {
        int midLine = CONFIG.indexOf("192.0") + 5;

        Run run = backUp(n -> messageAt(midLine + n * 3));

        assertThat(run.result().exitCode()).as(run.result().all()).isEqualTo(ExitCodes.SOME_FAILED);
        assertThat(run.result().out()).contains("messages the device printed (log messages, broadcasts) interrupted the "
                + "output twice, in different places: one may have cut a configuration line in two, so it was not stored");
        assertThat(run.stored()).isEqualTo(PREVIOUS);
    }

    @Test
    void aMessageBetweenLinesInTheSamePlaceTwiceIsDroppedAndTheConfigurationStored() throws Exception {
        int lineStart = CONFIG.indexOf("interface");

        Run run = backUp(n -> messageAt(lineStart));

        assertThat(run.result().exitCode()).as(run.result().all()).isEqualTo(ExitCodes.OK);
        assertThat(run.stored()).isEqualTo(CONFIG);
        assertThat(run.showRuns()).isEqualTo(2);
    }

    @Test
    void anOutputWithoutMessagesIsFetchedOnce() throws Exception {
        Run run = backUp(n -> CONFIG);

        assertThat(run.result().exitCode()).as(run.result().all()).isEqualTo(ExitCodes.OK);
        assertThat(run.stored()).isEqualTo(CONFIG);
        assertThat(run.showRuns()).isEqualTo(1);
    }

    /** A banner's line that reads like a log message is the operator's text: no second fetch, and it is kept. */
    @Test
    void aBannerLineThatReadsLikeAMessageIsKeptAndFetchedOnce() throws Exception {
        String withBanner = CONFIG.replace("hostname R1\n", "hostname R1\nbanner motd ^C\n" + LOG + "\n^C\n");

        Run run = backUp(n -> withBanner);

        assertThat(run.result().exitCode()).as(run.result().all()).isEqualTo(ExitCodes.OK);
        assertThat(run.showRuns()).isEqualTo(1);
    }

    /** The second fetch may take max_output again: a 9 KiB configuration fetched twice failed 16 KiB (the cold review). */
    @Test
    void theSecondFetchMayTakeMaxOutputAgain() throws Exception {
        var big = new StringBuilder("!\nhostname R1\n");
        for (int i = 0; big.length() < 9 * 1024; i++) {
            big.append("interface Loopback").append(i).append("\n description loopback number ").append(i).append("\n!\n");
        }
        String config = big.append("end\n").toString();
        int midLine = config.indexOf("description loopback number 7") + 5;
        String interrupted = config.substring(0, midLine) + "\n" + LOG + "\n" + config.substring(midLine);
        var showRuns = new AtomicInteger();
        try (var device = new ScriptedDevice("R1#", command -> switch (command) {
            case "show run" -> List.of(asShown(showRuns.getAndIncrement() == 0 ? interrupted : config));
            default -> List.of();
        })) {
            Path inventory = device.writeInventory(dir.resolve("inventory.yaml"), "r1", "cisco_ios");

            CliRun result = CliRun.of("--inventory", inventory.toString(), "--output-dir", dir.resolve("configs").toString(),
                    "--known-hosts", dir.resolve("known_hosts").toString(), "--retries", "0", "--no-history",
                    "--max-output", "16KiB");

            assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.OK);
            assertThat(dir.resolve("configs/r1.cfg")).hasContent(config.stripTrailing());
        }
    }
}
