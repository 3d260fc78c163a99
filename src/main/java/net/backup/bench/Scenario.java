package net.backup.bench;

import java.time.Duration;
import java.util.List;

/**
 * One benchmark setting: a lab of {@code devices} answering after {@code latency}, backed up with each
 * worker count (and {@code --sequential} if asked), {@code repeats} times each.
 *
 * @param verifyConfigs check every stored file against the configuration the lab serves
 */
public record Scenario(String name, int devices, Duration latency, boolean sequential, List<Integer> workers,
        int repeats, boolean verifyConfigs) {
    /**
     * Round trips of one device as the lab's IOS is set up (user mode, enable secret): enable, the secret,
     * terminal length 0, write memory, show running-config. RoundTripsTest counts them at the device.
     */
    public static final int ROUND_TRIPS = 5;
    /** The startup scenario: one device at no latency against {@code --version}. */
    public static final String STARTUP = "startup";


    public Scenario {
        workers = List.copyOf(workers);
    }

    /** The settings {@code ./backup bench} runs: startup, latency, cpu and scale. */
    public static List<Scenario> standard(int repeats) {
        return List.of(
                // Starts are short and noisy: three times the repeats.
                new Scenario(STARTUP, 1, Duration.ZERO, false, List.of(1), repeats * 3, false),
                new Scenario("latency", 100, Duration.ofMillis(200), true, List.of(10, 25, 50, 100), repeats, false),
                new Scenario("cpu", 500, Duration.ZERO, false, List.of(50, 100, 200), repeats, false),
                new Scenario("scale", 1000, Duration.ZERO, false, List.of(200), repeats, true));
    }
}
