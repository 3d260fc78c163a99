package net.backup.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import net.backup.inventory.InventoryLoader;
import net.backup.platform.Platform;
import net.backup.platform.PlatformRegistry;
import net.backup.platform.SaveStep;
import net.backup.report.TerminalText;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code backup platforms}: the device kinds this build knows, and those a backup with an inventory would. */
@Command(name = "platforms", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Lists the known platforms (the values of platform: in the inventory) and what they run: the "
                + "built-in ones, with those of --platforms DIR and of the inventory's platforms_dir (-i FILE).")
final class PlatformsCommand implements Callable<Integer> {
    /** No default, unlike backup's: without an inventory, the platforms of the build (and --platforms) are listed. */
    @Option(names = {"-i", "--inventory"}, paramLabel = "FILE",
            description = "Also list the platforms of this inventory's platforms_dir, as a backup with it sees them "
                    + "(its devices are not read).")
    Path inventory;

    @CommandLine.Mixin
    PlatformsOption platforms;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        PlatformRegistry registry = inventory == null ? platforms.registry()
                : new InventoryLoader(System::getenv, Optional.empty(), platforms.registry()).platforms(inventory);
        int width = Stream.concat(registry.names().stream(), registry.aliases().keySet().stream())
                .mapToInt(String::length).max().orElse(0);
        String column = "%-" + width + "s ";
        for (String name : registry.names()) {
            Platform platform = registry.find(name).orElseThrow();
            // A platform file's words, as every message that quotes one: escaped (probe H's description retitled the window).
            out.println(TerminalText.escape(String.format(column + "%s", platform.name(), platform.description())));
            out.println(TerminalText.escape(String.format(column + "save: %s; setup: %s; backup: %s", "",
                    listOrNone(platform.saveCommands().stream().map(SaveStep::command).toList()),
                    listOrNone(platform.setupCommands()), listOrNone(platform.backupCommands()))));
        }
        new TreeMap<>(registry.aliases()).forEach((alias, name) ->
                out.println(TerminalText.escape(String.format(column + "alias of %s", alias, name))));
        out.flush();
        return ExitCodes.OK;
    }

    /** A platform that saves nothing (IOS-XR and JunOS commit instead) says so rather than "save: ;". */
    private static String listOrNone(List<String> commands) {
        return commands.isEmpty() ? "none" : String.join(", ", commands);
    }
}
