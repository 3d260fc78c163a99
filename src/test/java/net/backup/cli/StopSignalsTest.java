package net.backup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import sun.misc.Signal;

/**
 * What a signal does at each stage of a run, with real signals raised in this process (the handlers are ours
 * while the test runs, and the JVM's again after it). After the last device a SIGTERM no longer stops anything
 * (there is nothing left to stop), but the history commit and the report go on and the run ends with 143: the
 * handlers were gone by then, and such a signal was a silent exit without commit or report (probe I). A signal
 * that came between two runs of devices (the demo's) stops the next at once.
 */
class StopSignalsTest {
    private static boolean stoppedWithin(StopSignals signals, long seconds) {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!signals.stopped() && System.nanoTime() < until) {
            Thread.onSpinWait(); // the handler runs on the JVM's signal thread
        }
        return signals.stopped();
    }

    @Test
    void aSignalWhileFinishingStopsNothingAndSetsTheExitCode() {
        List<String> stops = new CopyOnWriteArrayList<>();
        try (StopSignals signals = StopSignals.install(stops::add)) {
            signals.finishing();

            Signal.raise(new Signal("TERM"));

            assertThat(stoppedWithin(signals, 30)).isTrue();
            assertThat(signals.exitCode()).isEqualTo(143);
            assertThat(stops).isEmpty();
        }
    }

    @Test
    void aSignalBeforeTheNextDevicesStopsThemAtOnce() {
        List<String> stops = new CopyOnWriteArrayList<>();
        try (StopSignals signals = StopSignals.install(reason -> { })) {
            signals.finishing();
            Signal.raise(new Signal("TERM"));
            assertThat(stoppedWithin(signals, 30)).isTrue();

            signals.devicesRunning(stops::add);

            assertThat(stops).containsExactly("interrupted (SIGTERM)");
        }
    }
}
