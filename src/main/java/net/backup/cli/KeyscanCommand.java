package net.backup.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import net.backup.files.UserHome;
import net.backup.inventory.Device;
import net.backup.inventory.InventoryLoader;
import net.backup.inventory.Settings;
import net.backup.report.Plural;
import net.backup.report.TerminalText;
import net.backup.run.DeviceBackup;
import net.backup.session.HostKeyPolicy;
import net.backup.session.KnownHosts;
import net.backup.session.SessionException;
import net.backup.session.SshAlgorithms;
import net.backup.session.SshConnector;
import net.backup.session.Watchdog;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code backup keyscan}: records the host keys of the inventory's devices in known_hosts ahead of time,
 * so that backups can run with {@code --host-key-policy strict}. It goes only as far as the key exchange:
 * no credential is sent. A key already on record is checked, never replaced.
 */
@Command(name = "keyscan", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false, usageHelpAutoWidth = true,
        description = "Records the SSH host keys of the inventory's devices in known_hosts (no login, no credential "
                + "sent), so that backups can run with --host-key-policy strict. Keys on record are checked, never replaced.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every device's key is on record (recorded now or before)",
            "1:at least one device could not be reached or has a changed key",
            "2:usage or inventory error (no device was contacted)"})
final class KeyscanCommand implements Callable<Integer> {
    @Option(names = {"-i", "--inventory"}, paramLabel = "FILE", defaultValue = "inventory.yaml",
            description = "Inventory of devices (default: ${DEFAULT-VALUE}).")
    Path inventory;

    @Option(names = "--known-hosts", paramLabel = "FILE",
            description = "OpenSSH known_hosts file to record the keys in; created owner-only if missing "
                    + "(default: ~/.ssh/known_hosts).")
    Path knownHosts;

    @Option(names = "--connect-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "For every device: TCP connect and SSH handshake (default: connect_timeout of the "
                    + "inventory, else " + Settings.DEFAULT_CONNECT_TIMEOUT + ").")
    Duration connectTimeout;

    @Option(names = {"-w", "--workers"}, paramLabel = "N", defaultValue = "" + BackupCommand.DEFAULT_WORKERS,
            description = "Devices contacted at once (default: ${DEFAULT-VALUE}).")
    int workers;

    @CommandLine.Mixin
    PlatformsOption platforms;

    @Option(names = {"-v", "--verbose"}, description = "Log the SSH conversation's details to stderr.")
    boolean verbose;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException {
        OptionChecks.inRange(spec, "--workers", workers, 1, BackupCommand.MAX_WORKERS);
        OptionChecks.positive(spec, "--connect-timeout", connectTimeout);
        Logging.configure(verbose);
        List<Device> devices = new InventoryLoader(System::getenv, Optional.empty(), platforms.registry()).load(inventory).stream()
                .map(d -> d.withOverrides(new Device.RunOverrides(Optional.ofNullable(connectTimeout), Optional.empty(),
                        Optional.empty(), false, false)))
                .toList();
        Path file = knownHosts != null ? knownHosts : UserHome.knownHosts().orElseThrow(() ->
                new CommandLine.ParameterException(spec.commandLine(), UserHome.UNKNOWN + ": give --known-hosts FILE"));
        var keys = BackupCommand.knownHosts(file, HostKeyPolicy.ACCEPT_NEW);
        List<Line> lines = scan(devices, keys);
        PrintWriter out = spec.commandLine().getOut();
        int width = devices.stream().mapToInt(d -> d.name().length()).max().orElse(0);
        long failed = 0;
        for (Line line : lines) {
            // A failure quotes what the device said (its goodbye message): escaped, as the backup's lines are.
            out.println(TerminalText.escape(String.format("%-10s %-" + width + "s  %s", line.status(), line.device(),
                    line.detail())));
            failed += line.status().equals("FAILED") ? 1 : 0;
        }
        long recorded = lines.stream().filter(l -> l.status().equals("RECORDED")).count();
        out.printf("%s: %d recorded, %d already known, %d failed (%s)%n", Plural.of(lines.size(), "device"), recorded,
                lines.size() - recorded - failed, failed, file);
        out.flush();
        return failed == 0 ? ExitCodes.OK : ExitCodes.SOME_FAILED;
    }

    /** One device's result, printed in the inventory's order. */
    private record Line(String status, String device, String detail) {
    }

    private List<Line> scan(List<Device> devices, KnownHosts keys) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(workers, Math.max(1, devices.size())));
        try (var watchdog = new Watchdog()) {
            var connector = new SshConnector(SshAlgorithms.shared(), keys, watchdog);
            var futures = new ArrayList<Future<Line>>();
            for (Device device : devices) {
                futures.add(pool.submit(() -> scanOne(connector, device)));
            }
            var lines = new ArrayList<Line>();
            for (Future<Line> future : futures) {
                try {
                    lines.add(future.get());
                } catch (ExecutionException e) {
                    throw new IllegalStateException(e.getCause());
                }
            }
            return lines;
        } finally {
            pool.shutdownNow();
        }
    }

    private static Line scanOne(SshConnector connector, Device device) {
        String where = device.port() == 22 ? device.host() : "[" + device.host() + "]:" + device.port();
        try {
            SshConnector.ScannedKey key = connector.scanHostKey(DeviceBackup.connectionTarget(device));
            String status = key.outcome() == KnownHosts.Outcome.RECORDED ? "RECORDED" : "KNOWN";
            return new Line(status, device.name(), where + " " + key.type() + " " + key.fingerprint());
        } catch (SessionException e) {
            return new Line("FAILED", device.name(), e.getMessage());
        }
    }
}
