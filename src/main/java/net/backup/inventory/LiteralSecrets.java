package net.backup.inventory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Notices an inventory that holds a secret in clear text while others may read the file, and says which kinds it
 * holds: a file with only an enable secret was said to hold "a password", and pointed to password_env.
 */
final class LiteralSecrets {
    private static final Set<PosixFilePermission> OTHERS_READ = Set.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.OTHERS_READ);

    private LiteralSecrets() {
    }

    static List<String> warnings(Path file, List<SettingsLayer> layers) {
        List<SecretSetting> held = Settings.SECRETS.stream()
                .filter(secret -> layers.stream().anyMatch(layer -> layer.has(secret.literal()))).toList();
        if (held.isEmpty()) {
            return List.of();
        }
        try {
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file);
            if (mode.stream().noneMatch(OTHERS_READ::contains)) {
                return List.of();
            }
            return List.of(file + " holds " + inWords(held.stream().map(SecretSetting::inWords).toList())
                    + " in clear text and others can read it (" + PosixFilePermissions.toString(mode) + "): chmod 600 "
                    + file + ", or use " + held.stream().map(secret -> secret.variable().name() + " or "
                            + secret.file().name()).collect(Collectors.joining(", and ")));
        } catch (IOException | UnsupportedOperationException e) {
            return List.of();
        }
    }

    /** {@code a password}, {@code a password and an enable secret}, {@code a, b and c}. */
    private static String inWords(List<String> kinds) {
        int last = kinds.size() - 1;
        return last == 0 ? kinds.get(0) : String.join(", ", kinds.subList(0, last)) + " and " + kinds.get(last);
    }
}
