package net.backup.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** What the JSON report says the client cost, as the benchmark reads it. */
class ProcessStatsTest {
    @Test
    void theProcessCpuTimeGrowsWithTheWorkDoneAndThePeakMemoryIsRead() {
        assumeTrue(Files.exists(Path.of("/proc/self/stat")), "Linux's /proc");
        ProcessStats before = ProcessStats.current();
        // Until this thread alone has used 300 ms of CPU, however the machine shares it out.
        var threads = ManagementFactory.getThreadMXBean();
        long until = threads.getCurrentThreadCpuTime() + 300_000_000L;
        long spin = 0;
        while (threads.getCurrentThreadCpuTime() < until) {
            spin++;
        }
        ProcessStats after = ProcessStats.current();

        assertThat(before.cpuMillis()).isPositive();
        // At least this thread's 300 ms, less a clock tick (10 ms) at either read; other threads only add.
        assertThat(after.cpuMillis() - before.cpuMillis()).as("after %d turns", spin).isGreaterThanOrEqualTo(280L);
        assertThat(after.peakRssBytes()).isGreaterThan(1024L * 1024);
    }
}
