package net.backup.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** {@code docs/benchmarks.md}: the targets, met or not, and every setting's medians, with where and how they were measured. */
public final class MarkdownReport {
    private static final long GIB = 1L << 30;

    private MarkdownReport() {
    }

    public static void write(Path file, List<Row> rows, String command, String machine, String date) throws IOException {
        var md = new StringBuilder();
        md.append("# Benchmarks\n\n")
                .append("Measured on ").append(date).append(" by\n\n```\n").append(command).append("\n```\n\n")
                .append("Machine: ").append(machine).append(". The machine is shared and noisy: read the ratios, ")
                .append("not the absolute times.\n\n")
                .append("Each setting runs the `backup` client as a process of its own against a `backup lab` process ")
                .append("(one per scenario), into a fresh output directory, with `--no-history --retries 0`, after one ")
                .append("untimed warm-up run that records the host keys. Figures are medians of the repeats. ")
                .append("*Wall* is the client process from start to exit (JVM start-up included); *run* is the tool's ")
                .append("own `Execution time`; *ideal* is ceil(devices / workers) times one device's time at that latency ")
                .append("(the median device of the `--sequential` runs, where there are some; else a run of one device ")
                .append("alone); *efficiency* is ideal / wall. CPU and peak RSS are the ")
                .append("client's, as it reports them itself (`--report`: process CPU time and Linux VmHWM).\n\n");
        md.append("## Targets\n\n| target | measured | met |\n|---|---|---|\n");
        for (String[] target : targets(rows)) {
            md.append("| ").append(target[0]).append(" | ").append(target[1]).append(" | ").append(target[2]).append(" |\n");
        }
        gap(rows).ifPresent(text -> md.append('\n').append(text).append('\n'));
        md.append("\n## All settings\n\n")
                .append("| scenario | devices | latency | mode | runs | wall s | run s | ideal s | efficiency | faster than sequential "
                        + "| CPU ms/device | peak RSS MB | failed | wrong configs |\n")
                .append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Row row : rows) {
            Optional<Row> sequential = sequentialOf(rows, row.scenario());
            md.append(String.format(Locale.ROOT, "| %s | %d | %d ms | %s | %d | %.2f | %.2f | %.2f | %.2f | %s | %.1f | %d | %d | %s |%n",
                    row.scenario().name(), row.scenario().devices(), row.scenario().latency().toMillis(),
                    row.sequential() ? "--sequential" : "--workers " + row.workers(), row.runs().size(),
                    row.wallMillis() / 1e3, row.runMillis() / 1e3, row.idealMillis() / 1e3, row.efficiency(),
                    sequential.map(s -> String.format(Locale.ROOT, "%.1fx", s.wallMillis() / (double) row.wallMillis())).orElse("-"),
                    row.cpuMillisPerDevice(), row.peakRssBytes() >> 20, row.failures(),
                    row.scenario().verifyConfigs() ? String.valueOf(row.wrongConfigs()) : "not checked"));
        }
        md.append("\n![time against workers](benchmarks.png)\n");
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, md);
    }

    /** The targets, each as {what, measured, met}. */
    static List<String[]> targets(List<Row> rows) {
        var targets = new ArrayList<String[]>();
        rows.stream().filter(r -> r.scenario().name().equals("latency") && !r.sequential())
                .max(Comparator.comparingInt(Row::workers)).ifPresent(best -> {
                    Row sequential = sequentialOf(rows, best.scenario()).orElseThrow();
                    double speedup = sequential.wallMillis() / (double) best.wallMillis();
                    double ofIdeal = best.wallMillis() / (double) best.idealMillis();
                    targets.add(new String[] {best.scenario().devices() + " devices, " + best.scenario().latency().toMillis()
                            + " ms per command: --workers " + best.workers() + " at least 20x faster than --sequential",
                        String.format(Locale.ROOT, "%.1fx", speedup), speedup >= 20 ? "yes" : "**no**"});
                    targets.add(new String[] {"... and within 1.5x of the ideal",
                        String.format(Locale.ROOT, "%.2fx the ideal (%.2f s against %.2f s)", ofIdeal,
                                best.wallMillis() / 1e3, best.idealMillis() / 1e3), ofIdeal <= 1.5 ? "yes" : "**no**"});
                });
        rows.stream().filter(r -> r.scenario().name().equals("cpu")).min(Comparator.comparingDouble(Row::cpuMillisPerDevice))
                .ifPresent(best -> targets.add(new String[] {best.scenario().devices()
                        + " devices, no added latency: client CPU at most 15 ms per device",
                    String.format(Locale.ROOT, "%.1f ms per device (--workers %d; JVM start-up included)",
                            best.cpuMillisPerDevice(), best.workers()), best.cpuMillisPerDevice() <= 15 ? "yes" : "**no**"}));
        rows.stream().filter(r -> r.scenario().name().equals("scale")).findFirst().ifPresent(row -> {
            boolean correct = row.failures() == 0 && row.wrongConfigs() == 0;
            targets.add(new String[] {row.scenario().devices() + " devices, --workers " + row.workers()
                    + ": completes, every config correct, client peak RSS under 1 GiB",
                String.format(Locale.ROOT, "%d failed, %d wrong configs, peak RSS %d MB", row.failures(), row.wrongConfigs(),
                        row.peakRssBytes() >> 20), correct && row.peakRssBytes() < GIB ? "yes" : "**no**"});
        });
        return targets;
    }

    /**
     * Where the time beyond the ideal goes, for the largest worker count of the latency scenario: the JVM
     * before the run starts (wall minus the tool's own run time), and the rest within the run.
     */
    static Optional<String> gap(List<Row> rows) {
        return rows.stream().filter(r -> r.scenario().name().equals("latency") && !r.sequential())
                .max(Comparator.comparingInt(Row::workers))
                .filter(best -> best.wallMillis() > best.idealMillis() * 1.5)
                .map(best -> String.format(Locale.ROOT, "Where the time beyond the ideal goes at --workers %d: "
                        + "%.2f s in all, of which %.2f s before and after the run itself (JVM start-up, class loading, "
                        + "the report) and %.2f s within it (%d SSH handshakes starting at once on %d cores shared with "
                        + "the lab, while the JIT compiler is busy; the client spends %.1f ms of CPU per device here).",
                        best.workers(), (best.wallMillis() - best.idealMillis()) / 1e3,
                        (best.wallMillis() - best.runMillis()) / 1e3, (best.runMillis() - best.idealMillis()) / 1e3,
                        best.scenario().devices(), Runtime.getRuntime().availableProcessors(), best.cpuMillisPerDevice()));
    }

    private static Optional<Row> sequentialOf(List<Row> rows, Scenario scenario) {
        return rows.stream().filter(r -> r.scenario().equals(scenario) && r.sequential()).findFirst();
    }
}
