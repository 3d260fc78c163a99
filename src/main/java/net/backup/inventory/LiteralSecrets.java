package net.backup.inventory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;

/** Notices an inventory that holds a secret in clear text while others may read the file. */
final class LiteralSecrets {
    private static final Set<PosixFilePermission> OTHERS_READ = Set.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.OTHERS_READ);

    private LiteralSecrets() {
    }

    static List<String> warnings(Path file, List<SettingsLayer> layers) {
        boolean literal = layers.stream().anyMatch(layer -> Settings.SECRETS.stream().anyMatch(secret -> layer.has(secret.literal())));
        if (!literal) {
            return List.of();
        }
        try {
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file);
            if (mode.stream().noneMatch(OTHERS_READ::contains)) {
                return List.of();
            }
            return List.of(file + " holds a password in clear text and others can read it ("
                    + PosixFilePermissions.toString(mode) + "): chmod 600 " + file
                    + ", or use password_env or password_file");
        } catch (IOException | UnsupportedOperationException e) {
            return List.of();
        }
    }
}
