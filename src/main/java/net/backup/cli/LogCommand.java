package net.backup.cli;

import java.io.IOException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.Callable;
import net.backup.report.TerminalText;
import net.backup.store.HistoryReader;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code backup log NAME}: the versions of a device's configuration. */
@Command(name = "log", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, usageHelpAutoWidth = true,
        description = "Lists the stored versions of a device's configuration: date, commit, lines added and removed.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the versions were listed",
            "2:usage error, no history in the output directory, no backup of NAME in it, or a history that cannot "
                    + "be used"})
final class LogCommand implements Callable<Integer> {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT)
            .withZone(ZoneId.systemDefault());

    @CommandLine.Mixin
    DeviceHistoryOptions device;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        try (HistoryReader history = device.openHistory()) {
            var out = spec.commandLine().getOut();
            for (HistoryReader.Version version : history.versions(device.name)) {
                out.printf(Locale.ROOT, "%s  %s  +%-5d -%-5d %s%n", WHEN.format(version.when()), version.commit(),
                        version.added(), version.removed(), TerminalText.escape(version.subject()));
            }
            out.flush();
            return ExitCodes.OK;
        } catch (HistoryReader.HistoryException e) {
            throw new FailureHandler.UsageException(e.getMessage());
        }
    }
}
