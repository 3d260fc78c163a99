package net.backup.run;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import net.backup.inventory.Device;
import net.backup.time.Durations;

/**
 * Runs one backup task per device on a fixed pool of workers and joins them all. {@code --sequential} is
 * this same run with one worker. Results reach the listener in the order devices finish, on the calling
 * thread, so the listener needs no locking. A deadline or {@link #stop} fails every unfinished device
 * at once and ends the run; a device whose file is already being written is let finish.
 */
public final class BackupRun {
    /** Makes the task for one device, given the control through which the run may cancel it. */
    @FunctionalInterface
    public interface TaskFactory {
        Callable<DeviceResult> create(Device device, TaskControl control);
    }

    private final TaskFactory tasks;
    private final int workers;
    private final Consumer<DeviceResult> listener;
    private volatile Thread runner;
    private volatile String stopReason;

    public BackupRun(TaskFactory tasks, int workers, Consumer<DeviceResult> listener) {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1");
        }
        this.tasks = tasks;
        this.workers = workers;
        this.listener = listener;
    }

    /** One device of the run while it is under way. */
    private record Entry(Device device, TaskControl control, Future<DeviceResult> future) {
    }

    /**
     * @param deadline how long the whole run may take; devices unfinished by then fail
     * @return one result per device, in inventory order
     */
    public List<DeviceResult> run(List<Device> devices, Optional<Duration> deadline) {
        runner = Thread.currentThread();
        long started = System.nanoTime();
        long deadlineNanos = deadline.map(d -> started + d.toNanos()).orElse(Long.MAX_VALUE);
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(workers, devices.size()), namedThreads());
        try {
            var completion = new ExecutorCompletionService<DeviceResult>(pool);
            Map<Future<DeviceResult>, Entry> pending = new LinkedHashMap<>();
            for (Device device : devices) {
                var control = new TaskControl();
                Future<DeviceResult> future = completion.submit(tasks.create(device, control));
                pending.put(future, new Entry(device, control, future));
            }
            Map<String, DeviceResult> byName = new LinkedHashMap<>();
            while (!pending.isEmpty()) {
                Future<DeviceResult> done = next(completion, deadlineNanos);
                if (done == null) {
                    String why = stopReason != null ? stopReason
                            : "deadline reached (--deadline " + Durations.setting(deadline.orElseThrow()) + ")";
                    failUnfinished(pending, byName, why, started);
                    break;
                }
                Entry entry = pending.remove(done);
                report(resultOf(entry), byName);
            }
            var inOrder = new ArrayList<DeviceResult>(devices.size());
            devices.forEach(device -> inOrder.add(byName.get(device.name())));
            return inOrder;
        } finally {
            pool.shutdownNow();
            runner = null;
        }
    }

    /** From another thread (Ctrl-C, SIGTERM): fails every unfinished device with {@code reason} and ends the run. */
    public void stop(String reason) {
        stopReason = reason;
        Thread thread = runner;
        if (thread != null) {
            thread.interrupt();
        }
    }

    /** The next finished task, or null once the deadline passes or a stop is requested. */
    private Future<DeviceResult> next(ExecutorCompletionService<DeviceResult> completion, long deadlineNanos) {
        try {
            if (stopReason != null) {
                return null;
            }
            return deadlineNanos == Long.MAX_VALUE ? completion.take()
                    : completion.poll(deadlineNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            if (stopReason == null) {
                stopReason = "interrupted";
            }
            return null;
        }
    }

    private void failUnfinished(Map<Future<DeviceResult>, Entry> pending, Map<String, DeviceResult> byName,
            String why, long runStarted) {
        Thread.interrupted(); // the stop was delivered; waiting for committed tasks below must not be cut short
        // Which tasks had started is read before any is cancelled: a cancelled task frees its worker, which
        // would otherwise pick up a queued device and make it look started.
        Map<Entry, Boolean> started = new LinkedHashMap<>();
        pending.values().forEach(entry -> started.put(entry, entry.control().started()));
        for (Entry entry : pending.values()) {
            boolean wasStarted = started.get(entry);
            if (entry.control().cancel(why)) {
                Duration elapsed = wasStarted ? Duration.ofNanos(System.nanoTime() - runStarted) : Duration.ZERO;
                report(DeviceResult.failed(entry.device().name(), entry.device().host(), 1, elapsed,
                        DeviceResult.Cause.CANCELLED, wasStarted ? why : "not started: " + why), byName);
            } else {
                report(resultOf(entry), byName); // its file is being written: let it finish
            }
        }
    }

    private void report(DeviceResult result, Map<String, DeviceResult> byName) {
        byName.put(result.name(), result);
        listener.accept(result);
    }

    /** Tasks return results rather than throw; this is the net under that promise. */
    private static DeviceResult resultOf(Entry entry) {
        Device device = entry.device();
        try {
            return entry.future().get();
        } catch (ExecutionException e) {
            return DeviceResult.failed(device.name(), device.host(), 1, Duration.ZERO, DeviceResult.Cause.INTERNAL,
                    "internal error: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return DeviceResult.failed(device.name(), device.host(), 1, Duration.ZERO, DeviceResult.Cause.CANCELLED,
                    "interrupted");
        }
    }

    private static ThreadFactory namedThreads() {
        var counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "backup-worker-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
