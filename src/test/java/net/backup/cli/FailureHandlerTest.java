package net.backup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.AccessDeniedException;
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

    /** A file error nothing else caught is said in words: "backup: java.nio.file.AccessDeniedException: /x" said why only by a class name. */
    @Test
    void aFileErrorIsSaidInWords() {
        assertThat(failureOf(BackupCommand.commandLine(), new AccessDeniedException("/srv/configs/x"), "--inventory", "x.yaml"))
                .isEqualTo("backup: permission denied (/srv/configs/x)\n(run again with --verbose for details)\n");
        assertThat(failureOf(BackupCommand.commandLine(), new IOException("No space left on device"), "--inventory", "x.yaml"))
                .isEqualTo("backup: no space left on device\n(run again with --verbose for details)\n");
    }

    private static String failureOf(CommandLine commandLine, String... args) {
        return failureOf(commandLine, new IllegalStateException("broken"), args);
    }

    private static String failureOf(CommandLine commandLine, Exception failure, String... args) {
        var err = new StringWriter();
        commandLine.setErr(new PrintWriter(err, true));
        CommandLine.ParseResult parsed = commandLine.parseArgs(args);

        int exitCode = new FailureHandler().handleExecutionException(failure, commandLine, parsed);

        assertThat(exitCode).isEqualTo(ExitCodes.SOME_FAILED);
        return err.toString();
    }
}
