package net.backup.session;

import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.common.KeyType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One key line of a known_hosts file (sshd(8), "SSH_KNOWN_HOSTS FILE FORMAT"): an optional marker, the hosts
 * it covers, the key's type and the key.
 * <p>
 * The key is read the first time a look-up finds the line: a file holds a line per device, and reading every
 * key (base64, then the key's own checks) took about 45 ms of a one-device run against a file of 500 RSA keys.
 */
final class KnownHostsLine {
    private static final Logger LOG = LoggerFactory.getLogger(KnownHostsLine.class);
    private static final Set<String> RSA_SIGNATURE_NAMES = Set.of("rsa-sha2-256", "rsa-sha2-512");

    /**
     * What the line's key is. A {@code @cert-authority} key signs host certificates and vouches for nothing
     * else; a {@code @revoked} key must never be accepted.
     */
    enum Marker { NONE, CERT_AUTHORITY, REVOKED }

    /**
     * The key as read: its type and the key as the SSH protocol encodes it, which is what two keys are compared by;
     * for a key that cannot be read, the line's type field and no encoding.
     */
    private record Key(String type, byte[] blob) {
    }

    private final Marker marker;
    private final HostPatterns hosts;
    private final String hostsField;
    /** The type and key fields as written; null once read, or for a line made from a key. */
    private String typeField;
    private String keyField;
    private final int number;
    private volatile Key key;

    private KnownHostsLine(Marker marker, HostPatterns hosts, String hostsField, String typeField, String keyField, int number) {
        this.marker = marker;
        this.hosts = hosts;
        this.hostsField = hostsField;
        this.typeField = typeField;
        this.keyField = keyField;
        this.number = number;
    }

    /** The line a newly accepted key is recorded as, the way OpenSSH writes it, its host hashed or not. */
    static KnownHostsLine of(String hostPart, PublicKey key, boolean hashed) {
        String field = hashed ? HostPatterns.hashed(hostPart) : hostPart;
        var line = new KnownHostsLine(Marker.NONE, HostPatterns.parse(field), field, null, null, 0);
        line.key = new Key(KeyType.fromKey(key).toString(), blobOf(key));
        return line;
    }

    /**
     * The key line {@code text} holds; empty for a comment, a blank line, or a line whose hosts cannot be read
     * (an unknown marker, a broken hashed name): it says nothing about any host. A line whose hosts can be read
     * but whose key cannot (an algorithm sshj lacks, a damaged key, a type that is not the key's) still names
     * its hosts: it is kept as a key on record that matches no key, so that such a host is held to it (a new
     * key is a changed key, never recorded in its place). Skipped lines are logged at debug level only.
     */
    static Optional<KnownHostsLine> parse(String text, int number) {
        // As ssh reads a line: only blanks and tabs separate fields or lead a line. A form feed or U+2003 is no
        // separator to ssh, so it is none here: a field that ssh reads as '\x1C[host]' names no host for either.
        String line = stripBlanks(text);
        if (line.isEmpty() || line.startsWith("#")) {
            return Optional.empty();
        }
        String[] fields = fields(line, 5);
        int at = 0;
        Marker marker = Marker.NONE;
        if (fields[0].startsWith("@")) {
            marker = fields[0].equals("@cert-authority") ? Marker.CERT_AUTHORITY
                    : fields[0].equals("@revoked") ? Marker.REVOKED : null;
            at = 1;
        }
        HostPatterns hosts;
        try {
            if (marker == null || fields.length < at + 2) {
                throw new IllegalArgumentException(marker == null ? "unknown marker" : "hosts and a key expected");
            }
            hosts = HostPatterns.parse(fields[at]);
        } catch (RuntimeException malformed) {
            LOG.debug("known_hosts line {} skipped ({}): {}", number, malformed.getMessage(), Excerpt.of(line, 80));
            return Optional.empty();
        }
        return Optional.of(new KnownHostsLine(marker, hosts, fields[at], fields[at + 1],
                fields.length < at + 3 ? null : fields[at + 2], number));
    }

    /**
     * {@code text} without the blanks and tabs around it. By hand, not by a regex: {@code [ \\t]+$} is tried at
     * every position of a line of several hundred characters, a quarter of reading a file of 500 lines.
     */
    static String stripBlanks(String text) {
        int from = 0;
        int to = text.length();
        while (from < to && isBlank(text.charAt(from))) {
            from++;
        }
        while (to > from && isBlank(text.charAt(to - 1))) {
            to--;
        }
        return text.substring(from, to);
    }

    /**
     * {@code line}'s fields, separated by runs of blanks and tabs, at most {@code limit} of them: the last one is the
     * rest of the line (a key's comment may hold blanks). {@code line} neither begins nor ends with a blank.
     */
    static String[] fields(String line, int limit) {
        var fields = new ArrayList<String>(limit);
        int from = 0;
        while (fields.size() < limit - 1) {
            int end = from;
            while (end < line.length() && !isBlank(line.charAt(end))) {
                end++;
            }
            if (end == line.length()) {
                break;
            }
            fields.add(line.substring(from, end));
            from = end;
            while (from < line.length() && isBlank(line.charAt(from))) {
                from++;
            }
        }
        fields.add(line.substring(from));
        return fields.toArray(String[]::new);
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }

    private Key key() {
        Key read = key;
        if (read == null) {
            synchronized (this) {
                if (key == null) {
                    key = read(typeField, keyField, number);
                    typeField = null;
                    keyField = null;
                }
                read = key;
            }
        }
        return read;
    }

    private static Key read(String typeField, String keyField, int number) {
        try {
            if (keyField == null) {
                throw new IllegalArgumentException("no key after its type (a line cut short?)");
            }
            PublicKey key = new Buffer.PlainBuffer(Base64.getDecoder().decode(keyField)).readPublicKey();
            String type = KeyType.fromKey(key).toString();
            if (!namesType(typeField, type)) {
                throw new IllegalArgumentException("a " + type + " key under the type " + typeField);
            }
            return new Key(type, blobOf(key));
        } catch (Exception unreadable) { // sshj's decoding throws runtime and checked exceptions alike
            LOG.debug("known_hosts line {}: its key cannot be read ({}); its hosts are held to it", number,
                    unreadable.getMessage());
            return new Key(typeField, null);
        }
    }

    Marker marker() {
        return marker;
    }

    HostPatterns hosts() {
        return hosts;
    }

    /** The key's type; for a key that cannot be read, the type the line names. */
    String type() {
        return key().type();
    }

    /**
     * Whether a line's type field names the key's type as ssh 9.2 reads it: the full name, as written (not
     * {@code ED25519} nor {@code SSH-RSA}, which ssh takes for a line it cannot parse), or for RSA one of its
     * signature names ({@code rsa-sha2-512}).
     */
    static boolean namesType(String field, String type) {
        return field.equals(type) || type.equals("ssh-rsa") && RSA_SIGNATURE_NAMES.contains(field);
    }

    /** Whether the line's key could be read: only then does it stand for a key, and its type for a type. */
    boolean readable() {
        return key().blob() != null;
    }

    boolean covers(String hostPart) {
        return hosts.matches(hostPart);
    }

    private boolean isKey(PublicKey other) {
        byte[] blob = key().blob();
        return blob != null && Arrays.equals(blob, blobOf(other));
    }

    /** A plain line holding {@code key}: the host's key on record. */
    boolean vouchesFor(PublicKey key) {
        return marker == Marker.NONE && isKey(key);
    }

    /** An {@code @revoked} line naming {@code key}: never to be accepted. */
    boolean revokes(PublicKey key) {
        return marker == Marker.REVOKED && isKey(key);
    }

    /** The line as known_hosts holds it. */
    String text() {
        String prefix = switch (marker) {
            case NONE -> "";
            case CERT_AUTHORITY -> "@cert-authority ";
            case REVOKED -> "@revoked ";
        };
        return prefix + hostsField + " " + type() + " " + Base64.getEncoder().encodeToString(key().blob());
    }

    static byte[] blobOf(PublicKey key) {
        return new Buffer.PlainBuffer().putPublicKey(key).getCompactData();
    }
}
