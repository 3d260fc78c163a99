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

    public Scenario {
        workers = List.copyOf(workers);
    }

    /** The three settings {@code ./backup bench} runs: latency, cpu and scale. */
    public static List<Scenario> standard(int repeats) {
        return List.of(
                new Scenario("latency", 100, Duration.ofMillis(200), true, List.of(10, 25, 50, 100), repeats, false),
                new Scenario("cpu", 500, Duration.ZERO, false, List.of(50, 100, 200), repeats, false),
                new Scenario("scale", 1000, Duration.ZERO, false, List.of(200), repeats, true));
    }
}
