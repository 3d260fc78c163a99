package net.backup.inventory;

import java.util.List;

/**
 * A loaded inventory.
 *
 * @param warnings things worth saying that do not stop the run (a file with passwords others can read)
 */
public record Inventory(List<Device> devices, List<String> warnings) {
    public Inventory {
        devices = List.copyOf(devices);
        warnings = List.copyOf(warnings);
    }
}
