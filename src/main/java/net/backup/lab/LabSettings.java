package net.backup.lab;

import java.time.Duration;

/**
 * How every device of a lab behaves.
 *
 * @param latency     think time before each answer
 * @param jitter      up to this much more, at random
 * @param seed        makes configurations (and random faults) the same from run to run
 * @param username    the lab's login
 * @param password    the lab's password
 * @param enableSecret the lab's enable secret
 */
public record LabSettings(Duration latency, Duration jitter, long seed, String username, String password,
        String enableSecret) {

    public static final String USERNAME = "ntc";
    public static final String PASSWORD = "ntc123";
    public static final String ENABLE_SECRET = "ntc123";

    public static LabSettings defaults() {
        return new LabSettings(Duration.ZERO, Duration.ZERO, 1, USERNAME, PASSWORD, ENABLE_SECRET);
    }

    public LabSettings withLatency(Duration latency, Duration jitter) {
        return new LabSettings(latency, jitter, seed, username, password, enableSecret);
    }
}
