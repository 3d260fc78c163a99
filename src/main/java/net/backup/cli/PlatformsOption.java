package net.backup.cli;

import java.nio.file.Path;
import net.backup.platform.PlatformRegistry;
import net.backup.platform.Platforms;
import picocli.CommandLine.Option;

/** {@code --platforms DIR}: platform files of the user's own, as backup, keyscan and platforms take them. */
final class PlatformsOption {
    @Option(names = "--platforms", paramLabel = "DIR",
            description = "A folder of platform files (docs/platforms.md) that add to or replace the built-in ones "
                    + "(the inventory may name one too: platforms_dir).")
    Path platformsDir;

    /** The built-in platforms, with the folder's added or put in their place. */
    PlatformRegistry registry() {
        return platformsDir == null ? Platforms.builtIn() : Platforms.builtIn().withDirectory(platformsDir);
    }
}
