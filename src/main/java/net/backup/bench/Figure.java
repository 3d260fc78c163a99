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
    static List<Figure> of(List<Row> all) {
        var figures = new ArrayList<Figure>();
        startup(all, figures);
        List<Row> rows = all.stream().filter(Row::current).toList();
        widestLatencyRow(rows).ifPresent(best -> {
            sequentialOf(rows, best.scenario()).ifPresent(sequential -> {
                double speedup = sequential.wallMillis() / (double) best.wallMillis();
                figures.add(new Figure("speedup_over_sequential", best.scenario().devices() + " devices, "
                        + best.scenario().latency().toMillis() + " ms per command: --workers " + best.workers()
                        + " against --sequential", speedup, String.format(Locale.ROOT, "%.1fx", speedup)));
            });
            double ofIdeal = best.wallMillis() / (double) best.idealMillis();
            figures.add(new Figure("wall_over_ideal", "... its wall time (JVM start included) against the ideal: one "
                    + "device's handshake and round trips", ofIdeal,
                    String.format(Locale.ROOT, "%.2fx the ideal (%.2f s against %.2f s)", ofIdeal, best.wallMillis() / 1e3,
                            best.idealMillis() / 1e3)));
        });
        rows.stream().filter(r -> r.scenario().name().equals("cpu")).min(Comparator.comparingDouble(Row::cpuMillisPerDevice))
                .ifPresent(best -> figures.add(new Figure("cpu_ms_per_device", best.scenario().devices()
                        + " devices, no added latency: client CPU per device", best.cpuMillisPerDevice(),
                        String.format(Locale.ROOT, "%.1f ms per device (--workers %d; JVM start-up included)",
                                best.cpuMillisPerDevice(), best.workers()))));
        all.stream().filter(r -> r.scenario().name().equals("cpu") && !r.current()).findFirst().ifPresent(before ->
                rows.stream().filter(r -> r.scenario().equals(before.scenario()) && r.workers() == before.workers()).findFirst()
                        .ifPresent(now -> {
                            double ratio = now.cpuMillisPerDevice() / before.cpuMillisPerDevice();
                            figures.add(new Figure("cpu_over_baseline", "... against " + before.client() + ", same lab, --workers "
                                    + now.workers(), ratio, String.format(Locale.ROOT, "%.2fx (%.1f ms against %.1f ms per device)",
                                    ratio, now.cpuMillisPerDevice(), before.cpuMillisPerDevice())));
                        }));
        rows.stream().filter(r -> r.scenario().name().equals("scale")).findFirst().ifPresent(row -> {
            String setting = row.scenario().devices() + " devices, --workers " + row.workers();
            figures.add(new Figure("scale_failures", setting + ": devices failed or stored wrongly",
                    row.failures() + row.wrongConfigs(), String.format(Locale.ROOT, "%d failed, %d wrong configs",
                            row.failures(), row.wrongConfigs())));
            figures.add(new Figure("scale_peak_rss_mb", setting + ": client peak RSS, the highest of its runs",
                    row.highestPeakRssBytes() / (double) (1 << 20), String.format(Locale.ROOT, "peak RSS %d MB (the highest of %d runs)",
                            row.highestPeakRssBytes() >> 20, row.runs().size())));
        });
        return figures;
    }

    /** One device against --version, and --version against the baseline's, when those were run. */
    private static void startup(List<Row> rows, List<Figure> figures) {
        List<Row> startup = rows.stream().filter(r -> r.scenario().name().equals(Scenario.STARTUP)).toList();
        Optional<Row> version = startup.stream().filter(r -> r.current() && r.version()).findFirst();
        Optional<Row> oneDevice = startup.stream().filter(r -> r.current() && !r.version()).findFirst();
        if (version.isPresent() && oneDevice.isPresent()) {
            double ratio = oneDevice.get().wallMillis() / (double) version.get().wallMillis();
            figures.add(new Figure("one_device_over_version", "One device, no added latency: wall time against --version",
                    ratio, String.format(Locale.ROOT, "%.2fx (%.2f s against %.2f s)", ratio, oneDevice.get().wallMillis() / 1e3,
                            version.get().wallMillis() / 1e3)));
        }
        Optional<Row> before = startup.stream().filter(r -> !r.current() && r.version()).findFirst();
        if (version.isPresent() && before.isPresent()) {
            double ratio = version.get().wallMillis() / (double) before.get().wallMillis();
            figures.add(new Figure("version_over_baseline", "... --version against " + before.get().client(), ratio,
                    String.format(Locale.ROOT, "%.2fx (%.2f s against %.2f s)", ratio, version.get().wallMillis() / 1e3,
                            before.get().wallMillis() / 1e3)));
        }
    }

    /** The latency scenario's run with the most workers: the one the concurrency figures are about. */
    static Optional<Row> widestLatencyRow(List<Row> rows) {
        return rows.stream().filter(r -> r.current() && r.scenario().name().equals("latency") && !r.sequential())
                .max(Comparator.comparingInt(Row::workers));
    }

    static Optional<Row> sequentialOf(List<Row> rows, Scenario scenario) {
        return rows.stream().filter(r -> r.scenario().equals(scenario) && r.sequential()).findFirst();
    }
}
