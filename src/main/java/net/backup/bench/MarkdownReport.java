package net.backup.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code docs/benchmarks.md}: the headline figures, every setting's medians, with where and how they were
 * measured, and the figures against the targets of a data file when one is given.
 */
public final class MarkdownReport {
    private MarkdownReport() {
    }

    /**
     * @param targets from the targets file (docs/benchmark-targets.yaml); none for a report of figures only
     * @param targetsFile where they came from, as the report names it
     * @param plot        the plot of the latency scenario, when one was drawn: linked from the report
     */
    public static void write(Path file, List<Row> rows, List<Target> targets, String targetsFile, String command,
            String machine, String date, Optional<Path> plot) throws IOException {
        var md = new StringBuilder();
        md.append("# Benchmarks\n\n")
                .append("Measured on ").append(date).append(" by\n\n```\n").append(command).append("\n```\n\n")
                .append("Machine: ").append(machine).append(". The machine is shared and noisy: read the ratios, ")
                .append("not the absolute times.\n\n")
                .append("Each setting runs the `backup` client as a process of its own against a `backup lab` process ")
                .append("(one per scenario), into a fresh output directory, with `--no-history --retries 0`, after one ")
                .append("untimed warm-up run that records the host keys. Figures are medians of the repeats, but for the ")
                .append("scale scenario's peak RSS, a limit, which is the highest of them (the table shows medians). ")
                .append("*Wall* is the client process from start to exit (JVM start-up included); *run* is the tool's ")
                .append("own `Execution time`; *ideal* is what a minimal client would need: ceil(devices / workers) times ")
                .append("one device's backup by a minimal prompt-driven client (the SSH handshake, then the same ")
                .append(Scenario.ROUND_TRIPS).append(" round trips, each sent when the prompt is back; no file, no check) ")
                .append("in the benchmark's own warm JVM against the same lab, the median of 10 after 10 unmeasured; ")
                .append("*efficiency* is ideal / wall. A *baseline* row is an earlier ")
                .append("build, checked out from git and run by its own launcher against the same lab, its runs taking turns with ")
                .append("this build's (one device and `--version` in the startup scenario, the first setting in the cpu one). ")
                .append("CPU and peak RSS are the ")
                .append("client's, as it reports them itself (`--report`: process CPU time and Linux VmHWM).\n\n");
        List<Figure> figures = Figure.of(rows);
        md.append("## Figures\n\n| figure | measured |\n|---|---|\n");
        for (Figure figure : figures) {
            md.append("| ").append(figure.about()).append(" | ").append(figure.shown()).append(" |\n");
        }
        if (!targets.isEmpty()) {
            md.append("\n## Targets\n\nAs stated in ").append(targetsFile).append(".\n\n| target | measured | met |\n|---|---|---|\n");
            for (String[] target : judged(targets, figures)) {
                md.append("| ").append(target[0]).append(" | ").append(target[1]).append(" | ").append(target[2]).append(" |\n");
            }
        }
        gap(rows).ifPresent(text -> md.append('\n').append(text).append('\n'));
        md.append("\n## All settings\n\n")
                .append("| scenario | client | devices | latency | mode | runs | wall s | run s | minimal client (ideal) s "
                        + "| efficiency | faster than sequential | CPU ms/device | peak RSS MB | failed | wrong configs |\n")
                .append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Row row : rows) {
            if (row.version()) {
                md.append(String.format(Locale.ROOT, "| %s | %s | - | - | --version | %d | %.2f | - | - | - | - | - | - | - | - |%n",
                        row.scenario().name(), row.client(), row.runs().size(), row.wallMillis() / 1e3));
                continue;
            }
            Optional<Row> sequential = row.current() ? Figure.sequentialOf(rows, row.scenario()) : Optional.empty();
            md.append(String.format(Locale.ROOT, "| %s | %s | %d | %d ms | %s | %d | %.2f | %.2f | %.2f | %.2f | %s | %.1f | %d | %d | %s |%n",
                    row.scenario().name(), row.client(), row.scenario().devices(), row.scenario().latency().toMillis(),
                    row.mode(), row.runs().size(),
                    row.wallMillis() / 1e3, row.runMillis() / 1e3, row.idealMillis() / 1e3, row.efficiency(),
                    sequential.map(s -> String.format(Locale.ROOT, "%.1fx", s.wallMillis() / (double) row.wallMillis())).orElse("-"),
                    row.cpuMillisPerDevice(), row.peakRssBytes() >> 20, row.failures(),
                    row.scenario().verifyConfigs() ? String.valueOf(row.wrongConfigs()) : "not checked"));
        }
        plot.ifPresent(picture -> md.append("\n![time against workers](")
                .append(file.toAbsolutePath().getParent().relativize(picture.toAbsolutePath())).append(")\n"));
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, md);
    }

    /** Each target as {what it says, the figure measured, met}; a figure not measured meets nothing. */
    static List<String[]> judged(List<Target> targets, List<Figure> figures) {
        var judged = new ArrayList<String[]>();
        for (Target target : targets) {
            Optional<Figure> figure = figures.stream().filter(f -> f.key().equals(target.figure())).findFirst();
            judged.add(new String[] {target.says(), figure.map(Figure::shown).orElse("not measured"),
                figure.isEmpty() ? "-" : target.metBy(figure.get().value()) ? "yes" : "**no**"});
        }
        return judged;
    }

    /**
     * Where the time beyond the ideal goes, for the largest worker count of the latency scenario: the JVM
     * before the run starts (wall minus the tool's own run time), and the rest within the run.
     */
    static Optional<String> gap(List<Row> rows) {
        return Figure.widestLatencyRow(rows)
                .filter(best -> best.wallMillis() > best.idealMillis())
                .map(best -> String.format(Locale.ROOT, "Where the time beyond the ideal goes at --workers %d: "
                        + "%.2f s in all, of which %.2f s before and after the run itself (JVM start-up, class loading, "
                        + "the report) and %.2f s within it (%d SSH handshakes starting at once on %d cores shared with "
                        + "the lab, while the JIT compiler is busy; the client spends %.1f ms of CPU per device here).",
                        best.workers(), (best.wallMillis() - best.idealMillis()) / 1e3,
                        (best.wallMillis() - best.runMillis()) / 1e3, (best.runMillis() - best.idealMillis()) / 1e3,
                        best.scenario().devices(), Runtime.getRuntime().availableProcessors(), best.cpuMillisPerDevice()));
    }
}
