package net.backup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
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
import net.backup.store.ConfigStore;
import net.backup.testing.BackupProcess;
import net.backup.testing.LabRun;
import net.backup.testing.TestSshServer;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyEncryptionContext;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Timeouts, retries, the lock, credentials, old devices, signals: the unattended-run promises. */
class HardeningTest {
    @TempDir
    Path dir;

    private LabRun lab(Lab.DeviceSpec... devices) throws IOException {
        return new LabRun(Lab.start(List.of(devices), LabSettings.defaults()), dir);
    }

    private static Lab.DeviceSpec healthy(String name) {
        return Lab.DeviceSpec.healthy(name);
    }

    private static Lab.DeviceSpec faulty(String name, Fault fault) {
        return new Lab.DeviceSpec(name, Set.of(fault));
    }

    private static void edit(Path inventory, String from, String to) throws IOException {
        String text = Files.readString(inventory);
        assertThat(text).contains(from);
        Files.writeString(inventory, text.replace(from, to));
    }

    @Test
    void retriesATransientFailureAndThenSucceeds() throws IOException {
        try (LabRun run = lab(faulty("csr1", Fault.FLAKY))) {
            CliRun result = run.backup("--retry-delay", "10ms");

            assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.OK);
            assertThat(result.out()).containsPattern("NEW +csr1 .*\\(2 attempts\\)");
            assertThat(run.backupOf("csr1")).isEqualTo(run.lab().device("csr1").stableConfig());
        }
    }

    @Test
    void neverRetriesAWrongPassword() throws IOException {
        try (LabRun run = lab(faulty("csr1", Fault.AUTH_FAIL))) {
            CliRun result = run.backup("--retries", "5", "--retry-delay", "10ms");

            assertThat(result.out()).contains("authentication failed").doesNotContain("attempts");
            // The password once: refused as a "password" login, it is not sent again through keyboard-interactive,
            // which the lab offers too (it was: two failed logins per run towards a lockout, probe K).
            assertThat(run.lab().authAttempts()).isEqualTo(1);
        }
    }

    @Test
    void neverRetriesAChangedHostKey() throws Exception {
        try (LabRun run = lab(healthy("csr1"))) {
            Files.writeString(run.knownHosts(), "[127.0.0.1]:" + run.lab().port("csr1") + " "
                    + org.apache.sshd.common.config.keys.PublicKeyEntry.toString(Lab.newHostKey().getPublic()) + "\n");

            CliRun result = run.backup("--retries", "5", "--retry-delay", "10ms");

            assertThat(result.out()).contains("host key CHANGED").doesNotContain("attempts");
        }
    }

    @Test
    void theRetryCountComesFromTheInventoryUnlessTheCommandLineSaysOtherwise() throws IOException {
        try (LabRun run = lab(faulty("csr1", Fault.REFUSED))) {
            edit(run.inventory(), "platform: cisco_ios", "platform: cisco_ios\n  retries: 1");

            assertThat(run.backup("--retry-delay", "10ms").out()).contains("(2 attempts)  connection refused");
            assertThat(run.backup("--retry-delay", "10ms", "--retries", "0").out())
                    .contains("connection refused").doesNotContain("attempts");
        }
    }

    @Test
    void theCommandTimeoutOptionOverridesTheInventory() throws IOException {
        // No healthy device beside it: on a loaded machine one might be silent for a second too.
        try (LabRun run = lab(faulty("csr1", Fault.HANG))) {
            edit(run.inventory(), "platform: cisco_ios", "platform: cisco_ios\n  command_timeout: 10m");

            CliRun result = run.backup("--command-timeout", "1s", "--retries", "0");

            assertThat(result.out()).contains("no output for 1 s waiting for the first prompt (command_timeout)");
            assertThat(result.exitCode()).isEqualTo(ExitCodes.SOME_FAILED);
        }
    }

    @Test
    void theDeadlineFailsUnfinishedDevicesAndKeepsTheirBackups() throws IOException {
        // Only devices that never finish: whether a healthy one finishes within a second depends on the
        // machine's load. That finished devices keep their results is BackupRunTest's (without a clock).
        try (LabRun run = lab(faulty("hung", Fault.HANG), faulty("stuck", Fault.STALL))) {
            run.writeBackup("hung", "! previous\nend\n");

            CliRun result = run.backup("--workers", "2", "--deadline", "1s", "--command-timeout", "10m");

            assertThat(result.exitCode()).isEqualTo(ExitCodes.SOME_FAILED);
            assertThat(result.out()).containsPattern("FAILED +hung .*deadline reached \\(--deadline 1 s\\)")
                    .containsPattern("FAILED +stuck .*deadline reached \\(--deadline 1 s\\)");
            assertThat(run.backupOf("hung")).isEqualTo("! previous\nend\n");
            assertThat(run.outputFiles()).containsExactly("hung.cfg");
        }
    }

    @Test
    void devicesStillQueuedAtTheDeadlineAreReportedAsNotStarted() throws IOException {
        try (LabRun run = lab(faulty("first", Fault.HANG), healthy("second"))) {
            CliRun result = run.backup("--sequential", "--deadline", "1s", "--command-timeout", "10m");

            assertThat(result.out()).containsPattern("FAILED +second .*not started: deadline reached");
        }
    }

    @Test
    void aSecondRunOnTheSameOutputDirectoryIsRefusedWithItsOwnExitCode() throws IOException {
        try (LabRun run = lab(healthy("csr1"))) {
            try (var held = ConfigStore.open(run.output()).lock()) {
                CliRun result = run.backup();

                assertThat(result.exitCode()).isEqualTo(ExitCodes.LOCKED);
                assertThat(result.err()).contains("another backup run is using " + run.output() + " (pid "
                        + ProcessHandle.current().pid());
                assertThat(run.lab().sessions().total()).isZero();
            }
            assertThat(run.backup().exitCode()).isEqualTo(ExitCodes.OK);
        }
    }

    @Test
    void temporaryFilesLeftByAKilledRunAreRemovedAtTheNextStart() throws IOException {
        try (LabRun run = lab(faulty("csr1", Fault.AUTH_FAIL))) {
            Files.createDirectories(run.output());
            Files.writeString(run.output().resolve(".csr1.cfg.tmp"), "half a config");
            Files.writeString(run.output().resolve(".gone.cfg.tmp"), "half another");

            run.backup();

            assertThat(run.outputFiles()).isEmpty();
        }
    }

    @Test
    void readsPasswordAndEnableSecretFromFilesNamedRelativeToTheInventory() throws IOException {
        try (LabRun run = lab(healthy("csr1"))) {
            Files.writeString(dir.resolve("pass.txt"), LabSettings.PASSWORD + "\nignored second line\n");
            Files.writeString(dir.resolve("enable.txt"), LabSettings.ENABLE_SECRET + "\n");
            edit(run.inventory(), "  password: ntc123\n  enable_secret: ntc123\n",
                    "  password_file: pass.txt\n  enable_secret_file: enable.txt\n");

            CliRun result = run.backup();

            assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.OK);
        }
    }

    @Test
    void logsInWithAnEncryptedKeyWhosePassphraseIsInAFile() throws Exception {
        KeyPair key = Lab.newHostKey();
        Path keyFile = dir.resolve("id_ecdsa");
        var encryption = new OpenSSHKeyEncryptionContext();
        encryption.setPassword("key-pass-phrase");
        encryption.setCipherName("AES");
        encryption.setCipherType("256");
        try (OutputStream out = Files.newOutputStream(keyFile)) {
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(key, "test", encryption, out);
        }
        Files.writeString(dir.resolve("phrase"), "key-pass-phrase\n");
        try (LabRun run = new LabRun(Lab.builder(List.of(healthy("csr1")), LabSettings.defaults())
                .authorizedKey(key.getPublic()).start(), dir)) {
            edit(run.inventory(), "  password: ntc123\n", "  key_file: id_ecdsa\n  key_passphrase_file: phrase\n");

            CliRun result = run.backup();

            assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.OK);
            assertThat(run.lab().authAttempts()).as("no password was offered").isZero();

            Files.writeString(dir.resolve("phrase"), "wrong\n");
            assertThat(run.backup().out()).contains("cannot decrypt the key file " + keyFile
                    + " with the key_passphrase given (a wrong passphrase?)");

            edit(run.inventory(), "  key_passphrase_file: phrase\n", "");
            assertThat(run.backup().out()).contains("the key file " + keyFile
                    + " is encrypted, and no key_passphrase (or key_passphrase_env, key_passphrase_file) is given");

            Files.writeString(keyFile, "not a key\n");
            assertThat(run.backup().out()).contains("the key file " + keyFile + " holds no private key that can be read (");
        }
    }

    @Test
    void askPassNeedsATerminal() {
        CliRun result = CliRun.of("--ask-pass", "--inventory", dir.resolve("none.yaml").toString());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("--ask-pass needs a terminal");
    }

    @Test
    void warnsWhenOthersCanReadAnInventoryWithAPassword() throws IOException {
        try (LabRun run = lab(healthy("csr1"))) {
            Files.setPosixFilePermissions(run.inventory(), PosixFilePermissions.fromString("rw-r--r--"));
            assertThat(run.backup().err()).containsOnlyOnce("holds a password and an enable secret in clear text and "
                    + "others can read it (rw-r--r--)");

            Files.setPosixFilePermissions(run.inventory(), PosixFilePermissions.fromString("rw-------"));
            assertThat(run.backup().err()).doesNotContain("clear text");
        }
    }

    @Test
    void oldDevicesNeedLegacyAlgorithmsAndTheErrorSaysSo() throws IOException {
        try (LabRun run = new LabRun(Lab.builder(List.of(healthy("old")), LabSettings.defaults()).legacyOnly()
                .hostKey(TestSshServer.rsaKey()).start(), dir)) {
            CliRun refused = run.backup();

            assertThat(refused.exitCode()).isEqualTo(ExitCodes.SOME_FAILED);
            assertThat(refused.out()).contains("SSH algorithm negotiation failed")
                    .contains("if it is an old device, set legacy_algorithms: true for it")
                    .doesNotContain("attempts");

            edit(run.inventory(), "platform: cisco_ios", "platform: cisco_ios\n  legacy_algorithms: true");
            CliRun accepted = run.backup();

            assertThat(accepted.exitCode()).as(accepted.all()).isEqualTo(ExitCodes.OK);
            assertThat(run.backupOf("old")).isEqualTo(run.lab().device("old").stableConfig());
        }
    }

    @Test
    void sigtermStopsCleanlyReportingUnfinishedDevicesAsInterrupted() throws Exception {
        stopsCleanlyOn("TERM", 143);
    }

    @Test
    void ctrlCStopsCleanlyReportingUnfinishedDevicesAsInterrupted() throws Exception {
        // A shell starts background jobs with SIGINT ignored, and the JVM cannot take back an ignored signal:
        // run from such a job (mvn ... &), the child would never see Ctrl-C, whatever the tool does.
        org.junit.jupiter.api.Assumptions.assumeFalse(sigintIgnored(),
                "SIGINT is ignored in this process (started as a background job), so a child cannot receive it");
        stopsCleanlyOn("INT", ExitCodes.INTERRUPTED);
    }

    /** A hangup (the terminal or the ssh session the run was started from went away) stops it as cleanly: 129. */
    @Test
    void sighupStopsCleanlyReportingUnfinishedDevicesAsInterrupted() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeFalse(ignored(1), "SIGHUP is ignored in this process (nohup), and so in a child");
        stopsCleanlyOn("HUP", 129);
    }

    /** Linux: the SigIgn mask in /proc/self/status, whose bit 1 is SIGINT (signal 2). */
    private static boolean sigintIgnored() throws IOException {
        return ignored(2);
    }

    /** Whether signal {@code number} is ignored in this process, by the SigIgn mask of /proc/self/status. */
    private static boolean ignored(int number) throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.isReadable(status)) {
            return false;
        }
        return Files.readAllLines(status).stream().filter(line -> line.startsWith("SigIgn:"))
                .map(line -> Long.parseUnsignedLong(line.substring("SigIgn:".length()).strip(), 16))
                .anyMatch(mask -> (mask & (1L << (number - 1))) != 0);
    }

    private void stopsCleanlyOn(String signal, int expectedExit) throws Exception {
        try (LabRun run = lab(healthy("csr1"), faulty("stuck", Fault.STALL))) {
            run.writeBackup("stuck", "! previous\nend\n");
            try (var backup = BackupProcess.start(dir, "--inventory", run.inventory().toString(), "--output-dir",
                    run.output().toString(), "--known-hosts", run.knownHosts().toString(), "--command-timeout", "10m")) {
                assertThat(backup.awaitLine(line -> line.startsWith("NEW        csr1"), Duration.ofSeconds(60))).isTrue();
                // The stalled device is in the middle of show run: wait for its session, not for a time.
                assertThat(run.lab().sessions().awaitOpen(1, Duration.ofSeconds(30))).isTrue();

                backup.signal(signal);

                assertThat(backup.waitFor(Duration.ofSeconds(30))).isEqualTo(expectedExit);
                assertThat(backup.out()).containsPattern("FAILED +stuck .*interrupted \\(SIG" + signal + "\\)")
                        .contains("2 devices: 1 new, 0 changed, 0 unchanged, 1 failed");
                assertThat(backup.err()).contains("stopping");
            }
            assertThat(run.backupOf("stuck")).isEqualTo("! previous\nend\n");
            assertThat(run.outputFiles()).containsExactly("csr1.cfg", "stuck.cfg");
        }
    }

    @Test
    void noSecretEverReachesTheOutputEvenWithVerbose() throws Exception {
        var settings = new LabSettings(Duration.ZERO, Duration.ZERO, 1, "ntc", "Pw-9f3k-unique", "En-7q2z-unique");
        var devices = List.of(healthy("csr1"), faulty("csr2", Fault.ENABLE_REFUSED), faulty("csr3", Fault.AUTH_FAIL),
                faulty("csr4", Fault.GARBAGE));
        try (LabRun run = new LabRun(Lab.start(devices, settings), dir)) {
            try (var backup = BackupProcess.start(dir, "--verbose", "--inventory", run.inventory().toString(),
                    "--output-dir", run.output().toString(), "--known-hosts", run.knownHosts().toString())) {
                assertThat(backup.waitFor(Duration.ofSeconds(60))).isEqualTo(ExitCodes.SOME_FAILED);
                String everything = backup.out() + backup.err();

                assertThat(everything).contains("NEW        csr1", "DEBUG").doesNotContain("Pw-9f3k-unique", "En-7q2z-unique");
            }
        }
    }
}
