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

    /** How a device's backup ended, compared with the backup it had before. */
    public enum Status {
        /** Backed up for the first time. */
        NEW,
        /** Backed up, and different from the previous backup. */
        CHANGED,
        /** Backed up, and the same as the previous backup: the file was not rewritten. */
        UNCHANGED,
        /** Not backed up; the previous file, if any, is untouched. */
        FAILED
    }

    public static DeviceResult stored(String name, String host, Status status, int attempts, Duration duration, long bytes) {
        if (status == Status.FAILED) {
            throw new IllegalArgumentException("a stored configuration cannot have failed");
        }
        return new DeviceResult(name, host, status, attempts, duration, bytes, Optional.empty());
    }

    public static DeviceResult failed(String name, String host, int attempts, Duration duration, String error) {
        return new DeviceResult(name, host, Status.FAILED, attempts, duration, 0, Optional.of(error));
    }

    public boolean succeeded() {
        return status != Status.FAILED;
    }
}
