package net.backup.run;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import net.backup.inventory.Device;
import net.backup.session.KnownHosts;
import net.backup.session.OutputBudget;
import net.backup.session.SshAlgorithms;
import net.backup.session.SshConnector;
import net.backup.session.Watchdog;
import net.backup.store.ConfigStore;
import net.backup.store.Redactor;

/** Backs up a list of devices into a store: the wiring shared by {@code backup} and {@code backup demo}. */
public final class FleetBackup {
    private final KnownHosts knownHosts;
    private final ConfigStore store;
    private final Duration firstRetryDelay;
    private final long outputBudget;
    private final SshAlgorithms algorithms = SshAlgorithms.shared();
    private volatile BackupRun current;

    /** @param firstRetryDelay the pause before a device's first retry; each later one doubles */
    public FleetBackup(KnownHosts knownHosts, ConfigStore store, Duration firstRetryDelay) {
        this(knownHosts, store, firstRetryDelay, OutputBudget.defaultLimit());
    }

    /** @param outputBudget how much device output the run may hold in memory at once, in bytes */
    public FleetBackup(KnownHosts knownHosts, ConfigStore store, Duration firstRetryDelay, long outputBudget) {
        this.knownHosts = knownHosts;
        this.store = store;
        this.firstRetryDelay = firstRetryDelay;
        this.outputBudget = outputBudget;
    }

    /**
     * @param workers  1 for a sequential run
     * @param deadline how long the whole run may take
     * @throws Redactor.UnusableKeyException when a device is to be redacted and the directory's key is unusable;
     *         no device has been contacted then
     */
    public RunOutcome run(List<Device> devices, int workers, Optional<Duration> deadline, Consumer<DeviceResult> listener)
            throws IOException {
        long started = System.nanoTime();
        Optional<Redactor> redactor = devices.stream().anyMatch(Device::redact) ? Optional.of(redactor()) : Optional.empty();
        var budget = new OutputBudget(outputBudget);
        try (var watchdog = new Watchdog()) {
            var connector = new SshConnector(algorithms, knownHosts, watchdog);
            var run = new BackupRun((device, control) -> new DeviceBackup(device, connector::open, store,
                    RetryPolicy.of(device.retries(), firstRetryDelay), control,
                    device.redact() ? redactor : Optional.empty(), watchdog, budget), workers, listener);
            current = run;
            List<DeviceResult> results = run.run(devices, deadline);
            return new RunOutcome(results, Duration.ofNanos(System.nanoTime() - started));
        } finally {
            current = null;
        }
    }

    private Redactor redactor() throws IOException {
        return Redactor.forDirectory(store.directory());
    }

    /** From another thread: ends the run under way, failing its unfinished devices with {@code reason}. */
    public void stop(String reason) {
        BackupRun run = current;
        if (run != null) {
            run.stop(reason);
        }
    }
}
