package net.backup.inventory;

import java.nio.file.Path;
import java.util.List;

/**
 * A loaded inventory.
 *
 * @param warnings    things worth saying that do not stop the run (a file with passwords others can read)
 * @param secretFiles the files secrets were read from ({@code password_file} and the like), as named: nothing the
 *                    run writes may replace them
 */
public record Inventory(List<Device> devices, List<String> warnings, List<Path> secretFiles) {
    public Inventory {
        devices = List.copyOf(devices);
        warnings = List.copyOf(warnings);
        secretFiles = List.copyOf(secretFiles);
    }
}
