package net.backup.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import net.backup.bench.BaselineBuild;
import net.backup.bench.Benchmark;
import net.backup.bench.MarkdownReport;
import net.backup.bench.Plot;
import net.backup.bench.Row;
import net.backup.bench.Scenario;
import net.backup.bench.Target;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code backup bench}: measures the tool against a lab in separate processes and writes docs/benchmarks.md and .png. */
@Command(name = "bench", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, sortOptions = false,
        usageHelpAutoWidth = true,
        description = {"Measures backup against simulated devices, each in its own process, and writes the results "
                + "(a table and a plot). Scenarios: startup (one device against --version), latency (100 devices, "
                + "200 ms per command, --sequential and 10 to 100 workers), cpu (500 devices, no added latency), "
                + "scale (1000 devices, 200 workers, every config checked). With --baseline, an earlier build from git "
                + "runs the startup and cpu scenarios too, against the same labs. Takes about 15 minutes with the defaults."})
final class BenchCommand implements Callable<Integer> {
    @Option(names = "--scenario", paramLabel = "NAME", split = ",", defaultValue = "startup,latency,cpu,scale",
            description = "Which scenarios, comma-separated (default: ${DEFAULT-VALUE}).")
    List<String> scenarios;

    @Option(names = "--repeats", paramLabel = "N", defaultValue = "3",
            description = "Runs per setting; medians are reported (default: ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--output", paramLabel = "FILE", defaultValue = "docs/benchmarks.md",
            description = "The table (default: ${DEFAULT-VALUE}).")
    Path output;

    @Option(names = "--plot", paramLabel = "FILE", defaultValue = "docs/benchmarks.png",
            description = "The plot of the latency scenario (default: ${DEFAULT-VALUE}).")
    Path plot;

    @Option(names = "--targets", paramLabel = "FILE", defaultValue = "docs/benchmark-targets.yaml",
            description = "Acceptance targets to judge the figures against; none if the file is missing "
                    + "(default: ${DEFAULT-VALUE}).")
    Path targets;

    @Option(names = "--baseline", paramLabel = "GIT-REF",
            description = "An earlier build to compare with: checked out from this repository's git history into the "
                    + "scratch directory, built and run by its own launcher (needs git and Maven).")
    String baselineRef;

    @Option(names = "--flame-graphs", paramLabel = "DIR",
            description = "Also draw a flame graph of the cpu scenario's first setting, for backup and the baseline, "
                    + "into DIR (cpu-backup.svg, cpu-baseline.svg), from one more untimed run under Java Flight Recorder.")
    Path flameGraphs;

    @Option(names = "--async-profiler", paramLabel = "LIB",
            description = "With --flame-graphs: profile with async-profiler's libasyncProfiler.so (every thread's CPU, "
                    + "each millisecond) instead of the flight recorder (a few hundred Java stacks).")
    Path asyncProfiler;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException {
        OptionChecks.inRange(spec, "--repeats", repeats, 1, 20);
        var chosen = new ArrayList<Scenario>();
        for (Scenario scenario : Scenario.standard(repeats)) {
            if (scenarios.contains(scenario.name())) {
                chosen.add(scenario);
            }
        }
        if (chosen.size() != scenarios.size()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--scenario takes startup, latency, cpu and scale, got "
                    + scenarios);
        }
        List<Target> goals = readTargets();
        var out = spec.commandLine().getOut();
        Path work = Files.createTempDirectory("backup-bench-");
        Optional<Benchmark.Baseline> baseline = baselineRef == null ? Optional.empty()
                : Optional.of(baseline(work, out));
        var benchmark = new Benchmark(backupCommand(), baseline, work, line -> {
            out.println(line);
            out.flush();
        });
        if (flameGraphs != null) {
            benchmark.withFlameGraphs(flameGraphs);
        }
        if (asyncProfiler != null) {
            if (flameGraphs == null || !Files.isRegularFile(asyncProfiler)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--async-profiler needs --flame-graphs and "
                        + "an existing libasyncProfiler.so, got " + asyncProfiler);
            }
            benchmark.withAsyncProfiler(asyncProfiler);
        }
        var rows = new ArrayList<Row>();
        for (Scenario scenario : chosen) {
            rows.addAll(benchmark.run(scenario));
        }
        List<String> args = new ArrayList<>(spec.commandLine().getParseResult().originalArgs());
        args.remove("bench");
        String command = "./backup bench " + String.join(" ", args);
        List<Row> latency = rows.stream().filter(r -> r.scenario().name().equals("latency")).toList();
        MarkdownReport.write(output, rows, goals, targets.toString(), command.strip(), Machine.describe(),
                LocalDate.now().toString(), latency.isEmpty() ? Optional.empty() : Optional.of(plot));
        if (!latency.isEmpty()) {
            Scenario s = latency.get(0).scenario();
            Plot.write(plot, latency, s.devices() + " devices, " + s.latency().toMillis() + " ms per command: wall time against workers");
        }
        out.println("written: " + output + (latency.isEmpty() ? "" : " and " + plot) + " (scratch files in " + work + ")");
        out.flush();
        return ExitCodes.OK;
    }

    /** Read before the quarter of an hour of runs, so that a mistake in the file is found at once. */
    private List<Target> readTargets() {
        try {
            return Target.read(targets);
        } catch (IOException e) {
            throw new FailureHandler.UsageException("--targets " + e.getMessage());
        }
    }

    private Benchmark.Baseline baseline(Path work, PrintWriter out) {
        try {
            return BaselineBuild.checkOut(repository(), baselineRef, work, out);
        } catch (IOException e) {
            throw new FailureHandler.UsageException("--baseline " + baselineRef + ": " + e.getMessage());
        }
    }

    /** The checkout the running jar was built in: where the launcher and the git history are. */
    private Path repository() {
        return jar().getParent().getParent();
    }

    private Path jar() {
        try {
            return Path.of(BenchCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toAbsolutePath();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The launcher next to the jar if there is one (as a user runs it), else java -jar. */
    private List<String> backupCommand() {
        try {
            Path jar = Path.of(BenchCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (!Files.isRegularFile(jar)) {
                throw new FailureHandler.UsageException("bench runs the built jar: use ./backup bench (or mvn -B package first)");
            }
            Path launcher = jar.toAbsolutePath().getParent().resolveSibling("backup");
            if (Files.isExecutable(launcher)) {
                return List.of(launcher.toString());
            }
            return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
