package net.backup.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** What {@code backup diff} and {@code backup log} both ask: which device, and where its history is. */
final class DeviceHistoryOptions {
    @Parameters(paramLabel = "NAME", description = "The device, as named in the inventory.")
    String name;

    @Option(names = {"-o", "--output-dir"}, paramLabel = "DIR", defaultValue = "configs",
            description = "Where the backups and their history are (default: ${DEFAULT-VALUE}).")
    Path outputDir;
}
