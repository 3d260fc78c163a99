package net.backup.cli;

import net.backup.inventory.InventoryException;
import net.backup.platform.PlatformException;
import picocli.CommandLine;

/**
 * Expected failures (a bad inventory, an unusable output directory) become one line and exit code 2;
 * anything else is a bug, reported with its stack trace only under {@code --verbose}.
 */
final class FailureHandler implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        var err = commandLine.getErr();
        if (e instanceof InventoryException || e instanceof UsageException || e instanceof PlatformException) {
            err.println("backup: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        err.println("backup: " + e);
        if (parseResult.hasMatchedOption("--verbose")) {
            e.printStackTrace(err);
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
