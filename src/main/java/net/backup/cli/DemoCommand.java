package net.backup.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import net.backup.inventory.Device;
import net.backup.inventory.InventoryLoader;
import net.backup.lab.Lab;
import net.backup.lab.LabSettings;
import net.backup.report.Plural;
import net.backup.run.FleetBackup;
import net.backup.run.RetryPolicy;
import net.backup.session.HostKeyPolicy;
import net.backup.session.KnownHosts;
import net.backup.store.OutputFiles;
import net.backup.time.Durations;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code backup demo}: the whole product on a laptop with no routers. Starts a lab in-process, backs it
 * up sequentially and then concurrently, and prints both times and the speedup.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, sortOptions = false,
        usageHelpAutoWidth = true,
        description = "Starts simulated IOS devices in-process, backs them up with --sequential and then "
                + "concurrently, and prints both times and the speedup.")
final class DemoCommand implements Callable<Integer> {
    /**
     * Where the demo's temporary directories go instead of java.io.tmpdir, for tests: one that counts what the
     * demo leaves behind in the shared temporary directory also counts what another demo or build running then
     * leaves.
     */
    static final String TEMPORARY_PARENT = "backup.demo.tmpdir";
    /** Left in the demo's output directory: its backups are simulated ones, and a later demo may replace them. */
    static final String MARKER = ".backup-demo";

    @Option(names = "--devices", paramLabel = "N", defaultValue = "12", description = "Devices (default: ${DEFAULT-VALUE}).")
    int devices;

    @Option(names = "--latency", paramLabel = "DURATION", defaultValue = "200ms", converter = DurationConverter.class,
            description = "Think time per command (default: ${DEFAULT-VALUE}).")
    Duration latency;

    @Option(names = {"-o", "--output-dir"}, paramLabel = "DIR",
            description = "Where the configs go (default: a new temporary directory).")
    Path outputDir;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        OptionChecks.inRange(spec, "--devices", devices, 1, 1000);
        PrintWriter out = spec.commandLine().getOut();
        // The configs are kept for the user to look at (a new temporary directory unless -o says where); the
        // demo's own inventory and known_hosts are scratch, removed when it ends, so that no run leaves them behind.
        Path temporary = Path.of(System.getProperty(TEMPORARY_PARENT, System.getProperty("java.io.tmpdir")));
        if (outputDir != null) {
            refuseRealBackups(outputDir);
        }
        Path output = outputDir != null ? outputDir : Files.createTempDirectory(temporary, "backup-demo-").resolve("configs");
        Path work = Files.createTempDirectory(temporary, "backup-demo-scratch-");
        var settings = LabSettings.defaults().withLatency(latency, Duration.ZERO);
        Path inventory = work.resolve("inventory.yaml");
        Path knownHosts = work.resolve("known_hosts");
        try (Lab lab = Lab.start(Lab.healthyFleet("csr", devices), settings)) {
            lab.writeInventory(inventory);
            List<Device> fleet = InventoryLoader.withSystemEnvironment().load(inventory);
            // The same run as backup's; no history: the demo's directory is thrown away.
            return OutputRun.hold(output, false, out, spec.commandLine().getErr(), run -> {
                Files.writeString(output.resolve(MARKER), "written by backup demo: the .cfg files here are simulated\n",
                        StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE,
                        LinkOption.NOFOLLOW_LINKS);
                // A known_hosts of its own: the demo's throwaway keys never touch the user's ~/.ssh.
                FleetBackup backup = run.fleet(new KnownHosts(knownHosts, HostKeyPolicy.ACCEPT_NEW),
                        RetryPolicy.DEFAULT_FIRST_DELAY);
                out.printf("backup demo: %s on 127.0.0.1, %d ms per command%n%n", Plural.of(devices, "simulated IOS device"),
                        latency.toMillis());

                OutputRun.Finished sequential = runOnce(run, backup, fleet, 1, "Sequential (--sequential)", out);
                if (sequential.signalExitCode().isPresent()) {
                    return sequential.signalExitCode().getAsInt();
                }
                OutputRun.Finished concurrent = runOnce(run, backup, fleet, devices, "Concurrent (--workers " + devices + ")", out);
                if (concurrent.signalExitCode().isPresent()) {
                    return concurrent.signalExitCode().getAsInt();
                }

                Duration sequentialTime = sequential.outcome().elapsed();
                Duration concurrentTime = concurrent.outcome().elapsed();
                double speedup = sequentialTime.toNanos() / (double) Math.max(1, concurrentTime.toNanos());
                out.printf(Locale.ROOT, "sequential %s, concurrent %s: %.1fx faster%n", Durations.seconds(sequentialTime),
                        Durations.seconds(concurrentTime), speedup);
                out.println("configs: " + output);
                out.flush();
                return sequential.outcome().allSucceeded() && concurrent.outcome().allSucceeded()
                        ? ExitCodes.OK : ExitCodes.SOME_FAILED;
            });
        } finally {
            Files.deleteIfExists(inventory);
            Files.deleteIfExists(knownHosts);
            Files.deleteIfExists(work);
        }
    }

    /**
     * The demo's devices are named csr1, csr2..., as real routers often are: into a directory of real backups its
     * simulated configurations would silently replace them (probe I), and a device down at the next real run
     * would keep the simulated one as its backup. Only a new directory, one without backups, or an earlier
     * demo's is used.
     */
    private static void refuseRealBackups(Path directory) throws IOException {
        boolean history = Files.exists(directory.resolve(".git"), LinkOption.NOFOLLOW_LINKS);
        if (!Files.isDirectory(directory)
                || !history && Files.isRegularFile(directory.resolve(MARKER), LinkOption.NOFOLLOW_LINKS)) {
            return; // no history: a demo never makes one; a real run would have removed the mark (BackupCommand)
        }
        try (var entries = Files.list(directory)) {
            List<String> backups = entries.map(entry -> entry.getFileName().toString())
                    .filter(name -> OutputFiles.deviceOf(name).isPresent() || name.equals(".git")).sorted().toList();
            if (!backups.isEmpty()) {
                throw new FailureHandler.UsageException("--output-dir " + directory + " holds backups or a history ("
                        + String.join(", ", backups.subList(0, Math.min(3, backups.size())))
                        + (backups.size() > 3 ? ", ..." : "") + "), which the demo's simulated devices would replace: "
                        + "give it a new or empty directory, or an earlier demo's");
            }
        }
    }

    private static OutputRun.Finished runOnce(OutputRun run, FleetBackup backup, List<Device> fleet, int workers, String title,
            PrintWriter out) throws IOException {
        out.println(title);
        OutputRun.Finished finished = run.backUp(backup, fleet, workers, Optional.empty());
        out.println();
        return finished;
    }
}
