package net.backup.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C (SIGINT), SIGTERM and SIGHUP (the terminal went away) during a run: the first asks the run to stop
 * cleanly (unfinished devices are reported as interrupted, no partial file is left); once the devices are done,
 * it lets the history commit and the report finish first, then the run ends with the signal's exit code; a
 * second one ends the process at once. A shutdown hook could not do this: it runs while the JVM is already
 * exiting and cannot set the exit code. sun.misc.Signal is the JDK's supported-but-unofficial API for exactly
 * this (module jdk.unsupported).
 */
final class StopSignals implements AutoCloseable {
    private static final List<String> NAMES = List.of("INT", "TERM", "HUP");

    private final List<Signal> signals = new ArrayList<>();
    private final List<SignalHandler> previous = new ArrayList<>();
    private volatile Signal received;
    private volatile Consumer<String> onStop;
    private volatile String whatHappens;

    private StopSignals(Consumer<String> onStop) {
        this.onStop = onStop;
        whatHappens = "stopping; unfinished devices are reported as interrupted";
    }

    /** @param onStop called once, on the signal's thread, with a reason such as {@code interrupted (SIGINT)} */
    static StopSignals install(Consumer<String> onStop) {
        var stop = new StopSignals(onStop);
        for (String name : NAMES) {
            try {
                Signal signal = new Signal(name);
                SignalHandler before = Signal.handle(signal, caught -> stop.handle(caught));
                if (before == SignalHandler.SIG_IGN) {
                    Signal.handle(signal, before); // ignored when the JVM started (nohup): it stays ignored
                    continue;
                }
                stop.previous.add(before);
                stop.signals.add(signal);
            } catch (IllegalArgumentException unsupported) {
                // Not on this platform (or the JVM reserves it): the default behaviour stays.
            }
        }
        return stop;
    }

    /**
     * While devices are being backed up: a signal stops them through {@code onStop}; one that came before (between
     * the demo's two runs) stops them at once.
     */
    void devicesRunning(Consumer<String> stop) {
        onStop = stop;
        whatHappens = "stopping; unfinished devices are reported as interrupted";
        Signal came = received;
        if (came != null) {
            stop.accept("interrupted (SIG" + came.getName() + ")");
        }
    }

    /**
     * After the last device: the backups are stored, and what is left (the history's commit, the report) is
     * short and better finished than cut off. A signal now only sets the exit code (a run's SIGTERM after its
     * last device was a silent exit without commit or report, probe I).
     */
    void finishing() {
        onStop = reason -> { };
        whatHappens = "the devices are done; the history commit and the report are finished first";
    }

    private void handle(Signal signal) {
        if (received != null) {
            Runtime.getRuntime().halt(128 + signal.getNumber());
        }
        received = signal;
        System.err.println("backup: SIG" + signal.getName() + ": " + whatHappens + " (again to quit at once)");
        onStop.accept("interrupted (SIG" + signal.getName() + ")");
    }

    boolean stopped() {
        return received != null;
    }

    /** 130 for SIGINT, 143 for SIGTERM, 129 for SIGHUP: the shell's convention for "ended by a signal". */
    int exitCode() {
        return 128 + received.getNumber();
    }

    @Override
    public void close() {
        for (int i = 0; i < signals.size(); i++) {
            Signal.handle(signals.get(i), previous.get(i));
        }
    }
}
