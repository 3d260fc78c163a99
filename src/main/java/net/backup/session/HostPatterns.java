package net.backup.session;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The hosts field of a known_hosts line, matched as sshd(8) says: a comma-separated list of patterns ({@code *}
 * and {@code ?} wildcards), where a host that matches a pattern preceded by {@code !} is not covered by the line
 * even if another pattern names it; or one hashed name ({@code |1|salt|hash}, {@code ssh-keygen -H}).
 */
final class HostPatterns {
    private static final String HASHED = "|1|";

    private final List<Glob> covered;
    private final List<Glob> excluded;
    private final byte[] salt;
    private final byte[] hash;
    /** The names, when the line is only a list of names; empty otherwise. */
    private final Optional<Set<String>> exactNames;

    private HostPatterns(List<Glob> covered, List<Glob> excluded, byte[] salt, byte[] hash,
            Optional<Set<String>> exactNames) {
        this.covered = covered;
        this.excluded = excluded;
        this.salt = salt;
        this.hash = hash;
        this.exactNames = exactNames;
    }

    /** @throws IllegalArgumentException for a hashed name that is not two base64 fields */
    static HostPatterns parse(String field) {
        if (field.startsWith(HASHED)) {
            String[] parts = field.substring(HASHED.length()).split("\\|", -1);
            byte[] salt = parts.length == 2 ? Base64.getDecoder().decode(parts[0]) : new byte[0];
            if (salt.length == 0) {
                throw new IllegalArgumentException("a hashed name is |1|salt|hash");
            }
            return new HostPatterns(List.of(), List.of(), salt, Base64.getDecoder().decode(parts[1]), Optional.empty());
        }
        var covered = new ArrayList<Glob>();
        var excluded = new ArrayList<Glob>();
        var names = new HashSet<String>();
        boolean onlyNames = true;
        for (String pattern : field.split(",")) {
            if (pattern.startsWith("!")) {
                excluded.add(Glob.of(pattern.substring(1)));
                onlyNames = false;
            } else if (!pattern.isEmpty()) {
                covered.add(Glob.of(pattern));
                onlyNames &= pattern.indexOf('*') < 0 && pattern.indexOf('?') < 0;
                names.add(pattern.toLowerCase(Locale.ROOT));
            }
        }
        return new HostPatterns(List.copyOf(covered), List.copyOf(excluded), null, null,
                onlyNames ? Optional.of(Set.copyOf(names)) : Optional.empty());
    }

    /**
     * The names the line covers when it is only a list of names (no wildcard, no negation, not hashed), the way
     * ssh and this tool write lines: such a line can be found by name rather than tried on every lookup.
     */
    Optional<Set<String>> exactNames() {
        return exactNames;
    }

    /** Whether the line names its host hashed ({@code ssh-keygen -H}, OpenSSH's HashKnownHosts). */
    boolean isHashed() {
        return hash != null;
    }

    /** {@code hostPart} hashed with a fresh salt, as OpenSSH writes it with HashKnownHosts. */
    static String hashed(String hostPart) {
        byte[] salt = new byte[20];
        new SecureRandom().nextBytes(salt);
        Base64.Encoder base64 = Base64.getEncoder();
        return HASHED + base64.encodeToString(salt) + "|"
                + base64.encodeToString(hmacSha1(salt, hostPart.toLowerCase(Locale.ROOT)));
    }

    /** @param hostPart the host as known_hosts writes it: {@code host}, or {@code [host]:port} off port 22 */
    boolean matches(String hostPart) {
        // OpenSSH lowers a host name's case before it hashes or matches it.
        String host = hostPart.toLowerCase(Locale.ROOT);
        if (hash != null) {
            return MessageDigest.isEqual(hash, hmacSha1(salt, host));
        }
        // A negated pattern vetoes the line, wherever it stands in the list.
        return excluded.stream().noneMatch(glob -> glob.matches(host)) && covered.stream().anyMatch(glob -> glob.matches(host));
    }

    /**
     * One pattern: OpenSSH's wildcards, everything else literal ({@code [}, {@code ]} and {@code .} included), case
     * ignored. One without a wildcard, as nearly all are, is compared as a name: compiling a regex for each line of
     * a file of 500 took a tenth of the file's reading.
     *
     * @param name the pattern in lower case, where it has no wildcard; else null
     * @param regex the pattern as a regex, where it has one; else null
     */
    private record Glob(String name, Pattern regex) {
        static Glob of(String pattern) {
            String lower = pattern.toLowerCase(Locale.ROOT);
            if (lower.indexOf('*') < 0 && lower.indexOf('?') < 0) {
                return new Glob(lower, null);
            }
            var regex = new StringBuilder();
            for (char c : lower.toCharArray()) {
                regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
            }
            return new Glob(null, Pattern.compile(regex.toString(), Pattern.DOTALL));
        }

        /** @param host in lower case */
        boolean matches(String host) {
            return name != null ? name.equals(host) : regex.matcher(host).matches();
        }
    }

    private static byte[] hmacSha1(byte[] key, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key, "HmacSHA1"));
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA1 is missing from this JVM", e);
        }
    }
}
