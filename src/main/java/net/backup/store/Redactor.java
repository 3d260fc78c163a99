package net.backup.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import net.backup.files.FileErrors;
import net.backup.platform.RegexGuard;
import net.backup.platform.SecretRule;

/**
 * Replaces secrets with stable markers before a configuration is stored, so they never reach the files or
 * their history. The marker is a keyed hash of the secret ({@code <redacted:1f2e3d4c>}): the same secret
 * gives the same marker run after run, a changed secret shows as a changed line in a diff, and the marker
 * cannot be reversed by hashing a dictionary of common communities without the key, which stays in the
 * output directory ({@code .redact-key}, owner-only, never committed).
 */
public final class Redactor {
    private static final Pattern MARKER = Pattern.compile("<redacted:[0-9a-f]{8}>");
    private static final int KEY_BYTES = 32;
    private static final Pattern KEY_HEX = Pattern.compile("[0-9a-fA-F]{" + KEY_BYTES * 2 + "}");

    private final byte[] key;

    private Redactor(byte[] key) {
        this.key = key.clone();
    }

    /** The output directory's key, created the first time it is needed. */
    public static Redactor forDirectory(Path directory) throws IOException {
        Path file = directory.resolve(OutputFiles.REDACT_KEY);
        String hex;
        try {
            if (ExclusiveFiles.attributes(file).isEmpty()) {
                create(directory, file);
            }
            // Never through a link: a planted .redact-key -> /some/file would make its content the key.
            hex = new String(ExclusiveFiles.readRegularFile(file), StandardCharsets.US_ASCII).strip();
        } catch (UnsafeFileException e) {
            throw e;
        } catch (IOException e) {
            throw new UnusableKeyException("cannot read or create the redaction key " + file + ": " + FileErrors.reason(e));
        }
        // Of the length it was made with: a key of a byte or two would let anyone match markers against a list of
        // common secrets.
        if (!KEY_HEX.matcher(hex).matches()) {
            throw new UnusableKeyException(file + " is not a redaction key (" + KEY_BYTES * 2 + " hex digits); remove it "
                    + "to make a new one (the markers in the backups then change, once)");
        }
        return new Redactor(HexFormat.of().parseHex(hex));
    }

    private static void create(Path directory, Path file) throws IOException {
        byte[] fresh = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(fresh);
        Path temp = directory.resolve(OutputFiles.REDACT_KEY_TEMPORARY);
        ExclusiveFiles.removeLeftover(temp);
        ExclusiveFiles.createAndSync(temp, HexFormat.of().formatHex(fresh).getBytes(StandardCharsets.US_ASCII),
                ExclusiveFiles.OWNER_ONLY);
        try {
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException raced) {
            Files.deleteIfExists(temp);
        }
    }

    /** The output directory's key cannot be read, made, or is no key: no device can be redacted with it. */
    public static final class UnusableKeyException extends IOException {
        private static final long serialVersionUID = 1L;

        UnusableKeyException(String message) {
            super(message);
        }
    }

    public String redact(String config, List<SecretRule> rules) {
        return redact(config, rules, RegexGuard.NONE);
    }

    /** @param guard stops the rules' patterns once the device's task is over ({@link RegexGuard.Stopped}) */
    public String redact(String config, List<SecretRule> rules, RegexGuard guard) {
        String[] lines = config.split("\n", -1);
        var view = new RegexGuard.GuardedText(guard);
        for (int i = 0; i < lines.length; i++) {
            lines[i] = redactLine(lines[i], rules, view);
        }
        return String.join("\n", lines);
    }

    /** A secret already replaced by a marker is left as it is. */
    private String redactLine(String line, List<SecretRule> rules, RegexGuard.GuardedText view) {
        return SecretRule.replaceSecrets(line, rules, secret -> MARKER.matcher(secret).matches() ? secret : marker(secret),
                view);
    }

    private String marker(String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] digest = mac.doFinal(secret.getBytes(StandardCharsets.ISO_8859_1));
            return "<redacted:" + HexFormat.of().formatHex(digest, 0, 4) + ">";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }
}
