package net.backup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import net.backup.lab.Lab;
import net.backup.lab.LabSettings;
import net.backup.testing.BackupProcess;
import net.backup.testing.LabRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class LoggingTest {
    @TempDir
    Path dir;

    @Test
    void verboseInProcessLeavesTheLoggingOfTheJvmAlone() {
        CliRun result = CliRun.of("--verbose", "--inventory", dir.resolve("none.yaml").toString(),
                "--output-dir", dir.resolve("configs").toString());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(System.getProperties().stringPropertyNames()).noneMatch(name -> name.startsWith("org.slf4j.simpleLogger"));
        // A logger made after the run, as any later test's would be: still at the level the properties file gives.
        assertThat(LoggerFactory.getLogger("net.schmizz.sshj.AfterAVerboseRun").isDebugEnabled()).isFalse();
        assertThat(LoggerFactory.getLogger("net.backup.AfterAVerboseRun").isDebugEnabled()).isFalse();
    }

    /**
     * A peer that is no SSH server puts escape sequences in the lines before its version line and in the version
     * itself; sshj's debug log quotes both. Under --verbose, as its own process, the tool's standard error must
     * carry them escaped, never as the bytes that would clear and retitle the operator's terminal.
     */
    @Test
    void verboseLogsShowWhatAPeerSentEscaped() throws Exception {
        try (var peer = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Void> served = CompletableFuture.runAsync(() -> {
                try (Socket client = peer.accept()) {
                    client.getOutputStream().write(("\u001b[2J\u001b]0;PWNED-BEFORE\u0007\r\n"
                            + "SSH-2.0-Evil\u001b]0;PWNED-IDENT\u0007\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    client.getOutputStream().flush();
                    client.getInputStream().readNBytes(1); // the client's version line has begun; then hang up
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            Path inventory = Files.writeString(dir.resolve("inventory.yaml"), "defaults: {username: u, password: p}\n"
                    + "devices:\n  - {name: evil, host: 127.0.0.1, port: " + peer.getLocalPort() + "}\n");
            Files.setPosixFilePermissions(inventory, PosixFilePermissions.fromString("rw-------"));

            try (var run = BackupProcess.start(dir, "--verbose", "--inventory", inventory.toString(), "--output-dir",
                    dir.resolve("configs").toString(), "--known-hosts", dir.resolve("known_hosts").toString(),
                    "--retries", "0", "--connect-timeout", "5s", "--no-history")) {
                assertThat(run.waitFor(Duration.ofSeconds(60))).isEqualTo(ExitCodes.SOME_FAILED);
                served.get();
                assertThat(run.err()).contains("PWNED-IDENT").doesNotContain("\u001b", "\u0007")
                        .contains("SSH-2.0-Evil\\e]0;PWNED-IDENT\\x07");
                assertThat(run.out()).doesNotContain("\u001b", "\u0007");
            }
        }
    }

    /**
     * A setup command the device rejects (an image without terminal width) is a note on the device's line, not
     * a logger's line on stderr with thread and class names (cron mails stderr every night).
     */
    @Test
    void aRejectedSetupCommandIsANoteOnTheDevicesLine() throws Exception {
        try (LabRun run = new LabRun(Lab.start(Lab.healthyFleet("csr", 1), LabSettings.defaults()), dir)) {
            Path platforms = Files.createDirectories(dir.resolve("platforms"));
            String ios = new String(getClass().getResourceAsStream("/platforms/cisco_ios.yaml").readAllBytes(), StandardCharsets.UTF_8);
            Files.writeString(platforms.resolve("cisco_ios.yaml"), ios.replace("setup: [term len 0]", "setup: [term len 0, terminal bogus]"));

            try (var backup = BackupProcess.start(dir, "--inventory", run.inventory().toString(), "--output-dir",
                    run.output().toString(), "--known-hosts", run.knownHosts().toString(), "--no-history",
                    "--platforms", platforms.toString(), "--report", dir.resolve("report.json").toString())) {
                assertThat(backup.waitFor(Duration.ofSeconds(60))).as(backup.err()).isEqualTo(ExitCodes.OK);
                assertThat(backup.out()).containsPattern("(?m)^NEW +csr1 .*  note: 'terminal bogus' was rejected "
                        + "\\(% Invalid input detected at '\\^' marker\\.\\)$");
                assertThat(backup.err()).as("nothing on stderr: cron mails what is there").isEmpty();
                assertThat(Files.readString(dir.resolve("report.json"))).contains("\"cause\": null, \"notes\": "
                        + "[\"'terminal bogus' was rejected (% Invalid input detected at '^' marker.)\"]}");
            }
        }
    }
}
