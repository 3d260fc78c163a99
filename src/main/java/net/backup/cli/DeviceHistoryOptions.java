package net.backup.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import net.backup.store.HistoryReader;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** What {@code backup diff} and {@code backup log} both ask: which device, and where its history is. */
final class DeviceHistoryOptions {
    @Parameters(paramLabel = "NAME", description = "The device, as named in the inventory.")
    String name;

    @Mixin
    OutputDirOption output;

    Path outputDir() {
        return output.outputDir;
    }

    /**
     * The output directory's history. A directory that is not there is said as such, with the folder it was looked
     * for in: run from another folder than the backups', the default {@code configs} is not found, and "has no
     * history (... --no-history?)" sent people looking for a history that was never the problem.
     */
    HistoryReader openHistory() throws IOException {
        Path directory = outputDir();
        if (Files.notExists(directory)) {
            String absolute = directory.isAbsolute() ? "" : " (" + directory.toAbsolutePath() + ")";
            throw new FailureHandler.UsageException("--output-dir " + directory + ": no such directory" + absolute
                    + "; name the directory the backups were written to with -o DIR");
        }
        return HistoryReader.open(directory);
    }
}
