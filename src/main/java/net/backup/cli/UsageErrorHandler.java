package net.backup.cli;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import net.backup.report.TerminalText;
import net.backup.yaml.Suggestions;
import picocli.CommandLine;

/**
 * A mistake on the command line is one line, with "did you mean" in it when there is a near option or command,
 * and a pointer to the help, as git and the GNU tools do: the full help after every error is a hundred lines of
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
     * the 3 as an unknown option too. A word where a command may stand is an unknown command: picocli said
     * "Unmatched argument at index 0: 'bakup'". The near names are the inventory's kind of "did you mean"
     * ({@link Suggestions}): picocli's own are for the first word it could not place ({@code fo --workerz 3} had
     * the subcommand nearest 'fo' as what '--workerz' meant), share a pair of letters at least ('foo' was
     * 'platforms'), and a key written in part ({@code --timeout}) had none.
     */
    private static String message(CommandLine.ParameterException e) {
        if (!(e instanceof CommandLine.UnmatchedArgumentException unmatched)) {
            return e.getMessage();
        }
        CommandLine command = unmatched.getCommandLine();
        Optional<String> option = unmatched.getUnmatched().stream().filter(word -> word.startsWith("-")).findFirst();
        if (option.isPresent()) {
            return "unknown option '" + option.get() + "'" + didYouMean(Suggestions.near(option.get(), optionNames(command)));
        }
        List<String> commands = commandNames(command);
        if (commands.isEmpty() || unmatched.getUnmatched().isEmpty()) {
            return e.getMessage();
        }
        String word = unmatched.getUnmatched().get(0);
        List<String> near = Suggestions.near(word, commands);
        return "unknown command '" + word + "'"
                + (near.isEmpty() ? " (the commands are " + String.join(", ", commands) + ")" : didYouMean(near));
    }

    private static List<String> optionNames(CommandLine command) {
        return command.getCommandSpec().options().stream().filter(option -> !option.hidden())
                .flatMap(option -> Stream.of(option.names())).toList();
    }

    /** The subcommands the help lists (not the launcher's hidden train-startup), in its order. */
    private static List<String> commandNames(CommandLine command) {
        return command.getSubcommands().entrySet().stream()
                .filter(sub -> !sub.getValue().getCommandSpec().usageMessage().hidden())
                .map(Map.Entry::getKey).toList();
    }

    private static String didYouMean(List<String> near) {
        return near.isEmpty() ? "" : " (did you mean " + String.join(" or ", near) + "?)";
    }
}
