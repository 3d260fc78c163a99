package net.backup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** An unexpected failure is one line; the pointer to --verbose is given only where the command has that option. */
class FailureHandlerTest {
    @Test
    void pointsToVerboseOnlyWhereTheCommandHasIt() {
        assertThat(failureOf(BackupCommand.commandLine(), "--inventory", "x.yaml"))
                .isEqualTo("backup: java.lang.IllegalStateException: broken\n(run again with --verbose for details)\n");
        assertThat(failureOf(new CommandLine(new LabCommand())))
                .isEqualTo("backup: java.lang.IllegalStateException: broken\n");
    }

    private static String failureOf(CommandLine commandLine, String... args) {
        var err = new StringWriter();
        commandLine.setErr(new PrintWriter(err, true));
        CommandLine.ParseResult parsed = commandLine.parseArgs(args);

        int exitCode = new FailureHandler().handleExecutionException(new IllegalStateException("broken"), commandLine, parsed);

        assertThat(exitCode).isEqualTo(ExitCodes.SOME_FAILED);
        return err.toString();
    }
}
