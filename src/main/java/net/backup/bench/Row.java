package net.backup.bench;

import java.util.List;
import java.util.function.ToLongFunction;

/**
 * The medians of the repeated runs of one setting, and what they mean against the ideal.
 *
 * @param workers     1 with {@code sequential} for the --sequential run
 * @param idealMillis what a minimal client would need: ceil(devices / workers) rounds of one device's SSH
 *                    handshake plus its round trips at this latency
 * @param client      which build ran: {@code backup}, or the baseline it is compared with
 * @param version     a run of {@code --version} (no device), the measure of a bare start
 */
public record Row(Scenario scenario, int workers, boolean sequential, List<Measurement> runs, long idealMillis,
        String client, boolean version) {

    public static final String CURRENT = "backup";

    public Row(Scenario scenario, int workers, boolean sequential, List<Measurement> runs, long idealMillis) {
        this(scenario, workers, sequential, runs, idealMillis, CURRENT, false);
    }

    public boolean current() {
        return client.equals(CURRENT);
    }

    /** How the client was run, as the report shows it. */
    public String mode() {
        if (version) {
            return "--version";
        }
        if (scenario.devices() == 1) {
            return "one device";
        }
        return sequential ? "--sequential" : "--workers " + workers;
    }

    public long wallMillis() {
        return median(Measurement::wallMillis);
    }

    public long runMillis() {
        return median(Measurement::runMillis);
    }

    public long cpuMillis() {
        return median(Measurement::cpuMillis);
    }

    public long peakRssBytes() {
        return median(Measurement::peakRssBytes);
    }

    /** The most any of the runs held: a memory limit is judged by its worst run, not its middle one. */
    public long highestPeakRssBytes() {
        return runs.stream().mapToLong(Measurement::peakRssBytes).max().orElse(0);
    }

    /** Ideal over actual, with the process's wall time as the actual: JVM start-up counts against us. */
    public double efficiency() {
        return idealMillis / (double) Math.max(1, wallMillis());
    }

    public double cpuMillisPerDevice() {
        return cpuMillis() / (double) scenario.devices();
    }

    public int failures() {
        return runs.stream().mapToInt(Measurement::failed).sum();
    }

    public int wrongConfigs() {
        return runs.stream().mapToInt(Measurement::wrongConfigs).sum();
    }

    private long median(ToLongFunction<Measurement> field) {
        return Medians.of(runs.stream().mapToLong(field).toArray());
    }

    /** ceil(devices / workers) rounds of one device each: what perfect concurrency would take. */
    public static long ideal(int devices, int workers, long oneDeviceMillis) {
        return (long) Math.ceil(devices / (double) workers) * oneDeviceMillis;
    }
}
