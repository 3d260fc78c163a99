package net.backup.inventory;

import java.util.Optional;
import java.util.Set;
import net.backup.yaml.YamlSource;
import org.yaml.snakeyaml.nodes.Node;

/**
 * One inventory key, declared once in {@link Settings}: the loader checks a layer's keys against it, reads
 * values with its type, names it in "did you mean", and falls back to its default.
 *
 * @param name     the key as written in the inventory
 * @param levels   where it may be written
 * @param type     reads and checks a written value; its errors name file, line and field
 * @param fallback the value when no level sets it; empty when there is none, and the loader then says the
 *                 key is missing or derives the value (the host from the name, the commands from the platform)
 */
public record Setting<T>(String name, Set<Level> levels, Type<T> type, Optional<T> fallback) {

    /** The levels of the inventory, looked up in the order device, its groups, defaults. */
    public enum Level {
        DEVICE, GROUP, DEFAULTS;

        static final Set<Level> EVERY = Set.of(DEVICE, GROUP, DEFAULTS);
        static final Set<Level> DEVICE_ONLY = Set.of(DEVICE);
    }

    /** Reads one written value; throws an {@link InventoryException} naming {@code field} when it is not one. */
    @FunctionalInterface
    public interface Type<T> {
        T read(Node node, String field, YamlSource source);
    }

    /**
     * A setting is its key: one declaration per name. Written out rather than generated, because a record's
     * generated equals and hashCode are linked on first use, and that cost every run about 10 ms before the
     * first inventory key was read.
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof Setting<?> setting && setting.name.equals(name);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    /** A key any level may set, with a default. */
    static <T> Setting<T> of(String name, Type<T> type, T fallback) {
        return new Setting<>(name, Level.EVERY, type, Optional.of(fallback));
    }

    /** A key any level may set, without a default. */
    static <T> Setting<T> optional(String name, Type<T> type) {
        return new Setting<>(name, Level.EVERY, type, Optional.empty());
    }

    /** A key only a device may set. */
    static <T> Setting<T> deviceOnly(String name, Type<T> type) {
        return new Setting<>(name, Level.DEVICE_ONLY, type, Optional.empty());
    }

    public boolean allowedAt(Level level) {
        return levels.contains(level);
    }
}
