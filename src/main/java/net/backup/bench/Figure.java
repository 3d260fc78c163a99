package net.backup.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One headline figure of a benchmark run, as measured: what a target (docs/benchmark-targets.yaml) can be
 * stated against. The benchmark reports figures; whether they are good enough is the data file's to say.
 *
 * @param key   the name a target refers to, such as {@code speedup_over_sequential}
 * @param about what was measured, in words
 * @param value the number a target compares
 * @param shown the value as the report shows it, with its context
 */
public record Figure(String key, String about, double value, String shown) {

    /** The figures the rows give; a scenario that was not run gives none. */
    static List<Figure> of(List<Row> rows) {
        var figures = new ArrayList<Figure>();
        widestLatencyRow(rows).ifPresent(best -> {
            sequentialOf(rows, best.scenario()).ifPresent(sequential -> {
                double speedup = sequential.wallMillis() / (double) best.wallMillis();
                figures.add(new Figure("speedup_over_sequential", best.scenario().devices() + " devices, "
                        + best.scenario().latency().toMillis() + " ms per command: --workers " + best.workers()
                        + " against --sequential", speedup, String.format(Locale.ROOT, "%.1fx", speedup)));
            });
            double ofIdeal = best.wallMillis() / (double) best.idealMillis();
            figures.add(new Figure("wall_over_ideal", "... its wall time against the ideal", ofIdeal,
                    String.format(Locale.ROOT, "%.2fx the ideal (%.2f s against %.2f s)", ofIdeal, best.wallMillis() / 1e3,
                            best.idealMillis() / 1e3)));
        });
        rows.stream().filter(r -> r.scenario().name().equals("cpu")).min(Comparator.comparingDouble(Row::cpuMillisPerDevice))
                .ifPresent(best -> figures.add(new Figure("cpu_ms_per_device", best.scenario().devices()
                        + " devices, no added latency: client CPU per device", best.cpuMillisPerDevice(),
                        String.format(Locale.ROOT, "%.1f ms per device (--workers %d; JVM start-up included)",
                                best.cpuMillisPerDevice(), best.workers()))));
        rows.stream().filter(r -> r.scenario().name().equals("scale")).findFirst().ifPresent(row -> {
            String setting = row.scenario().devices() + " devices, --workers " + row.workers();
            figures.add(new Figure("scale_failures", setting + ": devices failed or stored wrongly",
                    row.failures() + row.wrongConfigs(), String.format(Locale.ROOT, "%d failed, %d wrong configs",
                            row.failures(), row.wrongConfigs())));
            figures.add(new Figure("scale_peak_rss_mb", setting + ": client peak RSS", row.peakRssBytes() / (double) (1 << 20),
                    String.format(Locale.ROOT, "peak RSS %d MB", row.peakRssBytes() >> 20)));
        });
        return figures;
    }

    /** The latency scenario's run with the most workers: the one the concurrency figures are about. */
    static Optional<Row> widestLatencyRow(List<Row> rows) {
        return rows.stream().filter(r -> r.scenario().name().equals("latency") && !r.sequential())
                .max(Comparator.comparingInt(Row::workers));
    }

    static Optional<Row> sequentialOf(List<Row> rows, Scenario scenario) {
        return rows.stream().filter(r -> r.scenario().equals(scenario) && r.sequential()).findFirst();
    }
}
