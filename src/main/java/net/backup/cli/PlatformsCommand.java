package net.backup.cli;

import java.util.TreeMap;
import java.util.concurrent.Callable;
import net.backup.platform.Platform;
import net.backup.platform.PlatformRegistry;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code backup platforms}: the device kinds this build knows. */
@Command(name = "platforms", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Lists the known platforms (the values of platform: in the inventory) and what they run.")
final class PlatformsCommand implements Callable<Integer> {
    @CommandLine.Mixin
    PlatformsOption platforms;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        PlatformRegistry registry = platforms.registry();
        for (String name : registry.names()) {
            Platform platform = registry.find(name).orElseThrow();
            out.printf("%-12s %s%n", platform.name(), platform.description());
            out.printf("%-12s save: %s; setup: %s; backup: %s%n", "", String.join(", ", platform.saveCommands().stream().map(net.backup.platform.SaveStep::command).toList()),
                    String.join(", ", platform.setupCommands()), String.join(", ", platform.backupCommands()));
        }
        new TreeMap<>(registry.aliases()).forEach((alias, name) -> out.printf("%-12s alias of %s%n", alias, name));
        out.flush();
        return ExitCodes.OK;
    }
}
