package net.backup.run;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What happened to one device in one run. Every task returns one; nothing is thrown past the pool.
 *
 * @param bytes the size of the stored configuration; 0 when the device failed
 * @param error why the device failed, fit to print on its line; empty when it succeeded
 * @param cause  the kind of failure, for the JSON report and whatever acts on it; empty when it succeeded
 * @param notes  what went less than well without failing the device (a setup command it rejected), fit to
 *               print on its line
 */
public record DeviceResult(
        String name,
        String host,
        Status status,
        int attempts,
        Duration duration,
        long bytes,
        Optional<String> error,
        Optional<Cause> cause,
        List<String> notes) {

    public DeviceResult {
        if (error.isPresent() != (status == Status.FAILED) || cause.isPresent() != error.isPresent()) {
            throw new IllegalArgumentException("a failed device has an error and a cause, a stored one neither");
        }
        notes = List.copyOf(notes);
    }

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

    /**
     * Why a device failed, as a class a monitor can act on; the error message says the details. The names
     * are part of the JSON report ({@code "cause": "AUTHENTICATION"}), so they only ever grow.
     */
    public enum Cause {
        /** The device refused the credentials (password, key, keyboard-interactive answers). Never retried. */
        AUTHENTICATION,
        /** The device's host key is not the one on record, or is unknown under {@code strict}. Never retried. */
        HOST_KEY,
        /** The device went silent for longer than {@code connect_timeout} or {@code command_timeout}. */
        TIMEOUT,
        /** Refused, reset, unreachable, or the connection was lost. */
        NETWORK,
        /** The device answered with an error: a rejected save or enable, an unexpected question. */
        DEVICE_ERROR,
        /** What the device sent is not a complete configuration (truncated, garbage, a CLI error in it). */
        INVALID_OUTPUT,
        /**
         * Something could not be written on this machine (a full disk, a planted link, permissions): the backup,
         * or a new device's key in known_hosts. Never retried.
         */
        LOCAL_IO,
        /** The run stopped before the device finished: {@code --deadline}, Ctrl-C, SIGTERM. */
        CANCELLED,
        /** A bug in this tool; the error says what was thrown. */
        INTERNAL
    }

    public static DeviceResult stored(String name, String host, Status status, int attempts, Duration duration, long bytes) {
        if (status == Status.FAILED) {
            throw new IllegalArgumentException("a stored configuration cannot have failed");
        }
        return new DeviceResult(name, host, status, attempts, duration, bytes, Optional.empty(), Optional.empty(), List.of());
    }

    public DeviceResult withNotes(List<String> notes) {
        return new DeviceResult(name, host, status, attempts, duration, bytes, error, cause, notes);
    }

    public static DeviceResult failed(String name, String host, int attempts, Duration duration, Cause cause,
            String error) {
        return new DeviceResult(name, host, Status.FAILED, attempts, duration, 0, Optional.of(error), Optional.of(cause),
                List.of());
    }

    public boolean succeeded() {
        return status != Status.FAILED;
    }
}
