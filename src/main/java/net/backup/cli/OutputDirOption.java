package net.backup.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code -o, --output-dir DIR}: where the backups and their history are, as backup, diff and log take it. */
final class OutputDirOption {
    @Option(names = {"-o", "--output-dir"}, paramLabel = "DIR", defaultValue = "configs",
            description = "Where the <name>.cfg backups and their history are (default: ${DEFAULT-VALUE}).")
    Path outputDir;
}
