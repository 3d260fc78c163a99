package net.backup.session;

import java.security.PublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.common.KeyType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One key line of a known_hosts file (sshd(8), "SSH_KNOWN_HOSTS FILE FORMAT"): an optional marker, the hosts
 * it covers, the key's type and the key.
 *
 * @param blob the key as the SSH protocol encodes it, which is what two keys are compared by; null where the
 *             key could not be read
 */
record KnownHostsLine(Marker marker, HostPatterns hosts, String hostsField, String type, byte[] blob) {
    private static final Logger LOG = LoggerFactory.getLogger(KnownHostsLine.class);
    private static final Pattern BLANKS = Pattern.compile("[ \\t]+");
    private static final Pattern BLANKS_AROUND = Pattern.compile("^[ \\t]+|[ \\t]+$");
    private static final Set<String> RSA_SIGNATURE_NAMES = Set.of("rsa-sha2-256", "rsa-sha2-512");

    /**
     * What the line's key is. A {@code @cert-authority} key signs host certificates and vouches for nothing
     * else; a {@code @revoked} key must never be accepted.
     */
    enum Marker { NONE, CERT_AUTHORITY, REVOKED }

    /** The line a newly accepted key is recorded as, the way OpenSSH writes it, its host hashed or not. */
    static KnownHostsLine of(String hostPart, PublicKey key, boolean hashed) {
        String field = hashed ? HostPatterns.hashed(hostPart) : hostPart;
        return new KnownHostsLine(Marker.NONE, HostPatterns.parse(field), field, KeyType.fromKey(key).toString(), blobOf(key));
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
        String line = BLANKS_AROUND.matcher(text).replaceAll("");
        if (line.isEmpty() || line.startsWith("#")) {
            return Optional.empty();
        }
        String[] fields = BLANKS.split(line, 5);
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
        try {
            if (fields.length < at + 3) {
                throw new IllegalArgumentException("no key after its type (a line cut short?)");
            }
            PublicKey key = new Buffer.PlainBuffer(Base64.getDecoder().decode(fields[at + 2])).readPublicKey();
            String type = KeyType.fromKey(key).toString();
            if (!namesType(fields[at + 1], type)) {
                throw new IllegalArgumentException("a " + type + " key under the type " + fields[at + 1]);
            }
            return Optional.of(new KnownHostsLine(marker, hosts, fields[at], type, blobOf(key)));
        } catch (Exception unreadable) { // sshj's decoding throws runtime and checked exceptions alike
            LOG.debug("known_hosts line {}: its key cannot be read ({}); its hosts are held to it", number,
                    unreadable.getMessage());
            return Optional.of(new KnownHostsLine(marker, hosts, fields[at], fields[at + 1], null));
        }
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
        return blob != null;
    }

    boolean covers(String hostPart) {
        return hosts.matches(hostPart);
    }

    private boolean isKey(PublicKey key) {
        return blob != null && Arrays.equals(blob, blobOf(key));
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
        return prefix + hostsField + " " + type + " " + Base64.getEncoder().encodeToString(blob);
    }

    static byte[] blobOf(PublicKey key) {
        return new Buffer.PlainBuffer().putPublicKey(key).getCompactData();
    }
}
