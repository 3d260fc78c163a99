package net.backup.platform;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The platforms a run knows: the ones built into the jar, plus any read from a folder of platform files
 * ({@code --platforms DIR}, {@code platforms_dir:}), which add new ones or replace built-ins of the same name.
 */
public final class PlatformRegistry {
    /** The platform of a device that names none. */
    public static final String DEFAULT = "cisco_ios";
    /** The built-in platforms, each a resource /platforms/NAME.yaml. */
    static final List<String> BUILT_IN = List.of("cisco_ios", "arista_eos", "cisco_nxos", "cisco_xr", "cisco_asa",
            "juniper_junos");

    private final Map<String, Platform> byName;
    private final Map<String, String> aliases;

    private PlatformRegistry(Map<String, Platform> byName, Map<String, String> aliases) {
        this.byName = byName;
        this.aliases = aliases;
    }

    public static PlatformRegistry builtIn() {
        var registry = new PlatformRegistry(new TreeMap<>(), new TreeMap<>());
        BUILT_IN.forEach(name -> registry.add(PlatformFile.builtIn(name)));
        return registry;
    }

    /**
     * This registry plus every {@code *.yaml} file of {@code directory}.
     *
     * @throws PlatformException for a bad file (naming file, line and key) or an unreadable folder
     */
    public PlatformRegistry withDirectory(Path directory) {
        var registry = new PlatformRegistry(new TreeMap<>(byName), new TreeMap<>(aliases));
        if (!Files.isDirectory(directory)) {
            throw new PlatformException(directory + ": no such folder of platform files");
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*.{yaml,yml}")) {
            for (Path file : files) {
                registry.add(PlatformFile.read(file));
            }
        } catch (IOException e) {
            throw new PlatformException(directory + ": cannot read the platform files: " + e.getMessage());
        }
        return registry;
    }

    private void add(PlatformFile.Loaded loaded) {
        byName.put(loaded.platform().name(), loaded.platform());
        loaded.aliases().forEach(alias -> aliases.put(alias, loaded.platform().name()));
    }

    public Optional<Platform> find(String name) {
        return Optional.ofNullable(byName.get(aliases.getOrDefault(name, name)));
    }

    public List<String> names() {
        return List.copyOf(byName.keySet());
    }

    public Map<String, String> aliases() {
        return Map.copyOf(aliases);
    }
}
