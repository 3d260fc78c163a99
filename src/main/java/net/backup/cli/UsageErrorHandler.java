package net.backup.cli;

import java.util.List;
import net.backup.report.TerminalText;
import picocli.CommandLine;

/**
 * A mistake on the command line is one line, with "did you mean" in it when there is a near option, and a
 * pointer to the help, as git and the GNU tools do: the full help after every error is a hundred lines of
 * noise in cron mail, and it pushes the error itself off the screen. Subcommands point to their own help.
 */
final class UsageErrorHandler implements CommandLine.IParameterExceptionHandler {
    @Override
    public int handleParseException(CommandLine.ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        var err = command.getErr();
        err.println("backup: " + TerminalText.escape(message(e)));
        err.println("Try '" + command.getCommandSpec().qualifiedName() + " --help' for more information.");
        err.flush();
        return command.getExitCodeExceptionMapper() != null
                ? command.getExitCodeExceptionMapper().getExitCode(e)
                : command.getCommandSpec().exitCodeOnInvalidInput();
    }

    /**
     * An unknown option, said once: picocli lists every word it could not place, so {@code --workerz 3} named
     * the 3 as an unknown option too, and put its suggestions on a line of their own. Its suggestions are for the
     * first word it could not place, so they are asked again for the option named: {@code fo --workerz 3} had
     * the subcommand nearest 'fo' as what '--workerz' meant.
     */
    private static String message(CommandLine.ParameterException e) {
        if (!(e instanceof CommandLine.UnmatchedArgumentException unmatched)) {
            return e.getMessage();
        }
        List<String> options = unmatched.getUnmatched().stream().filter(word -> word.startsWith("-")).toList();
        if (options.isEmpty()) {
            return e.getMessage();
        }
        CommandLine command = unmatched.getCommandLine();
        List<String> near = new CommandLine.UnmatchedArgumentException(command, options.subList(0, 1)).getSuggestions();
        return "unknown option '" + options.get(0) + "'" + (near.isEmpty() ? "" : " (did you mean " + String.join(" or ", near) + "?)");
    }
}
