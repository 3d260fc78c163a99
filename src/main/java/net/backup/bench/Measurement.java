package net.backup.bench;

/**
 * One run of the client, as measured from outside (wall time) and as it reported itself (the rest).
 *
 * @param wallMillis      the client process from start to exit, JVM start-up included
 * @param runMillis       the tool's own "Execution time": from the first connection to the last result
 * @param deviceMillis    the median time one device took within the run
 * @param cpuMillis       the client's CPU time, JVM start-up included
 * @param peakRssBytes    the client's peak resident memory
 * @param failed          devices that failed (a benchmark run expects none)
 * @param wrongConfigs    stored files that differ from what the lab served (when checked)
 */
public record Measurement(long wallMillis, long runMillis, long deviceMillis, long cpuMillis, long peakRssBytes,
        int failed, int wrongConfigs) {
}
