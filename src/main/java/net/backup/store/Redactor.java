package net.backup.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import net.backup.files.FileErrors;
import net.backup.files.ShellWords;
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
    private static final int MARKER_LENGTH = "<redacted:00000000>".length();
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
                requireNoMarkersOfALostKey(directory, file);
                create(directory, file);
            }
            // Never through a link: a planted .redact-key -> /some/file would make its content the key.
            hex = new String(ExclusiveFiles.readRegularFile(file), StandardCharsets.US_ASCII).strip();
        } catch (UnsafeFileException | UnusableKeyException e) {
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

    /**
     * A new key where the backups hold markers made with another one would change every marker: the whole fleet
     * "changed" in one commit, for nothing (probe M: a copy or clone of the directory, which has no key, as the key
     * is never committed).
     */
    private static void requireNoMarkersOfALostKey(Path directory, Path file) throws IOException {
        // Every backup, not only those a run redacts: a copy whose first run redacts one new device would make a key
        // and change every marker at the next run that redacts them all (the second review).
        try (var backups = Files.newDirectoryStream(directory, OutputFiles.configs())) {
            for (Path backup : backups) {
                if (holdsMarkers(backup)) {
                    throw new UnusableKeyException("the backups in " + directory + " hold redaction markers ("
                            + backup.getFileName() + "), but the key they were made with is missing (" + file + "; it is never"
                            + " committed, so a copy or clone of the directory has none): put it back; if it is lost for good,"
                            + " or those markers are a device's own text, make a new one, and every marker changes once:"
                            + " (umask 077; head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \\n' > "
                            + ShellWords.quote(file.toString()) + ")");
                }
            }
        }
    }

    /**
     * A configuration stored without redaction over a backup whose markers it would put back in clear: one run
     * without {@code --redact} put every secret of the fleet into the files and the history, for good (probe M). A
     * marker of the stored backup that the new configuration does not hold is one such secret. Not a guess from text
     * that only looks like a marker: a device whose configuration holds that text (a description, a configuration
     * restored from a redacted backup) holds it in the new configuration too.
     *
     * @throws RedactionDroppedException naming the file and the way on
     */
    static void requireMarkersKept(Path stored, String config) throws IOException {
        Optional<String> dropped = firstMarker(stored, marker -> !config.contains(marker));
        if (dropped.isPresent()) {
            throw new RedactionDroppedException("its backup is redacted (" + dropped.get() + " in it) and this run"
                    + " does not redact it: storing it would put its secrets in clear, in the file and the history;"
                    + " add --redact (or redact: true), or remove " + ShellWords.quote(stored.toString()) + " to store it"
                    + " in clear from now on (or if it never was redacted)");
        }
    }

    /**
     * The first marker in {@code file} that {@code wanted} takes, read in pieces whatever the file's size: a stored
     * backup far larger than the new configuration (a replaced device) is looked through too (the second review: it
     * was skipped, and the secrets stored in clear), in bounded memory.
     */
    private static Optional<String> firstMarker(Path file, Predicate<String> wanted) throws IOException {
        if (!ExclusiveFiles.isRegularFile(file)) {
            return Optional.empty();
        }
        try (var in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            byte[] piece = new byte[64 * 1024];
            String carried = "";
            for (int read; (read = in.readNBytes(piece, 0, piece.length)) > 0; ) {
                String text = carried + new String(piece, 0, read, StandardCharsets.ISO_8859_1);
                var markers = MARKER.matcher(text);
                int searched = 0;
                while (markers.find()) {
                    if (wanted.test(markers.group())) {
                        return Optional.of(markers.group());
                    }
                    searched = markers.end();
                }
                // A marker may begin in this piece and end in the next: its start is carried over.
                carried = text.substring(Math.max(searched, text.length() - MARKER_LENGTH + 1));
            }
        }
        return Optional.empty();
    }

    /** A regular file (never followed through a link) that holds a marker. */
    private static boolean holdsMarkers(Path backup) throws IOException {
        return firstMarker(backup, marker -> true).isPresent();
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

    /** A configuration not redacted would replace a redacted backup, putting its secrets in clear; the backup is kept. */
    public static final class RedactionDroppedException extends IOException {
        private static final long serialVersionUID = 1L;

        RedactionDroppedException(String message) {
            super(message);
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
