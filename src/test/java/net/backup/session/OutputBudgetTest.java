package net.backup.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The run's output budget, with threads standing in for devices. Whether a device waits is seen through
 * the question it asks while waiting, never through timing.
 */
class OutputBudgetTest {
    private static final long NO_DEVICE_LIMIT = Long.MAX_VALUE;

    @Test
    void aDeviceFailsPastItsOwnLimitWhateverTheBudgetHolds() throws Exception {
        var budget = new OutputBudget(1000);
        try (var account = budget.open(100)) {
            account.take(100, () -> true);
            assertThatThrownBy(() -> account.take(1, () -> true)).isInstanceOf(PromptReader.OutputTooLargeException.class)
                    .hasMessage("output too large: more than 100 bytes (max_output)");
        }
    }

    @Test
    void aDeviceAloneThatWouldSpendMoreThanTheBudgetFails() throws Exception {
        var budget = new OutputBudget(100);
        try (var account = budget.open(NO_DEVICE_LIMIT)) {
            account.take(80, () -> true);
            assertThatThrownBy(() -> account.take(30, () -> true)).isInstanceOf(PromptReader.OutputTooLargeException.class)
                    .hasMessage("output too large: 80 bytes held, the most of any device, when the run's output budget of "
                            + "100 bytes (--output-budget) was spent");
        }
    }

    @Test
    void aDeviceThatFindsTheBudgetSpentWaitsWhileTheOneHoldingTheMostGivesItBack() throws Exception {
        var budget = new OutputBudget(100);
        var flood = budget.open(NO_DEVICE_LIMIT);
        flood.take(70, () -> true);
        try (var healthy = budget.open(NO_DEVICE_LIMIT)) {
            var waiting = new CountDownLatch(1);
            CompletableFuture<Void> taken = CompletableFuture.runAsync(() -> take(healthy, 40, waiting));
            assertThat(waiting.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(taken).isNotDone();

            assertThatThrownBy(() -> flood.take(1, () -> true)).isInstanceOf(PromptReader.OutputTooLargeException.class)
                    .hasMessageStartingWith("output too large: 70 bytes held, the most of any device");
            flood.close(); // the failed device's attempt ends and gives its output back

            taken.get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void theDeviceHoldingTheMostFailsAtOnceWhenItFindsTheBudgetSpent() throws Exception {
        var budget = new OutputBudget(100);
        try (var flood = budget.open(NO_DEVICE_LIMIT); var healthy = budget.open(NO_DEVICE_LIMIT)) {
            flood.take(70, () -> true);
            healthy.take(20, () -> true);

            assertThatThrownBy(() -> flood.take(20, () -> true)).isInstanceOf(PromptReader.OutputTooLargeException.class)
                    .hasMessageStartingWith("output too large: 70 bytes held, the most of any device");
            healthy.take(10, () -> true); // room enough without waiting
        }
    }

    private static void take(OutputBudget.Account account, int bytes, CountDownLatch waiting) {
        try {
            account.take(bytes, () -> {
                waiting.countDown();
                return true;
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
