package net.backup.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.util.List;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;

/**
 * The lab's host key, kept in a file so that a lab restarted on the same ports presents the same key:
 * otherwise {@code known_hosts} would see a changed key and, rightly, refuse every device.
 */
public final class LabHostKey {
    private LabHostKey() {
    }

    public static Path defaultFile() {
        String cache = System.getenv("XDG_CACHE_HOME");
        Path base = cache != null && !cache.isBlank() ? Path.of(cache) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("backup-lab").resolve("ssh_host_rsa_key");
    }

    /**
     * Reads the key from {@code file}, generating and saving a new RSA 2048 key the first time: IOS and
     * IOS-XE present RSA host keys, so clients are measured against what they meet in the field.
     */
    public static KeyPair loadOrCreate(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            Files.createDirectories(parent, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        var provider = new SimpleGeneratorHostKeyProvider(file);
        provider.setAlgorithm("RSA");
        provider.setKeySize(2048);
        List<KeyPair> keys = provider.loadKeys(null);
        if (keys.isEmpty()) {
            throw new IOException("no host key could be read from or written to " + file);
        }
        return keys.get(0);
    }
}
