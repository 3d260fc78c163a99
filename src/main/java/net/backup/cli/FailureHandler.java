package net.backup.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import net.backup.files.FileErrors;
import net.backup.inventory.InventoryException;
import net.backup.platform.PlatformException;
import net.backup.report.TerminalText;
import picocli.CommandLine;

/**
 * Expected failures (a bad inventory, an unusable output directory) become one line and exit code 2;
 * anything else is a bug, reported with its stack trace only under {@code --verbose}. Messages may quote a
 * file or a device, so their control characters are shown escaped.
 */
final class FailureHandler implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        var err = commandLine.getErr();
        if (e instanceof InventoryException || e instanceof UsageException || e instanceof PlatformException) {
            err.println("backup: " + TerminalText.escape(e.getMessage()));
            return ExitCodes.USAGE;
        }
        // A file or system error the run did not expect is still said in words, not as the JDK's exception.
        String what = e instanceof IOException io ? FileErrors.describe(io) : e.toString();
        err.println("backup: " + TerminalText.escape(what));
        if (commandLine.getCommandSpec().findOption("--verbose") == null) {
            return ExitCodes.SOME_FAILED; // a command without it (lab, bench): no option to point to
        }
        if (parseResult.hasMatchedOption("--verbose")) {
            // A trace's messages may quote a device too: each of its lines is shown escaped, tabs kept.
            var trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            trace.toString().lines().forEach(line -> err.println(TerminalText.escapeKeepingTabs(line)));
        } else {
            err.println("(run again with --verbose for details)");
        }
        return ExitCodes.SOME_FAILED;
    }

    /** A mistake in how the command was called that picocli cannot see (a directory that is a file, ...). */
    static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }
}
