package net.backup.session;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.common.KeyType;
import net.schmizz.sshj.transport.verification.HostKeyVerifier;
import net.schmizz.sshj.transport.verification.OpenSSHKnownHosts;

/**
 * One known_hosts file shared by every device of a run. sshj's {@link OpenSSHKnownHosts} parses and
 * matches the OpenSSH format; this class adds the policy and makes verification and recording safe when
 * many connections verify at once.
 *
 * <p>A host with any key on record is held to it, as OpenSSH does: the key types on record are offered
 * first in the host-key negotiation (so the device answers with the recorded key if it still has it), and
 * only a recorded key is accepted. A key of another type is a changed key, never a new one to record:
 * otherwise an impostor that simply lacks the recorded key type would be trusted on the spot.
 */
public final class KnownHosts {
    /** What verifying one key found. UNRECORDED: a new key that accept-new could not write down, so refused. */
    public enum Outcome { KNOWN, RECORDED, UNKNOWN, CHANGED, UNRECORDED, UNCHECKED }

    private final Path file;
    private final HostKeyPolicy policy;
    private final RecordingKnownHosts entries;

    public KnownHosts(Path file, HostKeyPolicy policy) throws IOException {
        this.file = file;
        this.policy = policy;
        CryptoProviders.install(); // reading the file is sshj's first use
        this.entries = policy == HostKeyPolicy.OFF ? null : new RecordingKnownHosts(file);
    }

    public Path file() {
        return file;
    }

    /** A verifier for one connection, which remembers what it found so the failure can be explained. */
    public Check check() {
        return new Check();
    }

    /** The key types on record for the host, in the file's order; empty when there is none (or with policy off). */
    public synchronized List<String> typesOnRecord(String host, int port) {
        return entries == null ? List.of() : entries.typesOnRecord(hostPart(host, port));
    }

    private synchronized Outcome verify(String host, int port, PublicKey key, Check check) {
        if (policy == HostKeyPolicy.OFF) {
            return Outcome.UNCHECKED;
        }
        entries.outcome = Outcome.KNOWN;
        entries.onRecord = List.of();
        entries.notRecorded = "";
        boolean accepted = entries.verify(host, port, key);
        check.typesOnRecord = entries.onRecord;
        check.notRecorded = entries.notRecorded;
        // sshj refuses a key it cannot read or match without calling either action: refused all the same.
        return accepted || entries.outcome != Outcome.KNOWN ? entries.outcome : Outcome.CHANGED;
    }

    private synchronized List<String> algorithms(String host, int port) {
        return entries == null ? List.of() : signatureAlgorithms(entries.findExistingAlgorithms(host, port));
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
            } else if (type.equals("ssh-rsa-cert-v01@openssh.com")) {
                names.add("rsa-sha2-512-cert-v01@openssh.com");
                names.add("rsa-sha2-256-cert-v01@openssh.com");
            }
            names.add(type);
        }
        return List.copyOf(names);
    }

    /** The key's fingerprint as OpenSSH shows it ({@code ssh-keygen -l}): SHA256 of the key blob, base64. */
    public static String fingerprint(PublicKey key) {
        try {
            byte[] blob = new Buffer.PlainBuffer().putPublicKey(key).getCompactData();
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(blob);
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** How OpenSSH writes a host in known_hosts: bare on port 22, else {@code [host]:port}. */
    static String hostPart(String host, int port) {
        String lower = host.toLowerCase(Locale.ROOT);
        return port == 22 ? lower : "[" + lower + "]:" + port;
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
            return outcome == Outcome.UNKNOWN || outcome == Outcome.CHANGED || outcome == Outcome.UNRECORDED;
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
            if (outcome == Outcome.UNRECORDED) {
                return "cannot record the host key of " + hostPart + " in " + file + ": " + notRecorded
                        + "; not sending credentials (use --known-hosts FILE)";
            }
            return "host key of " + hostPart + " (" + keyType + " " + fingerprint + ") is not in " + file
                    + " and --host-key-policy is strict (record it first with: backup keyscan)";
        }
    }

    /** sshj's parser, with the two decisions it leaves to subclasses made by our policy. */
    private final class RecordingKnownHosts extends OpenSSHKnownHosts {
        private Outcome outcome;
        /** Set when a key is refused because keys of other types are on record for its host. */
        private List<String> onRecord = List.of();
        /** Why a new key could not be recorded, set with the outcome UNRECORDED. */
        private String notRecorded = "";

        RecordingKnownHosts(Path file) throws IOException {
            super(file.toFile());
        }

        /**
         * sshj calls this when no entry of the key's type matches the host. A host with keys of other
         * types on record is not unknown: its key changed type, which an impostor's key would too.
         */
        @Override
        protected boolean hostKeyUnverifiableAction(String hostPart, PublicKey key) {
            List<String> types = typesOnRecord(hostPart);
            if (!types.isEmpty()) {
                onRecord = types;
                outcome = Outcome.CHANGED;
                return false;
            }
            if (policy != HostKeyPolicy.ACCEPT_NEW) {
                outcome = Outcome.UNKNOWN;
                return false;
            }
            HostEntry entry;
            try {
                entry = new HostEntry(null, hostPart, KeyType.fromKey(key), key);
            } catch (IOException unmatchable) {
                throw new IllegalStateException("cannot make a known_hosts entry for " + hostPart, unmatchable);
            }
            try {
                createOwnerOnly(file);
                Files.writeString(file, entry.getLine() + "\n", StandardOpenOption.APPEND);
            } catch (IOException e) {
                // Refused, not thrown: sshj would turn an exception into a failed handshake, retried as the network's.
                notRecorded = reason(e);
                outcome = Outcome.UNRECORDED;
                return false;
            }
            entries().add(entry);
            outcome = Outcome.RECORDED;
            return true;
        }

        @Override
        protected boolean hostKeyChangedAction(String hostPart, PublicKey key) {
            outcome = Outcome.CHANGED;
            return false;
        }

        /** Plain entries only: a {@code @cert-authority} or {@code @revoked} line is not the host's own key. */
        List<String> typesOnRecord(String hostPart) {
            var types = new ArrayList<String>();
            for (KnownHostEntry entry : entries()) {
                try {
                    // appliesTo first: getLine() encodes the key, too costly for every line of a big file
                    if (entry.getType() != null && entry.appliesTo(hostPart) && !entry.getLine().startsWith("@")
                            && !types.contains(entry.getType().toString())) {
                        types.add(entry.getType().toString());
                    }
                } catch (IOException | RuntimeException unreadable) {
                    // A line sshj cannot match (a bad hash) says nothing about this host.
                }
            }
            return types;
        }
    }

    /**
     * Like OpenSSH, which makes ~/.ssh when it is missing but never the home above it: a service account
     * whose home does not exist must not get one made up by a backup run.
     */
    private static void createOwnerOnly(Path file) throws IOException {
        if (Files.exists(file)) {
            return;
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null && !Files.exists(parent)) {
            Files.createDirectory(parent, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    }

    /** Why a file could not be written, in the words of the system, without the Java class names. */
    private static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such directory"; // the file itself is created when missing: a directory above it is not there
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason().toLowerCase(Locale.ROOT); // "Not a directory", "Read-only file system", ...
        }
        return e.getMessage() == null ? SshErrors.kindOf(e) : e.getMessage();
    }
}
