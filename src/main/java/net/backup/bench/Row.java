package net.backup.bench;

import java.util.List;
import java.util.function.ToLongFunction;

/**
 * The medians of the repeated runs of one setting, and what they mean against the ideal.
 *
 * @param workers 1 with {@code sequential} for the --sequential run
 * @param idealMillis ceil(devices / workers) times one device's time at this latency
 */
public record Row(Scenario scenario, int workers, boolean sequential, List<Measurement> runs, long idealMillis) {

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
