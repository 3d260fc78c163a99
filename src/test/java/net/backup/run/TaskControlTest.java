package net.backup.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.Closeable;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TaskControlTest {
    private final TaskControl control = new TaskControl();

    /** Counts its closes; the second one throws, as a half-closed connection may. */
    private static final class Resource implements Closeable {
        final AtomicInteger closes = new AtomicInteger();

        @Override
        public void close() {
            if (closes.incrementAndGet() > 1) {
                throw new IllegalStateException("already closed");
            }
        }
    }

    @Test
    void aTaskCancelledBeforeItStartsMustNotContactItsDevice() {
        assertThat(control.cancel("deadline reached")).isTrue();

        assertThat(control.markStarted()).isFalse();
        assertThat(control.started()).isTrue();
        assertThat(control.reason()).isEqualTo("deadline reached");
    }

    @Test
    void cancellingClosesWhatTheTaskAttachedAndWhatItAttachesLater() {
        var early = new Resource();
        var late = new Resource();
        control.attach(early);

        assertThat(control.cancel("interrupted (SIGINT)")).isTrue();
        control.attach(late);

        assertThat(early.closes).hasValue(1);
        assertThat(late.closes).hasValue(1);
        assertThat(control.cancelled()).isTrue();
    }

    @Test
    void theFirstReasonWinsAndResourcesAreClosedOnce() {
        var resource = new Resource();
        control.attach(resource);

        control.cancel("deadline reached");
        assertThat(control.cancel("interrupted (SIGTERM)")).isTrue();

        assertThat(control.reason()).isEqualTo("deadline reached");
        assertThat(resource.closes).hasValue(1);
    }

    @Test
    void aCancelledTaskNeverWritesItsFile() {
        var writes = new AtomicInteger();
        control.cancel("deadline reached");

        assertThatThrownBy(() -> control.commit(writes::incrementAndGet))
                .isInstanceOf(TaskControl.CancelledException.class).hasMessage("deadline reached");
        assertThat(writes).hasValue(0);
    }

    @Test
    void onceTheFileIsWrittenTheTaskCanNoLongerBeCancelled() throws Exception {
        var resource = new Resource();
        control.attach(resource);

        assertThat(control.commit(() -> "written")).isEqualTo("written");

        assertThat(control.cancel("deadline reached")).isFalse();
        assertThat(control.cancelled()).isFalse();
        assertThat(resource.closes).hasValue(0);
    }

    @Test
    void aPauseEndsEarlyWhenTheTaskIsCancelled() throws Exception {
        var pause = CompletableFuture.runAsync(() -> {
            try {
                control.pause(Duration.ofHours(1));
            } catch (TaskControl.CancelledException e) {
                throw new IllegalStateException(e.getMessage());
            }
        });

        control.cancel("interrupted (SIGINT)");

        assertThatThrownBy(() -> pause.get(30, TimeUnit.SECONDS)).hasRootCauseMessage("interrupted (SIGINT)");
    }

    @Test
    void aPauseOfNothingReturnsAtOnceAndAnInterruptedOneCancelsTheTask() throws Exception {
        control.pause(Duration.ZERO);

        Thread.currentThread().interrupt();
        assertThatThrownBy(() -> control.pause(Duration.ofHours(1))).isInstanceOf(TaskControl.CancelledException.class)
                .hasMessage("interrupted");
        assertThat(Thread.interrupted()).as("the interrupt is kept for the caller").isTrue();
        assertThat(control.cancelled()).isTrue();
    }
}
