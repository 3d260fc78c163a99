package net.backup.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
    private final Path work;
    private final Consumer<String> progress;

    /**
     * @param backupCommand how to start {@code backup} (the launcher, or java -jar)
     * @param work          a scratch directory for inventories, outputs and reports
     */
    public Benchmark(List<String> backupCommand, Path work, Consumer<String> progress) {
        this.backupCommand = List.copyOf(backupCommand);
        this.work = work;
        this.progress = progress;
    }

    public List<Row> run(Scenario scenario) throws IOException, InterruptedException {
        Path dir = Files.createDirectories(work.resolve(scenario.name()));
        Path inventory = dir.resolve("lab-inventory.yaml");
        Process lab = startLab(scenario, dir, inventory);
        try {
            Path knownHosts = dir.resolve("known_hosts");
            progress.accept(scenario.name() + ": warm-up run (records host keys)");
            measure(scenario, inventory, knownHosts, dir.resolve("warmup"), List.of("--workers", "" + maxWorkers(scenario)));
            var rows = new ArrayList<Row>();
            long oneDevice;
            if (scenario.sequential()) {
                // One device's time is best seen in the sequential run: each device alone, in a warm process.
                List<Measurement> sequential = repeat(scenario, inventory, knownHosts, dir, List.of("--sequential"));
                oneDevice = Medians.of(sequential.stream().mapToLong(Measurement::deviceMillis).toArray());
                rows.add(new Row(scenario, 1, true, sequential, Row.ideal(scenario.devices(), 1, oneDevice)));
            } else {
                oneDevice = oneDeviceMillis(scenario, inventory, knownHosts, dir);
            }
            for (int workers : scenario.workers()) {
                rows.add(new Row(scenario, workers, false,
                        repeat(scenario, inventory, knownHosts, dir, List.of("--workers", "" + workers)),
                        Row.ideal(scenario.devices(), workers, oneDevice)));
            }
            return rows;
        } finally {
            lab.destroy();
            lab.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static int maxWorkers(Scenario scenario) {
        return scenario.workers().stream().mapToInt(Integer::intValue).max().orElse(1);
    }

    /** One device alone, at this latency: the unit of the ideal time. */
    private long oneDeviceMillis(Scenario scenario, Path inventory, Path knownHosts, Path dir)
            throws IOException, InterruptedException {
        Path single = Files.writeString(dir.resolve("one-device.yaml"), firstDeviceOnly(Files.readString(inventory)));
        var times = new long[scenario.repeats()];
        for (int i = 0; i < times.length; i++) {
            progress.accept(scenario.name() + ": one device alone, run " + (i + 1) + " of " + times.length);
            times[i] = measure(scenario, single, knownHosts, dir.resolve("one-" + i), List.of()).deviceMillis();
        }
        return Medians.of(times);
    }

    /** The inventory with its first device only, everything else (defaults, groups) as it was. */
    static String firstDeviceOnly(String inventoryYaml) {
        Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
        Object document = yaml.load(inventoryYaml);
        if (!(document instanceof Map<?, ?> top) || !(top.get("devices") instanceof List<?> devices) || devices.isEmpty()) {
            throw new IllegalStateException("the lab's inventory has no devices");
        }
        var single = new java.util.LinkedHashMap<Object, Object>(top);
        single.put("devices", List.of(devices.get(0)));
        var options = new org.yaml.snakeyaml.DumperOptions();
        options.setDefaultFlowStyle(org.yaml.snakeyaml.DumperOptions.FlowStyle.BLOCK);
        return new Yaml(options).dump(single);
    }

    private List<Measurement> repeat(Scenario scenario, Path inventory, Path knownHosts, Path dir, List<String> mode)
            throws IOException, InterruptedException {
        var runs = new ArrayList<Measurement>();
        for (int i = 0; i < scenario.repeats(); i++) {
            progress.accept(scenario.name() + ": " + String.join(" ", mode) + ", run " + (i + 1) + " of " + scenario.repeats());
            Path output = dir.resolve("run-" + String.join("", mode).replace("-", "") + "-" + i);
            Measurement m = measure(scenario, inventory, knownHosts, output, mode);
            progress.accept(String.format(java.util.Locale.ROOT, "  wall %.2f s, run %.2f s, cpu %.2f s, peak rss %d MB, failed %d",
                    m.wallMillis() / 1e3, m.runMillis() / 1e3, m.cpuMillis() / 1e3, m.peakRssBytes() >> 20, m.failed()));
            runs.add(m);
            deleteTree(output);
        }
        return runs;
    }

    private Measurement measure(Scenario scenario, Path inventory, Path knownHosts, Path output, List<String> mode)
            throws IOException, InterruptedException {
        Path report = output.resolveSibling(output.getFileName() + ".json");
        var command = new ArrayList<>(backupCommand);
        command.addAll(List.of("--inventory", inventory.toString(), "--output-dir", output.toString(), "--known-hosts",
                knownHosts.toString(), "--no-history", "--retries", "0", "--report", report.toString()));
        command.addAll(mode);
        long started = System.nanoTime();
        Process client = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(output.resolveSibling(output.getFileName() + ".err").toFile()).start();
        if (!client.waitFor(RUN_LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
            client.destroyForcibly();
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
                var simulated = new SimulatedDevice(name, kind, LabSettings.USERNAME, LabSettings.PASSWORD, java.util.Optional.empty(),
                        java.util.Set.of(), generator.generate(kind, name, LabSettings.USERNAME), java.time.Clock.systemUTC());
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
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
