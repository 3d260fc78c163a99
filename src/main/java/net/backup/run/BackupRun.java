package net.backup.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import net.backup.inventory.Device;

/**
 * Runs one backup task per device on a fixed pool of workers and joins them all. {@code --sequential} is
 * this same run with one worker. Results reach the listener in the order devices finish, on the calling
 * thread, so the listener needs no locking.
 */
public final class BackupRun {
    private final Function<Device, Callable<DeviceResult>> tasks;
    private final int workers;
    private final Consumer<DeviceResult> listener;

    public BackupRun(Function<Device, Callable<DeviceResult>> tasks, int workers, Consumer<DeviceResult> listener) {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1");
        }
        this.tasks = tasks;
        this.workers = workers;
        this.listener = listener;
    }

    /** @return one result per device, in inventory order */
    public List<DeviceResult> run(List<Device> devices) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(workers, devices.size()), namedThreads());
        try {
            var completion = new ExecutorCompletionService<DeviceResult>(pool);
            Map<Future<DeviceResult>, Device> submitted = new LinkedHashMap<>();
            for (Device device : devices) {
                submitted.put(completion.submit(tasks.apply(device)), device);
            }
            Map<String, DeviceResult> byName = new LinkedHashMap<>();
            for (int i = 0; i < devices.size(); i++) {
                Future<DeviceResult> done = completion.take();
                DeviceResult result = resultOf(done, submitted.get(done));
                byName.put(result.name(), result);
                listener.accept(result);
            }
            var inOrder = new ArrayList<DeviceResult>(devices.size());
            devices.forEach(device -> inOrder.add(byName.get(device.name())));
            return inOrder;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Tasks return results rather than throw; this is the net under that promise. */
    private static DeviceResult resultOf(Future<DeviceResult> future, Device device) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            return DeviceResult.failed(device.name(), device.host(), 1, java.time.Duration.ZERO,
                    "internal error: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return DeviceResult.failed(device.name(), device.host(), 1, java.time.Duration.ZERO, "interrupted");
        }
    }

    private static java.util.concurrent.ThreadFactory namedThreads() {
        var counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "backup-worker-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
