package net.backup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import net.backup.lab.Fault;
import net.backup.lab.Lab;
import net.backup.lab.LabSettings;
import net.backup.testing.LabRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bounds that a device cannot defeat by sending a little, often (issue 12 item 5): the handshake within
 * connect_timeout, each step within command_deadline, the whole device within device_deadline, and the
 * platform's patterns over lines of bounded length, stopped with the device. Each run must end within a
 * minute, where before it held the run for many minutes.
 */
class BoundsTest {
    private static final String PREVIOUS = "! the last good backup\nend\n";
    private static final Duration GENEROUS = Duration.ofSeconds(60);
    /** The issue's example: quadratic in a line's length, so a 1.5 MB line kept a core busy past a minute. */
    private static final String CARELESS_ERROR_PATTERN = ".*(error|fail).*(denied|refused).*";

    @TempDir
    Path dir;

    private LabRun lab(Lab.DeviceSpec... devices) throws IOException {
        return new LabRun(Lab.start(List.of(devices), LabSettings.defaults()), dir);
    }

    private static void defaults(LabRun run, String settings) throws IOException {
        String inventory = Files.readString(run.inventory());
        assertThat(inventory).contains("defaults:\n");
        Files.writeString(run.inventory(), inventory.replace("defaults:\n", "defaults:\n" + settings));
    }

    /** Runs the backup and checks that it ended within a generous bound. */
    private static CliRun timed(LabRun run, String... options) {
        long started = System.nanoTime();
        CliRun result = run.backup(options);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as(result.all()).isLessThan(GENEROUS);
        return result;
    }

    @Test
    void aServerThatTricklesItsBannerFailsWithinTheConnectTimeout() throws Exception {
        try (var trickler = new TricklingServer(); LabRun run = lab(Lab.DeviceSpec.healthy("csr1"))) {
            Files.writeString(run.inventory(), Files.readString(run.inventory())
                    + "  - {name: slow, host: 127.0.0.1, port: " + trickler.port() + "}\n");

            CliRun result = timed(run, "--connect-timeout", "1s", "--retries", "0");

            assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.SOME_FAILED);
            assertThat(result.out()).containsPattern("FAILED +slow .*  no SSH handshake within 1 s \\(connect_timeout\\)")
                    .containsPattern("NEW +csr1 ");
        }
    }

    /**
     * The socket connects without a timeout of its own (a timed connect leaves the JDK's socket non-blocking,
     * and every later wait a poll): a connection the network never completes is ended by the handshake's
     * watch, and named as the connection, not the handshake.
     */
    @Test
    void aConnectionThatIsNeverCompletedFailsWithinTheConnectTimeout() throws Exception {
        try (var full = new FullAcceptQueue(); LabRun run = lab(Lab.DeviceSpec.healthy("csr1"))) {
            Files.writeString(run.inventory(), Files.readString(run.inventory())
                    + "  - {name: unreachable, host: 127.0.0.1, port: " + full.port() + "}\n");

            CliRun result = timed(run, "--connect-timeout", "1s", "--retries", "0");

            assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.SOME_FAILED);
            assertThat(result.out()).containsPattern("FAILED +unreachable .*  no SSH connection within 1 s \\(connect_timeout\\)")
                    .containsPattern("NEW +csr1 ");
        }
    }

    /**
     * A listening socket that never accepts, its queue of connections filled: Linux then drops every new
     * connection's first packet, so a client's connect waits as it would for a host that does not answer.
     */
    private static final class FullAcceptQueue implements AutoCloseable {
        private final ServerSocket listening = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        private final List<Socket> queued = new java.util.ArrayList<>();

        FullAcceptQueue() throws IOException {
            for (int i = 0; i < 8; i++) {
                var socket = new Socket();
                try {
                    socket.connect(listening.getLocalSocketAddress(), 200);
                    queued.add(socket);
                } catch (IOException full) {
                    socket.close();
                    return;
                }
            }
            throw new IllegalStateException("the accept queue never filled: 8 connections completed");
        }

        int port() {
            return listening.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            for (Socket socket : queued) {
                socket.close();
            }
            listening.close();
        }
    }

    /**
     * Accepts one connection and sends it an SSH banner a byte every 200 ms (each byte beats any socket
     * timeout), from a scheduler that closing stops: no thread outlives the test.
     */
    private static final class TricklingServer implements AutoCloseable {
        private static final byte[] BANNER = "SSH-2.0-OpenSSH_9.6 but very, very slowly".getBytes(StandardCharsets.US_ASCII);
        private final ServerSocket listening = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final ScheduledExecutorService pace = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "trickling-server");
            thread.setDaemon(true);
            return thread;
        });
        private final AtomicInteger sent = new AtomicInteger();
        private volatile Socket client;

        TricklingServer() throws IOException {
            pace.execute(this::accept);
        }

        int port() {
            return listening.getLocalPort();
        }

        private void accept() {
            try {
                client = listening.accept();
                pace.scheduleAtFixedRate(this::oneByte, 200, 200, TimeUnit.MILLISECONDS);
            } catch (IOException closed) {
                // the test is over
            }
        }

        private void oneByte() {
            try {
                OutputStream out = client.getOutputStream();
                out.write(BANNER[sent.getAndIncrement() % BANNER.length]);
                out.flush();
            } catch (IOException gone) {
                pace.shutdown(); // the client hung up
            }
        }

        @Override
        public void close() throws IOException {
            pace.shutdownNow();
            listening.close();
            if (client != null) {
                client.close();
            }
        }
    }

    @Test
    void aDeviceThatTricklesItsConfigurationFailsWithinTheCommandDeadlineAndIsNotTriedAgain() throws IOException {
        try (LabRun run = lab(new Lab.DeviceSpec("slow", Set.of(Fault.TRICKLE)), Lab.DeviceSpec.healthy("csr1"))) {
            defaults(run, "  command_timeout: 1s\n  command_deadline: 2s\n");
            run.writeBackup("slow", PREVIOUS);

            CliRun result = timed(run, "--retry-delay", "10ms");

            assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.SOME_FAILED);
            assertThat(result.out()).containsPattern("(?m)^FAILED +slow +- +[0-9.]+ s  'show run' not finished within 2 s "
                    + "\\(command_deadline\\)$").containsPattern("NEW +csr1 ");
            assertThat(run.backupOf("slow")).isEqualTo(PREVIOUS);
            assertThat(run.backupOf("csr1")).isEqualTo(run.lab().device("csr1").stableConfig());
        }
    }

    @Test
    void theDeviceDeadlineEndsADeviceWhateverItsStepsDoAndTheCommandLineWinsOverTheInventory() throws IOException {
        try (LabRun run = lab(new Lab.DeviceSpec("slow", Set.of(Fault.TRICKLE)), Lab.DeviceSpec.healthy("csr1"))) {
            defaults(run, "  command_timeout: 1s\n  device_deadline: 10m\n");
            run.writeBackup("slow", PREVIOUS);

            CliRun result = timed(run, "--device-deadline", "2s", "--command-deadline", "10m");

            assertThat(result.out()).containsPattern("(?m)^FAILED +slow +- +[0-9.]+ s  not finished within 2 s "
                    + "\\(device_deadline\\)$").containsPattern("NEW +csr1 ");
            assertThat(run.backupOf("slow")).isEqualTo(PREVIOUS);
            assertThat(run.outputFiles()).containsExactly("csr1.cfg", "slow.cfg");
        }
    }

    /**
     * JunOS shows a list in brackets on one line: a QFX trunk's 4,000 VLAN names, 36 KiB, was refused (probe N). The
     * limit is the reader's, the same for every kind: shown here on the lab's IOS device, in a description.
     */
    @Test
    void aLineOfTensOfKilobytesIsConfiguration() throws IOException {
        try (LabRun run = lab(Lab.DeviceSpec.healthy("qfx1"))) {
            String members = "members [ " + java.util.stream.IntStream.range(2, 4000)
                    .mapToObj(vlan -> String.format("VLAN%04d", vlan)).collect(java.util.stream.Collectors.joining(" ")) + " ]";
            run.lab().device("qfx1").setDescription("Loopback9", members);

            CliRun result = run.backup();

            assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.OK);
            assertThat(run.backupOf("qfx1")).contains(" description " + members + "\n");
        }
    }

    @Test
    void aLineOfMegabytesFailsTheDeviceBeforeAnyPatternSeesIt() throws IOException {
        try (LabRun run = lab(Lab.DeviceSpec.healthy("long"), Lab.DeviceSpec.healthy("csr1"))) {
            Path platforms = carelessPlatform();
            run.lab().device("long").setDescription("Loopback9", "error ".repeat(250_000)); // 1.5 MB, no 'denied'
            run.writeBackup("long", PREVIOUS);

            CliRun result = timed(run, "--platforms", platforms.toString());

            assertThat(result.out()).containsPattern("(?m)^FAILED +long +- +[0-9.]+ s  a line longer than 128 KiB "
                    + "\\(longer than any configuration line known: a JunOS list of all 4,094 VLANs by names of 31 characters is"
                    + " 124 KiB\\) after 'show run'$").containsPattern("NEW +csr1 ");
            assertThat(run.backupOf("long")).isEqualTo(PREVIOUS);
        }
    }

    @Test
    void aCarelessPatternOverManyLongLinesStopsAtTheDeviceDeadline() throws IOException {
        try (LabRun run = lab(Lab.DeviceSpec.healthy("slow"), Lab.DeviceSpec.healthy("csr1"))) {
            Path platforms = carelessPlatform();
            // Each line just under the length cap: a fraction of a second each for that pattern, minutes for all.
            for (int i = 0; i < 400; i++) {
                run.lab().device("slow").setDescription("Loopback" + (1000 + i), "error ".repeat(2_500));
            }
            run.writeBackup("slow", PREVIOUS);

            CliRun result = timed(run, "--platforms", platforms.toString(), "--device-deadline", "3s");

            assertThat(result.out()).containsPattern("(?m)^FAILED +slow +- +[0-9.]+ s  not finished within 3 s "
                    + "\\(device_deadline\\)$").containsPattern("NEW +csr1 ");
            assertThat(run.backupOf("slow")).isEqualTo(PREVIOUS);
        }
    }

    /** cisco_ios with one more error pattern, of the kind a user might write. */
    private Path carelessPlatform() throws IOException {
        Path platforms = Files.createDirectories(dir.resolve("platforms"));
        String ios = new String(getClass().getResourceAsStream("/platforms/cisco_ios.yaml").readAllBytes(),
                StandardCharsets.UTF_8);
        assertThat(ios).contains("errors:\n");
        Files.writeString(platforms.resolve("cisco_ios.yaml"),
                ios.replace("errors:\n", "errors:\n  - '" + CARELESS_ERROR_PATTERN + "'\n"));
        return platforms;
    }
}
