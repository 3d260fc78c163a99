package net.backup.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import net.backup.lab.ConfigGenerator;
import net.backup.lab.DeviceKinds;
import net.backup.lab.LabSettings;
import net.backup.lab.SimulatedDevice;
import net.backup.store.OutputFiles;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Runs the scenarios: a {@code backup lab} process per scenario, then the {@code backup} client as a process
 * of its own for every setting and repeat, each into a fresh output directory. The client reports its run,
 * CPU time and peak memory in its JSON report; the wall time is measured here, around the process.
 */
public final class Benchmark {
    private static final long SEED = 1;
    private static final Duration RUN_LIMIT = Duration.ofMinutes(30);

    private final List<String> backupCommand;
    private final Optional<Baseline> baseline;
    private final Path work;
    private final Consumer<String> progress;
    private Optional<Path> flameGraphs = Optional.empty();
    private Optional<Path> asyncProfiler = Optional.empty();

    /**
     * An earlier build to compare with, run against the same lab: its own launcher, as it was.
     *
     * @param label how the report names it, such as {@code baseline 7ddf563}
     */
    public record Baseline(String label, List<String> command) {
    }

    /**
     * @param backupCommand how to start {@code backup} (the launcher, or java -jar)
     * @param work          a scratch directory for inventories, outputs and reports
     */
    public Benchmark(List<String> backupCommand, Optional<Baseline> baseline, Path work, Consumer<String> progress) {
        this.backupCommand = List.copyOf(backupCommand);
        this.baseline = baseline;
        this.work = work;
        this.progress = progress;
    }

    /**
     * After the cpu scenario's timed runs, one more run of its first setting per client under Java Flight
     * Recorder, drawn as a flame graph into {@code directory} (cpu-backup.svg, cpu-baseline.svg). Untimed: the
     * recorder costs CPU of its own.
     */
    public Benchmark withFlameGraphs(Path directory) {
        this.flameGraphs = Optional.of(directory);
        return this;
    }

    /**
     * Profile with async-profiler (its libasyncProfiler.so) instead: it samples every thread's CPU time each
     * millisecond, native and JVM frames included, where the flight recorder takes a few hundred Java stacks.
     */
    public Benchmark withAsyncProfiler(Path library) {
        this.asyncProfiler = Optional.of(library);
        return this;
    }

    public List<Row> run(Scenario scenario) throws IOException, InterruptedException {
        Path dir = Files.createDirectories(work.resolve(scenario.name()));
        Path inventory = dir.resolve("lab-inventory.yaml");
        Process lab = startLab(scenario, dir, inventory);
        try {
            Path knownHosts = dir.resolve("known_hosts");
            progress.accept(scenario.name() + ": warm-up run (records host keys)");
            measure(backupCommand, scenario, inventory, knownHosts, dir.resolve("warmup"),
                    List.of("--workers", "" + maxWorkers(scenario)));
            MinimalClient.OneDevice minimal = minimalClient(inventory);
            long oneDevice = minimal.millis();
            progress.accept(String.format(Locale.ROOT, "%s: a minimal client backs up one device in %d ms, of which "
                    + "%d ms are the SSH handshake", scenario.name(), oneDevice, minimal.handshakeMillis()));
            if (scenario.name().equals(Scenario.STARTUP)) {
                return startup(scenario, inventory, knownHosts, dir, oneDevice);
            }
            var rows = new ArrayList<Row>();
            if (scenario.sequential()) {
                List<Measurement> sequential = repeat(List.of(backupCommand), scenario, inventory, knownHosts, dir,
                        List.of("--sequential")).get(0);
                rows.add(new Row(scenario, 1, true, sequential, Row.ideal(scenario.devices(), 1, oneDevice)));
            }
            // The same lab, the same settings, the earlier build: CPU per device compared in one run, each build's
            // runs taking turns, so that the machine's drift (a neighbour's load, the file system's growing cost of
            // creating files where many were just deleted) falls on both alike.
            boolean compared = scenario.name().equals("cpu") && baseline.isPresent();
            if (compared) {
                measure(baseline.get().command(), scenario, inventory, knownHosts, dir.resolve("warmup-baseline"),
                        List.of("--workers", "" + scenario.workers().get(0)));
            }
            for (int workers : scenario.workers()) {
                List<String> mode = List.of("--workers", "" + workers);
                long ideal = Row.ideal(scenario.devices(), workers, oneDevice);
                if (compared && workers == scenario.workers().get(0)) {
                    List<List<Measurement>> both = repeat(List.of(backupCommand, baseline.get().command()), scenario,
                            inventory, knownHosts, dir, mode);
                    rows.add(new Row(scenario, workers, false, both.get(0), ideal));
                    rows.add(new Row(scenario, workers, false, both.get(1), ideal, baseline.get().label(), false));
                } else {
                    rows.add(new Row(scenario, workers, false,
                            repeat(List.of(backupCommand), scenario, inventory, knownHosts, dir, mode).get(0), ideal));
                }
            }
            if (scenario.name().equals("cpu") && flameGraphs.isPresent()) {
                flameGraph(backupCommand, "backup", scenario, inventory, knownHosts, dir);
                if (baseline.isPresent()) {
                    flameGraph(baseline.get().command(), "baseline", scenario, inventory, knownHosts, dir);
                }
            }
            return rows;
        } finally {
            lab.destroy();
            lab.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /**
     * One device at no latency against {@code --version}, each client's runs interleaved so that the machine's
     * noise falls on all of them alike: what a run costs beyond starting the JVM and parsing the command line.
     */
    private List<Row> startup(Scenario scenario, Path inventory, Path knownHosts, Path dir, long oneDevice)
            throws IOException, InterruptedException {
        var clients = new ArrayList<Baseline>();
        clients.add(new Baseline(Row.CURRENT, backupCommand));
        baseline.ifPresent(clients::add);
        var versions = new ArrayList<List<Measurement>>();
        var backups = new ArrayList<List<Measurement>>();
        for (Baseline client : clients) {
            versions.add(new ArrayList<>());
            backups.add(new ArrayList<>());
            if (!client.label().equals(Row.CURRENT)) {
                measure(client.command(), scenario, inventory, knownHosts, dir.resolve("warmup-baseline"), List.of());
            }
        }
        for (int i = 0; i < scenario.repeats(); i++) {
            progress.accept(scenario.name() + ": --version and one device, run " + (i + 1) + " of " + scenario.repeats());
            for (int c = 0; c < clients.size(); c++) {
                versions.get(c).add(version(clients.get(c).command()));
                Path output = dir.resolve("one-" + c + "-" + i);
                backups.get(c).add(measure(clients.get(c).command(), scenario, inventory, knownHosts, output, List.of()));
                deleteTree(output);
            }
        }
        var rows = new ArrayList<Row>();
        for (int c = 0; c < clients.size(); c++) {
            rows.add(new Row(scenario, 1, false, versions.get(c), 0, clients.get(c).label(), true));
            rows.add(new Row(scenario, 1, false, backups.get(c), oneDevice, clients.get(c).label(), false));
        }
        return rows;
    }

    private void flameGraph(List<String> client, String name, Scenario scenario, Path inventory, Path knownHosts, Path dir)
            throws IOException, InterruptedException {
        int workers = scenario.workers().get(0);
        String tool = asyncProfiler.isPresent() ? "async-profiler" : "Java Flight Recorder";
        progress.accept(scenario.name() + ": --workers " + workers + " under " + tool + " (" + name + "), untimed");
        Path samples = dir.resolve("cpu-" + name + (asyncProfiler.isPresent() ? ".collapsed" : ".jfr"));
        // The launchers put BACKUP_JAVA_OPTS last on the JVM's command line.
        String options = asyncProfiler
                .map(library -> "-agentpath:" + library.toAbsolutePath() + "=start,event=cpu,interval=1ms,threads,file="
                        + samples + ",collapsed")
                .orElse("-XX:StartFlightRecording=filename=" + samples + ",settings=profile "
                        + "-XX:FlightRecorderOptions:stackdepth=256"); // deep stacks, so none is cut short
        Path output = dir.resolve("run-flame-" + name);
        measure(client, Map.of("BACKUP_JAVA_OPTS", options), scenario, inventory, knownHosts, output, List.of("--workers", "" + workers));
        deleteTree(output);
        Map<String, Long> stacks = asyncProfiler.isPresent() ? threadsByName(FlameGraph.readCollapsed(samples))
                : FlameGraph.collapsedFromJfr(samples, true);
        Path svg = flameGraphs.orElseThrow().resolve("cpu-" + name + ".svg");
        Files.createDirectories(svg.toAbsolutePath().getParent());
        String label = name.equals("backup") ? "backup" : baseline.map(Baseline::label).orElse(name);
        FlameGraph.writeSvg(stacks, label + ": " + scenario.devices() + " devices, no added latency, --workers " + workers
                + " (" + tool + ", CPU samples of all threads)", svg);
        progress.accept("  flame graph: " + svg);
    }

    /**
     * async-profiler names each thread with its id ({@code [backup-worker-7 tid=123]}); without the id (and the
     * port in sshj's reader threads' names) the same kind of thread is one tower.
     */
    static Map<String, Long> threadsByName(Map<String, Long> stacks) {
        var merged = new TreeMap<String, Long>();
        stacks.forEach((stack, count) -> {
            String named = stack.replaceFirst("^\\[([^\\]]*?)(-\\d+)? tid=\\d+\\]", "[$1]")
                    .replaceFirst("^\\[sshj-Reader-[^;]*\\]", "[sshj-Reader]")
                    // A stack the profiler could not walk is a column of [unknown] frames: one says as much.
                    .replaceAll("(;\\[unknown\\])+", ";[unknown]");
            merged.merge(named, count, Long::sum);
        });
        return merged;
    }

    /** The wall time of {@code --version}: a start of the JVM and the command line, and nothing else. */
    private static Measurement version(List<String> client) throws IOException, InterruptedException {
        var command = new ArrayList<>(client);
        command.add("--version");
        long started = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        if (!process.waitFor(RUN_LIMIT.toMillis(), TimeUnit.MILLISECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IOException("--version failed: " + command);
        }
        return new Measurement((System.nanoTime() - started) / 1_000_000, 0, 0, 0, 0, 0, 0);
    }

    /** A minimal client's backup of the lab's first device (see {@link MinimalClient}). */
    private static MinimalClient.OneDevice minimalClient(Path inventory) throws IOException {
        Map<?, ?> first = firstDevice(Files.readString(inventory));
        return MinimalClient.measure(String.valueOf(first.get("host")), ((Number) first.get("port")).intValue(),
                LabSettings.USERNAME, LabSettings.PASSWORD, LabSettings.ENABLE_SECRET);
    }

    static Map<?, ?> firstDevice(String inventoryYaml) {
        Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
        if (!(yaml.load(inventoryYaml) instanceof Map<?, ?> top) || !(top.get("devices") instanceof List<?> devices)
                || devices.isEmpty() || !(devices.get(0) instanceof Map<?, ?> device)) {
            throw new IllegalStateException("the lab's inventory has no devices");
        }
        return device;
    }

    private static int maxWorkers(Scenario scenario) {
        return scenario.workers().stream().mapToInt(Integer::intValue).max().orElse(1);
    }

    /** {@code scenario.repeats()} runs of each client, the clients taking turns; the runs of each, in order. */
    private List<List<Measurement>> repeat(List<List<String>> clients, Scenario scenario, Path inventory, Path knownHosts,
            Path dir, List<String> mode) throws IOException, InterruptedException {
        var runs = new ArrayList<List<Measurement>>();
        clients.forEach(client -> runs.add(new ArrayList<>()));
        for (int i = 0; i < scenario.repeats(); i++) {
            for (int c = 0; c < clients.size(); c++) {
                List<String> client = clients.get(c);
                String who = client.equals(backupCommand) ? "" : " (" + baseline.map(Baseline::label).orElse("?") + ")";
                progress.accept(scenario.name() + who + ": " + String.join(" ", mode) + ", run " + (i + 1) + " of "
                        + scenario.repeats());
                Path output = dir.resolve("run-" + String.join("", mode).replace("-", "") + "-" + c + "-" + i + "-"
                        + System.nanoTime());
                Measurement m = measure(client, scenario, inventory, knownHosts, output, mode);
                progress.accept(String.format(Locale.ROOT, "  wall %.2f s, run %.2f s, cpu %.2f s, peak rss %d MB, failed %d",
                        m.wallMillis() / 1e3, m.runMillis() / 1e3, m.cpuMillis() / 1e3, m.peakRssBytes() >> 20, m.failed()));
                runs.get(c).add(m);
                deleteTree(output);
            }
        }
        return runs;
    }

    private Measurement measure(List<String> client, Scenario scenario, Path inventory, Path knownHosts, Path output,
            List<String> mode) throws IOException, InterruptedException {
        return measure(client, Map.of(), scenario, inventory, knownHosts, output, mode);
    }

    private Measurement measure(List<String> client, Map<String, String> environment, Scenario scenario, Path inventory,
            Path knownHosts, Path output, List<String> mode) throws IOException, InterruptedException {
        Path report = output.resolveSibling(output.getFileName() + ".json");
        var command = new ArrayList<>(client);
        command.addAll(List.of("--inventory", inventory.toString(), "--output-dir", output.toString(), "--known-hosts",
                knownHosts.toString(), "--no-history", "--retries", "0", "--report", report.toString()));
        command.addAll(mode);
        long started = System.nanoTime();
        var builder = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(output.resolveSibling(output.getFileName() + ".err").toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(RUN_LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IOException("a client run took longer than " + RUN_LIMIT + ": " + command);
        }
        long wall = (System.nanoTime() - started) / 1_000_000;
        return read(report, wall, scenario.verifyConfigs() ? wrongConfigs(output) : 0);
    }

    @SuppressWarnings("unchecked")
    private static Measurement read(Path report, long wall, int wrong) throws IOException {
        Map<String, Object> json = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(report));
        List<Map<String, Object>> devices = (List<Map<String, Object>>) json.get("devices");
        Map<String, Object> client = (Map<String, Object>) json.get("client");
        long[] deviceTimes = devices.stream().mapToLong(d -> number(d.get("duration_ms"))).toArray();
        int failed = (int) devices.stream().filter(d -> "FAILED".equals(d.get("status"))).count();
        return new Measurement(wall, number(json.get("duration_ms")), Medians.of(deviceTimes),
                number(client.get("cpu_ms")), number(client.get("peak_rss_bytes")), failed, wrong);
    }

    private static long number(Object value) {
        return ((Number) value).longValue();
    }

    /** Every stored file must be exactly what a correct backup of that lab device stores. */
    private static int wrongConfigs(Path output) throws IOException {
        var generator = new ConfigGenerator(SEED);
        var kind = DeviceKinds.builtIn().get("cisco_ios");
        int wrong = 0;
        try (var files = Files.newDirectoryStream(output)) {
            for (Path file : files) {
                Optional<String> device = OutputFiles.deviceOf(file.getFileName().toString());
                if (device.isEmpty()) {
                    continue;
                }
                String name = device.get();
                String stored = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                var simulated = new SimulatedDevice(name, kind, LabSettings.USERNAME, LabSettings.PASSWORD, Optional.empty(),
                        Set.of(), generator.generate(kind, name, LabSettings.USERNAME), Clock.systemUTC());
                if (!stored.equals(simulated.stableConfig())) {
                    wrong++;
                }
            }
        }
        return wrong;
    }

    private Process startLab(Scenario scenario, Path dir, Path inventory) throws IOException, InterruptedException {
        var command = new ArrayList<>(backupCommand);
        command.addAll(List.of("lab", "--devices", "" + scenario.devices(), "--latency", scenario.latency().toMillis() + "ms",
                "--write-inventory", inventory.toString(), "--host-key", dir.resolve("lab-host-key").toString(),
                "--seed", "" + SEED, "--stop-after", "120m"));
        progress.accept(scenario.name() + ": starting " + String.join(" ", command.subList(command.indexOf("lab"), command.size())));
        Process lab = new ProcessBuilder(command).redirectError(dir.resolve("lab.err").toFile()).start();
        var out = new BufferedReader(new InputStreamReader(lab.getInputStream(), StandardCharsets.UTF_8));
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.startsWith("back it up:")) {
                // Keep draining the lab's output so it never blocks on a full pipe.
                Thread drain = new Thread(() -> out.lines().forEach(ignored -> { }), "lab-output");
                drain.setDaemon(true);
                drain.start();
                return lab;
            }
        }
        throw new IOException("the lab did not start; see " + dir.resolve("lab.err"));
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
