package net.backup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import net.backup.lab.Fault;
import net.backup.lab.Lab;
import net.backup.lab.LabSettings;
import net.backup.testing.BackupProcess;
import net.backup.testing.LabRun;
import net.backup.testing.TestSshServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Host keys as OpenSSH treats them, and backup keyscan, with the real command line over real SSH. */
class HostKeyTest {
    private static final String PASSWORD = "Pw-impostor-4c1x";

    @TempDir
    Path dir;

    @Test
    void anImpostorWithAnotherKeyTypeOnARecordedAddressFailsAsChangedAndGetsNoPassword() throws IOException {
        Path knownHosts = dir.resolve("known_hosts");
        Path inventory;
        int port;
        try (var genuine = TestSshServer.start(0, TestSshServer.rsaKey())) {
            port = genuine.port();
            inventory = genuine.writeInventory(dir.resolve("inventory.yaml"), "csr1", PASSWORD);
            CliRun scan = CliRun.of("keyscan", "--inventory", inventory.toString(), "--known-hosts", knownHosts.toString());
            assertThat(scan.exitCode()).as(scan.all()).isEqualTo(ExitCodes.OK);
            assertThat(genuine.passwordsSeen()).as("keyscan sends no credential").isEmpty();
        }
        String recorded = Files.readString(knownHosts);
        assertThat(recorded).startsWith("[127.0.0.1]:" + port + " ssh-rsa ");

        try (var impostor = TestSshServer.start(port, TestSshServer.newKey("EC", 256))) {
            CliRun result = CliRun.of("--inventory", inventory.toString(), "--output-dir", dir.resolve("configs").toString(),
                    "--known-hosts", knownHosts.toString(), "--retries", "3", "--retry-delay", "10ms");

            assertThat(result.exitCode()).isEqualTo(ExitCodes.SOME_FAILED);
            assertThat(result.out()).containsPattern("FAILED +csr1 .*host key CHANGED \\(type ecdsa-sha2-nistp256 offered, "
                    + "ssh-rsa on record\\) for \\[127.0.0.1\\]:" + port).doesNotContain("attempts");
            assertThat(impostor.passwordsSeen()).isEmpty();
            assertThat(impostor.connections()).as("never retried").isEqualTo(1);
            assertThat(Files.readString(knownHosts)).as("the impostor's key is not recorded").isEqualTo(recorded);
        }
    }

    /**
     * A known_hosts that cannot be written is this machine's fault, the same on every try: the new device fails
     * once, as LOCAL_IO, saying which file and why, and gets no password since its key was neither known nor kept.
     */
    @Test
    void aKnownHostsFileThatCannotBeWrittenFailsANewDeviceOnceAsLocalAndSendsNoPassword() throws IOException {
        try (var device = TestSshServer.start(0, TestSshServer.newKey("EC", 256))) {
            Path inventory = device.writeInventory(dir.resolve("inventory.yaml"), "csr1", PASSWORD);
            Path knownHosts = dir.resolve("nohome").resolve(".ssh").resolve("known_hosts");
            Path report = dir.resolve("report.json");

            CliRun result = CliRun.of("--inventory", inventory.toString(), "--output-dir", dir.resolve("configs").toString(),
                    "--known-hosts", knownHosts.toString(), "--retries", "3", "--retry-delay", "10ms",
                    "--report", report.toString());

            assertThat(result.exitCode()).isEqualTo(ExitCodes.SOME_FAILED);
            assertThat(result.out()).contains("cannot record the host key of [127.0.0.1]:" + device.port() + " in "
                    + knownHosts + ": no such file or directory; not sending credentials (use --known-hosts FILE)")
                    .doesNotContain("attempts");
            assertThat(Files.readString(report)).contains("\"cause\": \"LOCAL_IO\"");
            assertThat(device.passwordsSeen()).isEmpty();
            assertThat(device.connections()).as("never retried").isEqualTo(1);
        }
    }

    @Test
    void aDeviceThatPresentsARevokedKeyFailsOnceAsRevokedAndGetsNoPassword() throws IOException {
        KeyPair key = TestSshServer.newKey("EC", 256);
        try (var device = TestSshServer.start(0, key)) {
            Path inventory = device.writeInventory(dir.resolve("inventory.yaml"), "csr1", PASSWORD);
            Path knownHosts = Files.writeString(dir.resolve("known_hosts"), "@revoked " + device.knownHostsLine(key) + "\n");

            CliRun result = CliRun.of("--inventory", inventory.toString(), "--output-dir", dir.resolve("configs").toString(),
                    "--known-hosts", knownHosts.toString(), "--retries", "3", "--retry-delay", "10ms");

            assertThat(result.exitCode()).isEqualTo(ExitCodes.SOME_FAILED);
            assertThat(result.out()).containsPattern("FAILED +csr1 .*host key of \\[127.0.0.1\\]:" + device.port()
                    + " \\(ecdsa-sha2-nistp256 SHA256:\\S+\\) is marked @revoked in " + knownHosts)
                    .doesNotContain("attempts", "ssh-keygen -R");
            assertThat(device.passwordsSeen()).isEmpty();
            assertThat(device.connections()).as("never retried").isEqualTo(1);
        }
    }

    /** As {@code ssh -o StrictHostKeyChecking=yes} refuses it: "No ECDSA host key is known". */
    @Test
    void strictRefusesAKeyThatOnlyACertAuthorityLineNamesAndSendsNoPassword() throws IOException {
        KeyPair key = TestSshServer.newKey("EC", 256);
        try (var device = TestSshServer.start(0, key)) {
            Path inventory = device.writeInventory(dir.resolve("inventory.yaml"), "csr1", PASSWORD);
            Path knownHosts = Files.writeString(dir.resolve("known_hosts"), "@cert-authority " + device.knownHostsLine(key) + "\n");

            CliRun result = CliRun.of("--inventory", inventory.toString(), "--output-dir", dir.resolve("configs").toString(),
                    "--known-hosts", knownHosts.toString(), "--host-key-policy", "strict");

            assertThat(result.exitCode()).isEqualTo(ExitCodes.SOME_FAILED);
            assertThat(result.out()).containsPattern("FAILED +csr1 .*is not in " + knownHosts);
            assertThat(device.passwordsSeen()).isEmpty();
        }
    }

    @Test
    void keyscanRecordsTheKeyOfAHostThatOnlyACertAuthorityLineNames() throws IOException {
        KeyPair key = TestSshServer.newKey("EC", 256);
        try (var device = TestSshServer.start(0, key)) {
            Path inventory = device.writeInventory(dir.resolve("inventory.yaml"), "csr1", PASSWORD);
            String caLine = "@cert-authority " + device.knownHostsLine(TestSshServer.newKey("EC", 256));
            Path knownHosts = Files.writeString(dir.resolve("known_hosts"), caLine + "\n");

            CliRun scan = CliRun.of("keyscan", "--inventory", inventory.toString(), "--known-hosts", knownHosts.toString());

            assertThat(scan.exitCode()).as(scan.all()).isEqualTo(ExitCodes.OK);
            assertThat(scan.out()).containsPattern("RECORDED +csr1 ");
            assertThat(Files.readAllLines(knownHosts)).containsExactly(caLine, device.knownHostsLine(key));
        }
    }

    /** As ssh skips them (saying so only with -v): README promises that libraries stay quiet without --verbose. */
    @Test
    void malformedKnownHostsLinesAreSkippedWithoutAWord() throws Exception {
        KeyPair key = TestSshServer.newKey("EC", 256);
        try (var device = TestSshServer.start(0, key)) {
            Path inventory = device.writeInventory(dir.resolve("inventory.yaml"), "csr1", PASSWORD);
            Path knownHosts = Files.writeString(dir.resolve("known_hosts"), "garbage line here\n"
                    + "|1|bad|hash ssh-ed25519 AAAA\n" + device.knownHostsLine(key) + "\n");

            try (var run = BackupProcess.start(dir, "keyscan", "--inventory", inventory.toString(), "--known-hosts",
                    knownHosts.toString())) {
                assertThat(run.waitFor(Duration.ofMinutes(1))).as(run.out() + run.err()).isEqualTo(ExitCodes.OK);
                assertThat(run.out()).containsPattern("KNOWN +csr1 ");
                assertThat(run.err()).isEmpty();
            }
        }
    }

    @Test
    void keyscanRecordsTheDevicesKeysOwnerOnlySoThatStrictWorks() throws IOException {
        var devices = List.of(Lab.DeviceSpec.healthy("csr1"), Lab.DeviceSpec.healthy("csr2"),
                new Lab.DeviceSpec("csr3", Set.of(Fault.REFUSED)));
        try (LabRun run = new LabRun(Lab.start(devices, LabSettings.defaults()), dir)) {
            CliRun before = run.backup("--host-key-policy", "strict", "--retries", "0");
            // The hint names the run's own inventory and known_hosts, so that following it literally works (probe J).
            assertThat(before.out()).contains("is not in " + run.knownHosts() + " and --host-key-policy is strict (record it "
                    + "first with: backup keyscan -i " + run.inventory() + " --known-hosts " + run.knownHosts() + ")");
            assertThat(run.lab().authAttempts()).isZero();

            CliRun scan = CliRun.of("keyscan", "--inventory", run.inventory().toString(), "--known-hosts",
                    run.knownHosts().toString());

            assertThat(scan.exitCode()).as(scan.all()).isEqualTo(ExitCodes.SOME_FAILED);
            assertThat(scan.out()).containsPattern("RECORDED +csr1 +\\[127.0.0.1\\]:" + run.lab().port("csr1") + " \\S+ SHA256:")
                    .containsPattern("RECORDED +csr2 ")
                    .containsPattern("FAILED +csr3 +connection refused")
                    .contains("3 devices: 2 recorded, 0 already known, 1 failed (" + run.knownHosts() + ")");
            assertThat(run.lab().authAttempts()).as("no login tried").isZero();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(run.knownHosts()))).isEqualTo("rw-------");
            assertThat(Files.readAllLines(run.knownHosts())).hasSize(2);

            CliRun strict = run.backup("--host-key-policy", "strict", "--retries", "0");
            assertThat(strict.out()).containsPattern("NEW +csr1 ").containsPattern("NEW +csr2 ");

            String afterFirstScan = Files.readString(run.knownHosts());
            CliRun again = CliRun.of("keyscan", "--inventory", run.inventory().toString(), "--known-hosts",
                    run.knownHosts().toString());
            assertThat(again.out()).containsPattern("KNOWN +csr1 ").containsPattern("KNOWN +csr2 ");
            assertThat(Files.readString(run.knownHosts())).isEqualTo(afterFirstScan);
        }
    }

    @Test
    void keyscanReportsAChangedKeyAndLeavesTheRecordAlone() throws IOException {
        try (var device = TestSshServer.start(0, TestSshServer.newKey("EC", 256))) {
            Path inventory = device.writeInventory(dir.resolve("inventory.yaml"), "sw1", PASSWORD);
            String recorded = device.knownHostsLine(TestSshServer.newKey("EC", 256)) + "\n";
            Path knownHosts = Files.writeString(dir.resolve("known_hosts"), recorded);

            CliRun scan = CliRun.of("keyscan", "--inventory", inventory.toString(), "--known-hosts", knownHosts.toString());

            assertThat(scan.exitCode()).isEqualTo(ExitCodes.SOME_FAILED);
            assertThat(scan.out()).containsPattern("FAILED +sw1 +host key CHANGED for \\[127.0.0.1\\]:" + device.port());
            assertThat(Files.readString(knownHosts)).isEqualTo(recorded);
        }
    }
}
