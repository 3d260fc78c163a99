package net.backup.cli;

import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.Callable;
import net.backup.report.TerminalText;
import net.backup.store.HistoryReader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code backup diff NAME}: what changed in a device's configuration. */
@Command(name = "diff", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, usageHelpAutoWidth = true,
        description = "Prints a unified diff of a device's last configuration change, or of everything since a "
                + "commit or date.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the diff was printed (or 'no change')",
            "2:usage error, no history in the output directory, no backup of NAME in it, a --since that names no "
                    + "commit or date, or a history that cannot be used"})
final class DiffCommand implements Callable<Integer> {
    @CommandLine.Mixin
    DeviceHistoryOptions device;

    @Option(names = "--since", paramLabel = "REV|DATE",
            description = "Compare the current backup with the one at this commit (abc1234, HEAD~3) or date "
                    + "(2026-11-20, 2026-11-20T06:00).")
    String since;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        try (HistoryReader history = device.openHistory()) {
            String diff = history.diff(device.name, Optional.ofNullable(since));
            // A configuration in the history need not be one this tool stored (a repository used as it is, a file
            // edited by hand): its control characters are shown escaped, so that it cannot drive the terminal.
            spec.commandLine().getOut().print(diff.isEmpty() ? "no change\n" : TerminalText.escapeEachLine(diff));
            spec.commandLine().getOut().flush();
            return ExitCodes.OK;
        } catch (HistoryReader.HistoryException e) {
            throw new FailureHandler.UsageException(e.getMessage());
        }
    }
}
