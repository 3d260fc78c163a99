package net.backup.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import net.backup.inventory.Device;
import net.backup.secret.Secret;
import net.backup.platform.Platforms;
import org.junit.jupiter.api.Test;

/**
 * What a stopped run (a deadline, Ctrl-C) reports, driven by latches rather than by a clock: the deadline
 * and a stop end a run the same way, so stopping it at a chosen moment shows what a deadline would.
 */
class BackupRunStopTest {
    private static final long LIMIT_SECONDS = 30;

    private static Device device(String name) {
        return new Device(name, name, 22, "u", Optional.of(Secret.of("p")), Optional.empty(), Optional.empty(),
                Optional.empty(), Platforms.CISCO_IOS, Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofMinutes(1),
                Duration.ofMinutes(1), 1024 * 1024, 0, false, false, true,
                Platforms.CISCO_IOS.backupCommands());
    }

    @Test
    void aStopFailsTheUnfinishedDeviceAndKeepsWhatTheFinishedOneDid() throws Exception {
        var hungStarted = new CountDownLatch(1);
        var hungWoken = new CountDownLatch(1);
        var holder = new BackupRun[1];
        DeviceResult done = DeviceResult.stored("done", "done", DeviceResult.Status.NEW, 1, Duration.ZERO, 10);
        var run = new BackupRun((device, control) -> () -> {
            control.markStarted();
            if (device.name().equals("hung")) {
                control.attach(hungWoken::countDown); // closing the "connection" is what wakes a blocked session
                hungStarted.countDown();
                hungWoken.await(LIMIT_SECONDS, TimeUnit.SECONDS);
                return DeviceResult.failed("hung", "hung", 1, Duration.ZERO, DeviceResult.Cause.NETWORK, "connection closed");
            }
            hungStarted.await(LIMIT_SECONDS, TimeUnit.SECONDS);
            return done;
        }, 2, result -> {
            if (result.name().equals("done")) {
                holder[0].stop("deadline reached (--deadline 1 s)");
            }
        });
        holder[0] = run;

        List<DeviceResult> results = run.run(List.of(device("hung"), device("done")), Optional.empty());

        assertThat(results.get(0).error()).contains("deadline reached (--deadline 1 s)");
        assertThat(results.get(0).cause()).contains(DeviceResult.Cause.CANCELLED);
        assertThat(results.get(1)).isEqualTo(done);
        assertThat(hungWoken.await(LIMIT_SECONDS, TimeUnit.SECONDS)).as("the hung task was woken").isTrue();
    }
}
