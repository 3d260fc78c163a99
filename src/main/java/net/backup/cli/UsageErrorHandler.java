package net.backup.cli;

import net.backup.report.TerminalText;
import picocli.CommandLine;

/**
 * A mistake on the command line is one line, plus picocli's "did you mean" when it has one, and a pointer to
 * the help, as git and the GNU tools do: the full help after every error is a hundred lines of noise in cron
 * mail, and it pushes the error itself off the screen. Subcommands point to their own help.
 */
final class UsageErrorHandler implements CommandLine.IParameterExceptionHandler {
    @Override
    public int handleParseException(CommandLine.ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        var err = command.getErr();
        err.println("backup: " + TerminalText.escape(e.getMessage()));
        CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
        err.println("Try '" + command.getCommandSpec().qualifiedName() + " --help' for more information.");
        err.flush();
        return command.getExitCodeExceptionMapper() != null
                ? command.getExitCodeExceptionMapper().getExitCode(e)
                : command.getCommandSpec().exitCodeOnInvalidInput();
    }
}
