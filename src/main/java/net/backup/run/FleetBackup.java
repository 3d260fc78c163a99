package net.backup.run;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import net.backup.inventory.Device;
import net.backup.session.KnownHosts;
import net.backup.session.SshConnector;
import net.backup.session.Watchdog;
import net.backup.store.ConfigStore;

/** Backs up a list of devices into a store: the wiring shared by {@code backup} and {@code backup demo}. */
public final class FleetBackup {
    private final KnownHosts knownHosts;
    private final ConfigStore store;

    public FleetBackup(KnownHosts knownHosts, ConfigStore store) {
        this.knownHosts = knownHosts;
        this.store = store;
    }

    /** @param workers 1 for a sequential run */
    public RunOutcome run(List<Device> devices, int workers, Consumer<DeviceResult> listener) throws InterruptedException {
        long started = System.nanoTime();
        try (var watchdog = new Watchdog()) {
            var connector = new SshConnector(knownHosts, watchdog);
            var run = new BackupRun(device -> new DeviceBackup(device, connector::open, store), workers, listener);
            List<DeviceResult> results = run.run(devices);
            return new RunOutcome(results, Duration.ofNanos(System.nanoTime() - started));
        }
    }
}
