package net.backup.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import net.backup.testing.TestSshServer;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.transport.TransportException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** known_hosts as OpenSSH uses it, over real SSH to a server on 127.0.0.1. */
class KnownHostsTest {
    private static final SshAlgorithms ALGORITHMS = SshAlgorithms.shared();

    @TempDir
    Path dir;

    private KnownHosts.Check connect(Path knownHosts, HostKeyPolicy policy, int port) throws IOException {
        KnownHosts.Check check = new KnownHosts(knownHosts, policy).check();
        try (var client = new SSHClient(ALGORITHMS.forDevice(false))) {
            client.addHostKeyVerifier(check);
            client.connect("127.0.0.1", port);
        }
        return check;
    }

    @Test
    void aDeviceWithSeveralKeysIsAskedForTheTypeOnRecord() throws IOException {
        KeyPair rsa = TestSshServer.rsaKey();
        KeyPair ecdsa = TestSshServer.newKey("EC", 256);
        try (var device = TestSshServer.start(0, ecdsa, rsa)) {
            Path knownHosts = Files.writeString(dir.resolve("known_hosts"), device.knownHostsLine(rsa) + "\n");

            KnownHosts.Check check = connect(knownHosts, HostKeyPolicy.ACCEPT_NEW, device.port());

            assertThat(check.outcome()).isEqualTo(KnownHosts.Outcome.KNOWN);
            assertThat(check.keyType()).isEqualTo("ssh-rsa");
            assertThat(Files.readString(knownHosts)).as("nothing recorded").isEqualTo(device.knownHostsLine(rsa) + "\n");
        }
    }

    @Test
    void aKeyOfAnotherTypeThanTheOneOnRecordIsAChangedKeyNotANewOne() throws IOException {
        KeyPair rsa = TestSshServer.rsaKey();
        try (var impostor = TestSshServer.start(0, TestSshServer.newKey("EC", 256))) {
            String recorded = impostor.knownHostsLine(rsa) + "\n";
            Path knownHosts = Files.writeString(dir.resolve("known_hosts"), recorded);
            KnownHosts.Check check = new KnownHosts(knownHosts, HostKeyPolicy.ACCEPT_NEW).check();

            try (var client = new SSHClient(ALGORITHMS.forDevice(false))) {
                client.addHostKeyVerifier(check);
                assertThatThrownBy(() -> client.connect("127.0.0.1", impostor.port())).isInstanceOf(TransportException.class);
            }

            assertThat(check.outcome()).isEqualTo(KnownHosts.Outcome.CHANGED);
            assertThat(check.explain("127.0.0.1", impostor.port()))
                    .startsWith("host key CHANGED (type ecdsa-sha2-nistp256 offered, ssh-rsa on record) for [127.0.0.1]:"
                            + impostor.port())
                    .contains("not sending credentials", "ssh-keygen -R");
            assertThat(Files.readString(knownHosts)).isEqualTo(recorded);
            assertThat(impostor.passwordsSeen()).isEmpty();
        }
    }

    @Test
    void anUnknownHostIsRecordedUnderAcceptNewAndRefusedUnderStrict() throws IOException {
        KeyPair ecdsa = TestSshServer.newKey("EC", 256);
        try (var device = TestSshServer.start(0, ecdsa)) {
            Path strictFile = dir.resolve("strict_known_hosts");
            assertThatThrownBy(() -> connect(strictFile, HostKeyPolicy.STRICT, device.port()))
                    .isInstanceOf(TransportException.class);

            Path knownHosts = dir.resolve("ssh").resolve("known_hosts");
            KnownHosts.Check check = connect(knownHosts, HostKeyPolicy.ACCEPT_NEW, device.port());

            assertThat(check.outcome()).isEqualTo(KnownHosts.Outcome.RECORDED);
            assertThat(Files.readString(knownHosts).strip()).isEqualTo(device.knownHostsLine(ecdsa));
            assertThat(connect(knownHosts, HostKeyPolicy.STRICT, device.port()).outcome()).isEqualTo(KnownHosts.Outcome.KNOWN);
        }
    }

    @Test
    void aRevokedKeyIsRefusedAsRevokedNotAsChanged() throws IOException {
        KeyPair ecdsa = TestSshServer.newKey("EC", 256);
        try (var device = TestSshServer.start(0, ecdsa)) {
            String revoked = "@revoked " + device.knownHostsLine(ecdsa) + "\n";
            Path knownHosts = Files.writeString(dir.resolve("known_hosts"), revoked);
            KnownHosts.Check check = new KnownHosts(knownHosts, HostKeyPolicy.ACCEPT_NEW).check();

            try (var client = new SSHClient(ALGORITHMS.forDevice(false))) {
                client.addHostKeyVerifier(check);
                assertThatThrownBy(() -> client.connect("127.0.0.1", device.port())).isInstanceOf(TransportException.class);
            }

            assertThat(check.outcome()).isEqualTo(KnownHosts.Outcome.REVOKED);
            assertThat(check.explain("127.0.0.1", device.port()))
                    .startsWith("host key of [127.0.0.1]:" + device.port() + " (ecdsa-sha2-nistp256 SHA256:")
                    .contains("is marked @revoked in " + knownHosts, "not sending credentials")
                    .doesNotContain("ssh-keygen -R");
            assertThat(Files.readString(knownHosts)).isEqualTo(revoked);
        }
    }

    /** As OpenSSH orders HostKeyAlgorithms: only keys on record come first, not one recorded as revoked. */
    @Test
    void aRevokedKeyTypeIsNotAskedForFirst() throws IOException {
        KeyPair rsa = TestSshServer.rsaKey();
        KeyPair ecdsa = TestSshServer.newKey("EC", 256);
        try (var device = TestSshServer.start(0, rsa, ecdsa)) {
            Path knownHosts = Files.writeString(dir.resolve("known_hosts"),
                    "@revoked " + device.knownHostsLine(rsa) + "\n" + device.knownHostsLine(ecdsa) + "\n");

            KnownHosts.Check check = connect(knownHosts, HostKeyPolicy.STRICT, device.port());

            assertThat(check.outcome()).isEqualTo(KnownHosts.Outcome.KNOWN);
            assertThat(check.keyType()).isEqualTo("ecdsa-sha2-nistp256");
        }
    }

    /** As {@code ssh -o StrictHostKeyChecking=yes} refuses it. */
    @Test
    void aHostItsOwnLineExcludesWithANegatedPatternIsNotKnown() throws IOException {
        KeyPair ecdsa = TestSshServer.newKey("EC", 256);
        try (var device = TestSshServer.start(0, ecdsa)) {
            String hostPart = "[127.0.0.1]:" + device.port();
            String key = device.knownHostsLine(ecdsa).substring(hostPart.length());
            Path knownHosts = Files.writeString(dir.resolve("known_hosts"), hostPart + ",!" + hostPart + key + "\n");

            assertThatThrownBy(() -> connect(knownHosts, HostKeyPolicy.STRICT, device.port()))
                    .isInstanceOf(TransportException.class);
        }
    }

    @Test
    void anRsaKeyOnRecordPrefersTheRsaSignatureAlgorithmsModernDevicesAreOffered() {
        assertThat(KnownHosts.signatureAlgorithms(List.of("ssh-rsa", "ssh-ed25519")))
                .containsExactly("rsa-sha2-512", "rsa-sha2-256", "ssh-rsa", "ssh-ed25519");
    }
}
