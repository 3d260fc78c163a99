package net.backup.cli;

import java.nio.file.Path;
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
}
