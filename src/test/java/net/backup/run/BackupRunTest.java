package net.backup.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import net.backup.inventory.Device;
import net.backup.secret.Secret;
import net.backup.platform.Platforms;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;

class BackupRunTest {
    private static Device device(String name) {
        return new Device(name, name, 22, "u", Optional.of(Secret.of("p")), Optional.empty(), Optional.empty(),
                Optional.empty(), Platforms.CISCO_IOS, Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofMinutes(1), Duration.ofMinutes(1),
                1024 * 1024, 0, false, false, true,
                Platforms.CISCO_IOS.backupCommands());
    }

    @Test
    void reportsResultsAsDevicesFinishAndReturnsThemInInventoryOrder() throws Exception {
        var fastReported = new CountDownLatch(1);
        @SuppressWarnings("unchecked")
        Consumer<DeviceResult> listener = mock(Consumer.class);
        DeviceResult slow = DeviceResult.stored("slow", "slow", DeviceResult.Status.NEW, 1, Duration.ZERO, 10);
        DeviceResult fast = DeviceResult.stored("fast", "fast", DeviceResult.Status.NEW, 1, Duration.ZERO, 20);
        doAnswer(call -> {
            fastReported.countDown();
            return null;
        }).when(listener).accept(fast);

        var run = new BackupRun((device, control) -> () -> {
            if (device.name().equals("slow")) {
                // Finishes only once the other device has been reported: the order is forced, not timed.
                fastReported.await(10, TimeUnit.SECONDS);
                return slow;
            }
            return fast;
        }, 2, listener);
        List<DeviceResult> results = run.run(List.of(device("slow"), device("fast")), Optional.empty());

        assertThat(results).containsExactly(slow, fast);
        InOrder order = inOrder(listener);
        order.verify(listener).accept(fast);
        order.verify(listener).accept(slow);
    }

    @Test
    void aTaskThatThrowsBecomesAFailedResultAndTheOthersStillRun() throws Exception {
        @SuppressWarnings("unchecked")
        Consumer<DeviceResult> listener = mock(Consumer.class);
        var run = new BackupRun((device, control) -> () -> {
            if (device.name().equals("bad")) {
                throw new IllegalStateException("boom");
            }
            return DeviceResult.stored(device.name(), device.host(), DeviceResult.Status.NEW, 1, Duration.ZERO, 1);
        }, 1, listener);

        List<DeviceResult> results = run.run(List.of(device("bad"), device("good")), Optional.empty());

        assertThat(results).extracting(DeviceResult::status)
                .containsExactly(DeviceResult.Status.FAILED, DeviceResult.Status.NEW);
        assertThat(results.get(0).error()).hasValueSatisfying(error -> assertThat(error).contains("boom"));
    }
}
