package net.backup.run;

import java.time.Duration;
import java.util.List;

/** A whole run: one result per device, in inventory order, and how long the run took. */
public record RunOutcome(List<DeviceResult> results, Duration elapsed) {
    public RunOutcome {
        results = List.copyOf(results);
    }

    public boolean allSucceeded() {
        return results.stream().allMatch(DeviceResult::succeeded);
    }
}
