package net.backup.session;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PublicKey;
import java.util.List;
import net.schmizz.sshj.common.KeyType;
import net.schmizz.sshj.common.SecurityUtils;
import net.schmizz.sshj.transport.verification.HostKeyVerifier;
import net.schmizz.sshj.transport.verification.OpenSSHKnownHosts;

/**
 * One known_hosts file shared by every device of a run. sshj's {@link OpenSSHKnownHosts} parses and
 * matches the OpenSSH format; this class adds the policy and makes verification and recording safe when
 * many connections verify at once.
 */
public final class KnownHosts {
    /** What verifying one key found. */
    public enum Outcome { KNOWN, RECORDED, UNKNOWN, CHANGED, UNCHECKED }

    private final Path file;
    private final HostKeyPolicy policy;
    private final RecordingKnownHosts entries;

    public KnownHosts(Path file, HostKeyPolicy policy) throws IOException {
        this.file = file;
        this.policy = policy;
        this.entries = policy == HostKeyPolicy.OFF ? null : new RecordingKnownHosts(file);
    }

    /** A verifier for one connection, which remembers what it found so the failure can be explained. */
    public Check check() {
        return new Check();
    }

    private synchronized Outcome verify(String host, int port, PublicKey key) {
        if (policy == HostKeyPolicy.OFF) {
            return Outcome.UNCHECKED;
        }
        entries.outcome = Outcome.KNOWN;
        entries.verify(host, port, key);
        return entries.outcome;
    }

    private synchronized List<String> algorithms(String host, int port) {
        return entries == null ? List.of() : entries.findExistingAlgorithms(host, port);
    }

    /** The host key check of one connection. */
    public final class Check implements HostKeyVerifier {
        private volatile Outcome outcome;
        private volatile String fingerprint = "";

        @Override
        public boolean verify(String host, int port, PublicKey key) {
            fingerprint = SecurityUtils.getFingerprint(key);
            outcome = KnownHosts.this.verify(host, port, key);
            return outcome != Outcome.UNKNOWN && outcome != Outcome.CHANGED;
        }

        /** Lets sshj prefer the key type already on record, so a known host is not re-keyed with another type. */
        @Override
        public List<String> findExistingAlgorithms(String host, int port) {
            return algorithms(host, port);
        }

        public Outcome outcome() {
            return outcome;
        }

        /** Why the key was refused, fit for the device's line. */
        public String explain(String host, int port) {
            String hostPart = port == 22 ? host : "[" + host + "]:" + port;
            if (outcome == Outcome.CHANGED) {
                return "host key CHANGED for " + hostPart + " (now " + fingerprint + "); not sending credentials. "
                        + "If the device was replaced, remove the old key: ssh-keygen -R '" + hostPart + "' -f " + file;
            }
            return "host key of " + hostPart + " (" + fingerprint + ") is not in " + file
                    + " and --host-key-policy is strict";
        }
    }

    /** sshj's parser, with the two decisions it leaves to subclasses made by our policy. */
    private final class RecordingKnownHosts extends OpenSSHKnownHosts {
        private Outcome outcome;

        RecordingKnownHosts(Path file) throws IOException {
            super(file.toFile());
        }

        @Override
        protected boolean hostKeyUnverifiableAction(String hostPart, PublicKey key) {
            if (policy != HostKeyPolicy.ACCEPT_NEW) {
                outcome = Outcome.UNKNOWN;
                return false;
            }
            try {
                var entry = new HostEntry(null, hostPart, KeyType.fromKey(key), key);
                createOwnerOnly(file);
                write(entry);
                entries().add(entry);
                outcome = Outcome.RECORDED;
                return true;
            } catch (IOException e) {
                throw new IllegalStateException("cannot record the host key of " + hostPart + " in " + file
                        + ": " + e.getMessage(), e);
            }
        }

        @Override
        protected boolean hostKeyChangedAction(String hostPart, PublicKey key) {
            outcome = Outcome.CHANGED;
            return false;
        }
    }

    private static void createOwnerOnly(Path file) throws IOException {
        if (Files.exists(file)) {
            return;
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null && !Files.exists(parent)) {
            Files.createDirectories(parent, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    }
}
