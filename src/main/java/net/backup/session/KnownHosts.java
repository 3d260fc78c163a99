package net.backup.session;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import net.backup.files.FileErrors;
import net.backup.files.ShellWords;
import net.schmizz.sshj.common.KeyType;
import net.schmizz.sshj.transport.verification.HostKeyVerifier;

/**
 * One known_hosts file shared by every device of a run, read as OpenSSH reads it (sshd(8), "SSH_KNOWN_HOSTS
 * FILE FORMAT"), with the policy for keys not on record; verification and recording are safe when many
 * connections verify at once.
 *
 * <p>A host with any key on record is held to it, as OpenSSH does: the key types on record are offered
 * first in the host-key negotiation (so the device answers with the recorded key if it still has it), and
 * only a recorded key is accepted. A key of another type is a changed key, never a new one to record:
 * otherwise an impostor that simply lacks the recorded key type would be trusted on the spot.
 *
 * <p>Only plain lines put a key on record. A {@code @cert-authority} line vouches for host certificates,
 * which this tool does not take, so never for a plain key; and it is no key of the host's that a new key
 * would contradict.
 */
public final class KnownHosts {
    /**
     * What verifying one key found. UNRECORDED: a new key that accept-new could not write down, so refused.
     * REVOKED: a key a {@code @revoked} line names for the host, refused whatever else is on record.
     */
    public enum Outcome { KNOWN, RECORDED, UNKNOWN, CHANGED, REVOKED, UNRECORDED, UNCHECKED }

    private static final int SSH_PORT = 22;

    private final Path file;
    private final HostKeyPolicy policy;
    private final String recordWith;
    private final KnownHostsIndex lines;

    public KnownHosts(Path file, HostKeyPolicy policy) throws IOException {
        this(file, policy, "backup keyscan --known-hosts " + ShellWords.quote(file.toString()));
    }

    /**
     * @param recordWith the command that records the keys a strict run found missing, as the run's user would
     *                   type it: with the inventory and the known_hosts file they gave (followed literally, a bare
     *                   {@code backup keyscan} recorded into ~/.ssh/known_hosts, and strict still refused, probe J)
     */
    public KnownHosts(Path file, HostKeyPolicy policy, String recordWith) throws IOException {
        this.file = file;
        this.policy = policy;
        this.recordWith = recordWith;
        CryptoProviders.install(); // decoding the file's keys is sshj's first use
        this.lines = policy == HostKeyPolicy.OFF ? new KnownHostsIndex() : read(file);
    }

    private static KnownHostsIndex read(Path file) throws IOException {
        var lines = new KnownHostsIndex();
        if (!Files.exists(file)) {
            return lines;
        }
        if (Files.isDirectory(file)) {
            throw new IOException("the known_hosts file " + file + " is a directory");
        }
        String text;
        try {
            // A byte that is not UTF-8 (a Latin-1 comment) spoils its line, not the file: ssh reads bytes.
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE).decode(ByteBuffer.wrap(Files.readAllBytes(file)))
                    .toString();
        } catch (IOException e) {
            throw new IOException("cannot read the known_hosts file " + file + ": " + FileErrors.reason(e), e);
        }
        // Lines end at LF only, as ssh reads them (a CR before it is dropped): a lone CR inside a line is no line
        // end, so "comment\r[host]:port key" does not become a line for that host, as BufferedReader would make it.
        int number = 0;
        for (String line : text.split("\n", -1)) {
            number++;
            KnownHostsLine.parse(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line, number).ifPresent(lines::add);
        }
        return lines;
    }

    public Path file() {
        return file;
    }

    /** A verifier for one connection, which remembers what it found so the failure can be explained. */
    public Check check() {
        return new Check();
    }

    /** The key types on record for the host, in the file's order; empty when there is none (or with policy off). */
    public List<String> typesOnRecord(String host, int port) {
        return typesOnRecord(hostPart(host, port));
    }

    private synchronized List<String> typesOnRecord(String hostPart) {
        return typesAmong(lines.covering(hostPart));
    }

    /** The readable key types of the plain lines among {@code covering}, in the file's order. */
    private static List<String> typesAmong(List<KnownHostsLine> covering) {
        return covering.stream().filter(line -> line.marker() == KnownHostsLine.Marker.NONE && line.readable())
                .map(KnownHostsLine::type).distinct().toList();
    }

    private synchronized Outcome verify(String host, int port, PublicKey key, Check check) {
        if (policy == HostKeyPolicy.OFF) {
            return Outcome.UNCHECKED;
        }
        String hostPart = hostPart(host, port);
        String type = KeyType.fromKey(key).toString();
        List<KnownHostsLine> covering = lines.covering(hostPart);
        if (covering.stream().anyMatch(line -> line.revokes(key))) {
            return Outcome.REVOKED;
        }
        // Its keys on record: the plain lines, a line whose key cannot be read among them (it matches no key).
        List<KnownHostsLine> onRecord = covering.stream().filter(line -> line.marker() == KnownHostsLine.Marker.NONE).toList();
        if (onRecord.stream().anyMatch(line -> line.vouchesFor(key))) {
            return Outcome.KNOWN;
        }
        if (!onRecord.isEmpty()) {
            if (onRecord.stream().noneMatch(line -> line.readable() && line.type().equals(type))) {
                check.typesOnRecord = typesAmong(onRecord);
            }
            return Outcome.CHANGED;
        }
        if (port != SSH_PORT && isOnRecordWithoutPort(host, key)) {
            return Outcome.KNOWN;
        }
        if (policy != HostKeyPolicy.ACCEPT_NEW) {
            return Outcome.UNKNOWN;
        }
        return record(hostPart, key, check);
    }

    /**
     * ssh, finding nothing for {@code [host]:port}, takes the key if a plain line for the bare host holds it (a
     * device whose SSH moved off port 22 keeps its key); one that holds another key does not make it changed.
     */
    private boolean isOnRecordWithoutPort(String host, PublicKey key) {
        List<KnownHostsLine> bare = lines.covering(hostPart(host, SSH_PORT));
        return bare.stream().noneMatch(line -> line.revokes(key)) && bare.stream().anyMatch(line -> line.vouchesFor(key));
    }

    private Outcome record(String hostPart, PublicKey key, Check check) {
        // A file whose host names are hashed (Debian's ssh does it by default) is kept unreadable to whoever
        // reads it for a list of devices: a new line is hashed too.
        boolean hashed = lines.anyHashed();
        KnownHostsLine line = KnownHostsLine.of(hostPart, key, hashed);
        try {
            createOwnerOnly(file);
            // A file edited by hand may not end its last line: the new one must not be glued onto it.
            String separator = endsMidLine(file) ? "\n" : "";
            Files.writeString(file, separator + line.text() + "\n", StandardOpenOption.APPEND);
        } catch (IOException e) {
            check.notRecorded = FileErrors.reason(e);
            return Outcome.UNRECORDED;
        }
        lines.add(line);
        return Outcome.RECORDED;
    }

    private synchronized List<String> algorithms(String host, int port) {
        return signatureAlgorithms(typesOnRecord(hostPart(host, port)));
    }

    /**
     * known_hosts records key types, the negotiation names signature algorithms: an {@code ssh-rsa} key
     * is used with {@code rsa-sha2-512} and {@code rsa-sha2-256} as well (RFC 8332), which are the only
     * RSA algorithms offered to modern devices. Without this, a recorded RSA key would not be preferred.
     */
    static List<String> signatureAlgorithms(List<String> keyTypes) {
        Set<String> names = new LinkedHashSet<>();
        for (String type : keyTypes) {
            if (type.equals("ssh-rsa")) {
                names.add("rsa-sha2-512");
                names.add("rsa-sha2-256");
            }
            names.add(type);
        }
        return List.copyOf(names);
    }

    /** The key's fingerprint as OpenSSH shows it ({@code ssh-keygen -l}): SHA256 of the key blob, base64. */
    public static String fingerprint(PublicKey key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(KnownHostsLine.blobOf(key));
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** How OpenSSH writes a host in known_hosts: bare on port 22, else {@code [host]:port}. */
    static String hostPart(String host, int port) {
        String lower = host.toLowerCase(Locale.ROOT);
        return port == SSH_PORT ? lower : "[" + lower + "]:" + port;
    }

    /** The host key check of one connection. */
    public final class Check implements HostKeyVerifier {
        private volatile Outcome outcome;
        private volatile String fingerprint = "";
        private volatile String keyType = "";
        private volatile List<String> typesOnRecord = List.of();
        private volatile String notRecorded = "";

        @Override
        public boolean verify(String host, int port, PublicKey key) {
            fingerprint = KnownHosts.fingerprint(key);
            keyType = KeyType.fromKey(key).toString();
            outcome = KnownHosts.this.verify(host, port, key, this);
            return !refused();
        }

        /** Whether the key was refused, so that no credential may follow. */
        public boolean refused() {
            return outcome == Outcome.UNKNOWN || outcome == Outcome.CHANGED || outcome == Outcome.REVOKED
                    || outcome == Outcome.UNRECORDED;
        }

        /**
         * The algorithms of the keys on record, which sshj offers before all others, as OpenSSH orders
         * HostKeyAlgorithms for a known host: a device that still has its recorded key presents it.
         */
        @Override
        public List<String> findExistingAlgorithms(String host, int port) {
            return algorithms(host, port);
        }

        public Outcome outcome() {
            return outcome;
        }

        /** The type of the key the device presented ({@code ssh-rsa}, {@code ecdsa-sha2-nistp256}, ...). */
        public String keyType() {
            return keyType;
        }

        public String fingerprint() {
            return fingerprint;
        }

        /** Why the key was refused, fit for the device's line. */
        public String explain(String host, int port) {
            String hostPart = hostPart(host, port);
            String remedy = "; not sending credentials. If the device was replaced, remove the old key: ssh-keygen -R '"
                    + hostPart + "' -f " + file;
            if (outcome == Outcome.CHANGED && !typesOnRecord.isEmpty()) {
                return "host key CHANGED (type " + keyType + " offered, " + String.join(", ", typesOnRecord)
                        + " on record) for " + hostPart + " (" + fingerprint + ")" + remedy;
            }
            if (outcome == Outcome.CHANGED) {
                return "host key CHANGED for " + hostPart + " (now " + fingerprint + ")" + remedy;
            }
            if (outcome == Outcome.REVOKED) {
                // No remedy to offer: removing the line, as for a changed key, would let a stolen key in.
                return "host key of " + hostPart + " (" + keyType + " " + fingerprint + ") is marked @revoked in " + file
                        + "; not sending credentials (a stolen key may be impersonating the device)";
            }
            if (outcome == Outcome.UNRECORDED) {
                return "cannot record the host key of " + hostPart + " in " + file + ": " + notRecorded
                        + "; not sending credentials (use --known-hosts FILE)";
            }
            return "host key of " + hostPart + " (" + keyType + " " + fingerprint + ") is not in " + file
                    + " and --host-key-policy is strict (record it first with: " + recordWith + ")";
        }
    }

    private static boolean endsMidLine(Path file) throws IOException {
        try (var channel = FileChannel.open(file, StandardOpenOption.READ)) {
            if (channel.size() == 0) {
                return false;
            }
            var last = ByteBuffer.allocate(1);
            channel.read(last, channel.size() - 1);
            return last.get(0) != '\n';
        }
    }

    /**
     * Like OpenSSH, which makes ~/.ssh when it is missing but never the home above it: a service account
     * whose home does not exist must not get one made up by a backup run. The folder that holds the file is
     * made (owner-only), never one above it. A link to a missing file is said as such.
     */
    private static void createOwnerOnly(Path file) throws IOException {
        if (Files.exists(file)) {
            return;
        }
        if (Files.isSymbolicLink(file)) {
            throw new IOException("it is a link to " + Files.readSymbolicLink(file) + ", which does not exist");
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null && !Files.exists(parent)) {
            Files.createDirectory(parent, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    }
}
