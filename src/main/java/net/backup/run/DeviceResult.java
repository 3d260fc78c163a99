package net.backup.run;

import java.time.Duration;
import java.util.Optional;

/**
 * What happened to one device in one run. Every task returns one; nothing is thrown past the pool.
 *
 * @param bytes the size of the stored configuration; 0 when the device failed
 * @param error why the device failed, fit to print on its line; empty when it succeeded
 */
public record DeviceResult(
        String name,
        String host,
        Status status,
        int attempts,
        Duration duration,
        long bytes,
        Optional<String> error) {

    /** How a device's backup ended. */
    public enum Status { OK, FAILED }

    public static DeviceResult ok(String name, String host, int attempts, Duration duration, long bytes) {
        return new DeviceResult(name, host, Status.OK, attempts, duration, bytes, Optional.empty());
    }

    public static DeviceResult failed(String name, String host, int attempts, Duration duration, String error) {
        return new DeviceResult(name, host, Status.FAILED, attempts, duration, 0, Optional.of(error));
    }

    public boolean succeeded() {
        return status == Status.OK;
    }
}
