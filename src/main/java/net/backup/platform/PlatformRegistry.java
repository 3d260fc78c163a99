package net.backup.platform;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The platforms a run knows: the ones built into the jar, plus any read from a folder of platform files
 * ({@code --platforms DIR}, {@code platforms_dir:}), which add new ones or replace built-ins of the same name.
 * A built-in file is read when first asked for: a fleet of IOS devices never parses the other five (a
 * twentieth of a one-device run's start-up). Aliases are declared inside the files, so a name that is not a
 * built-in's own makes the registry read them all.
 */
public final class PlatformRegistry {
    /** The platform of a device that names none. */
    public static final String DEFAULT = "cisco_ios";
    /** The built-in platforms, each a resource /platforms/NAME.yaml. */
    static final List<String> BUILT_IN = List.of("cisco_ios", "arista_eos", "cisco_nxos", "cisco_xr", "cisco_asa",
            "juniper_junos");

    /** Built-ins not read yet, by name; emptied as they are read. */
    private final Map<String, Boolean> unread;
    private final Map<String, Platform> byName;
    private final Map<String, String> aliases;

    private PlatformRegistry(Map<String, Boolean> unread, Map<String, Platform> byName, Map<String, String> aliases) {
        this.unread = unread;
        this.byName = byName;
        this.aliases = aliases;
    }

    public static PlatformRegistry builtIn() {
        var unread = new LinkedHashMap<String, Boolean>();
        BUILT_IN.forEach(name -> unread.put(name, true));
        return new PlatformRegistry(unread, new TreeMap<>(), new TreeMap<>());
    }

    /**
     * This registry plus every {@code *.yaml} file of {@code directory}.
     *
     * @throws PlatformException for a bad file (naming file, line and key) or an unreadable folder
     */
    public PlatformRegistry withDirectory(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new PlatformException(directory + ": no such folder of platform files");
        }
        PlatformRegistry registry;
        synchronized (this) {
            registry = new PlatformRegistry(new LinkedHashMap<>(unread), new TreeMap<>(byName), new TreeMap<>(aliases));
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

    public synchronized Optional<Platform> find(String name) {
        if (unread.containsKey(name)) {
            read(name);
        } else if (!byName.containsKey(name) && !aliases.containsKey(name)) {
            readAll();
        }
        // A platform's own name beats another's alias: a user's file named like a built-in alias is that platform.
        if (byName.containsKey(name)) {
            return Optional.of(byName.get(name));
        }
        return Optional.ofNullable(aliases.get(name)).map(byName::get);
    }

    public synchronized List<String> names() {
        readAll();
        return List.copyOf(byName.keySet());
    }

    public synchronized Map<String, String> aliases() {
        readAll();
        return Map.copyOf(aliases);
    }

    private void read(String builtIn) {
        unread.remove(builtIn);
        PlatformFile.Loaded loaded = PlatformFile.builtIn(builtIn);
        // A user's file of the same name, or one that claims one of its aliases, was added first and wins; the
        // built-in's aliases still lead to the name, whichever file now defines it, unless a user's platform is
        // named like the alias: a name of the user's always wins, whatever was looked up first.
        byName.putIfAbsent(builtIn, loaded.platform());
        loaded.aliases().stream().filter(alias -> !byName.containsKey(alias))
                .forEach(alias -> aliases.putIfAbsent(alias, builtIn));
    }

    private void readAll() {
        List.copyOf(unread.keySet()).forEach(this::read);
    }
}
