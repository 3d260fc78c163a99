package net.backup.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * What this process has cost so far: CPU time (JVM start included) and peak resident memory. Read by the
 * process itself at the end of a run, so the benchmark needs no external tool to measure the client.
 *
 * @param cpuMillis    user + system CPU time of the whole process, or -1 where the JVM cannot tell
 * @param peakRssBytes the most physical memory the process has held (Linux VmHWM), or -1 elsewhere
 */
public record ProcessStats(long cpuMillis, long peakRssBytes) {

    public static ProcessStats current() {
        // The process's own accounting (/proc/self/stat on Linux, to the clock tick): java.lang.management
        // would tell the same to the nanosecond, but its first use costs a run some 10 ms of start-up.
        long cpu = ProcessHandle.current().info().totalCpuDuration().map(Duration::toMillis).orElse(-1L);
        return new ProcessStats(cpu, peakRss());
    }

    private static long peakRss() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException | SecurityException e) {
            // Not Linux, or /proc is hidden: the figure is simply unknown.
        }
        return -1;
    }
}
