package net.backup.session;

import java.security.PublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.common.KeyType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One key line of a known_hosts file (sshd(8), "SSH_KNOWN_HOSTS FILE FORMAT"): an optional marker, the hosts
 * it covers, the key's type and the key.
 *
 * @param blob the key as the SSH protocol encodes it, which is what two keys are compared by
 */
record KnownHostsLine(Marker marker, HostPatterns hosts, String hostsField, String type, byte[] blob) {
    private static final Logger LOG = LoggerFactory.getLogger(KnownHostsLine.class);

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
     * The key line {@code text} holds; empty for a comment, a blank line, or a line OpenSSH would skip as
     * malformed (an unknown marker or key type, a key that does not decode, a broken hashed name). A skipped
     * line is logged only at debug level, as {@code ssh -v} mentions it: it says nothing about any host.
     */
    static Optional<KnownHostsLine> parse(String text, int number) {
        String line = text.strip();
        if (line.isEmpty() || line.startsWith("#")) {
            return Optional.empty();
        }
        String[] fields = line.split("\\s+", 5);
        int at = 0;
        Marker marker = Marker.NONE;
        if (fields[0].startsWith("@")) {
            marker = fields[0].equals("@cert-authority") ? Marker.CERT_AUTHORITY
                    : fields[0].equals("@revoked") ? Marker.REVOKED : null;
            at = 1;
        }
        try {
            if (marker == null || fields.length < at + 3) {
                throw new IllegalArgumentException(marker == null ? "unknown marker" : "hosts, key type and key expected");
            }
            PublicKey key = new Buffer.PlainBuffer(Base64.getDecoder().decode(fields[at + 2])).readPublicKey();
            String type = KeyType.fromKey(key).toString();
            if (!type.equals(fields[at + 1])) {
                throw new IllegalArgumentException("a " + type + " key under the type " + fields[at + 1]);
            }
            return Optional.of(new KnownHostsLine(marker, HostPatterns.parse(fields[at]), fields[at], type, blobOf(key)));
        } catch (Exception malformed) { // sshj's decoding throws runtime and checked exceptions alike
            LOG.debug("known_hosts line {} skipped ({}): {}", number, malformed.getMessage(), Excerpt.of(line, 80));
            return Optional.empty();
        }
    }

    boolean covers(String hostPart) {
        return hosts.matches(hostPart);
    }

    boolean isKey(PublicKey key) {
        return Arrays.equals(blob, blobOf(key));
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
