package net.backup.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C (SIGINT) and SIGTERM during a run: the first asks the run to stop cleanly (unfinished devices are
 * reported as interrupted, no partial file is left); a second one ends the process at once. A shutdown
 * hook could not do this: it runs while the JVM is already exiting and cannot set the exit code.
 * sun.misc.Signal is the JDK's supported-but-unofficial API for exactly this (module jdk.unsupported).
 */
final class StopSignals implements AutoCloseable {
    private static final List<String> NAMES = List.of("INT", "TERM");

    private final List<Signal> signals = new ArrayList<>();
    private final List<SignalHandler> previous = new ArrayList<>();
    private volatile Signal received;

    private StopSignals() {
    }

    /** @param onStop called once, on the signal's thread, with a reason such as {@code interrupted (SIGINT)} */
    static StopSignals install(Consumer<String> onStop) {
        var stop = new StopSignals();
        for (String name : NAMES) {
            try {
                Signal signal = new Signal(name);
                stop.previous.add(Signal.handle(signal, caught -> stop.handle(caught, onStop)));
                stop.signals.add(signal);
            } catch (IllegalArgumentException unsupported) {
                // Not on this platform (or the JVM reserves it): the default behaviour stays.
            }
        }
        return stop;
    }

    private void handle(Signal signal, Consumer<String> onStop) {
        if (received != null) {
            Runtime.getRuntime().halt(128 + signal.getNumber());
        }
        received = signal;
        System.err.println("backup: SIG" + signal.getName() + ": stopping; unfinished devices are reported as "
                + "interrupted (again to quit at once)");
        onStop.accept("interrupted (SIG" + signal.getName() + ")");
    }

    boolean stopped() {
        return received != null;
    }

    /** 130 for SIGINT, 143 for SIGTERM: the shell's convention for "ended by a signal". */
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
