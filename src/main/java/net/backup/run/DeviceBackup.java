package net.backup.run;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import net.backup.files.FileErrors;
import net.backup.inventory.Device;
import net.backup.time.Durations;
import net.backup.platform.Platform;
import net.backup.platform.RegexGuard;
import net.backup.platform.SaveStep;
import net.backup.session.CancelHook;
import net.backup.session.CliSession;
import net.backup.session.ConnectionTarget;
import net.backup.session.OutputBudget;
import net.backup.session.SessionException;
import net.backup.session.Watchdog;
import net.backup.store.ConfigStore;
import net.backup.store.ConfigValidator;
import net.backup.store.InvalidConfigException;
import net.backup.store.Redactor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Backs up one device: connect, save, turn the pager off, read the configuration, check it, store it;
 * tried again after transient failures. The same task runs on the pool and in {@code --sequential} mode.
 * It never throws: every outcome is a {@link DeviceResult}.
 */
public final class DeviceBackup implements Callable<DeviceResult> {
    private static final Logger LOG = LoggerFactory.getLogger(DeviceBackup.class);

    /** Opens a ready (prompt found, privileged) session to a device. */
    @FunctionalInterface
    public interface Connector {
        CliSession open(ConnectionTarget target, CancelHook hook, OutputBudget.Account account) throws SessionException;
    }

    /** What the session needs of {@code device}: where it is, how to log in, its CLI and its timeouts. */
    public static ConnectionTarget connectionTarget(Device device) {
        return new ConnectionTarget(device.host(), device.port(),
                new ConnectionTarget.Login(device.username(), device.password(), device.keyFile(), device.keyPassphrase()),
                device.enableSecret(), device.platform(),
                new ConnectionTarget.Timeouts(device.connectTimeout(), device.commandTimeout(), device.commandDeadline()),
                device.legacyAlgorithms());
    }

    private final Device device;
    private final Connector connector;
    private final ConfigStore store;
    private final RetryPolicy retry;
    private final TaskControl control;
    private final SplittableRandom jitter;
    private final Optional<Redactor> redactor;
    private final Watchdog watchdog;
    private final OutputBudget budget;
    /** Set by the device_deadline watch before it cancels the task, so the failure counts as a timeout. */
    private volatile boolean deadlinePassed;
    /** What the last attempt noted without failing (a setup command the device rejected): said on its line. */
    private final List<String> notes = new ArrayList<>();

    /**
     * @param redactor present when this device's secrets are to be replaced with markers before storing
     * @param watchdog times the device's own deadline (device_deadline)
     * @param budget   the run's output budget, shared by all devices
     */
    DeviceBackup(Device device, Connector connector, ConfigStore store, RetryPolicy retry, TaskControl control,
            Optional<Redactor> redactor, Watchdog watchdog, OutputBudget budget) {
        this.device = device;
        this.connector = connector;
        this.store = store;
        this.retry = retry;
        this.control = control;
        this.redactor = redactor;
        this.watchdog = watchdog;
        this.budget = budget;
        this.jitter = new SplittableRandom(System.nanoTime() ^ device.name().hashCode());
    }

    /**
     * The device's deadline runs from its first connection to its last byte, retries, pauses and checks
     * included: when it passes, the task is cancelled as a run's deadline would cancel it (the connection
     * closed, the patterns stopped, no file written), whatever the device is doing.
     */
    @Override
    public DeviceResult call() {
        long started = System.nanoTime();
        if (!control.markStarted()) {
            return failed(started, 1, cancelled(), control.reason());
        }
        try (Watchdog.Watch deadline = watchdog.watch(device.deviceDeadline(), () -> {
            deadlinePassed = true;
            control.cancel("not finished within " + Durations.setting(device.deviceDeadline()) + " (device_deadline)");
        })) {
            return attempts(started);
        }
    }

    private DeviceResult attempts(long started) {
        int attempt = 0;
        while (true) {
            attempt++;
            try (OutputBudget.Account account = budget.open(device.maxOutput())) {
                String config = ConfigValidator.validate(device.platform(), fetch(account), control, ownCommands());
                String stored = redactor.map(r -> r.redact(config, device.platform().secrets(), control)).orElse(config);
                ConfigStore.Written written = control.commit(() -> store.write(device.name(), stored, redactor.isPresent()));
                return DeviceResult.stored(device.name(), device.host(), DeviceResult.Status.valueOf(written.change().name()),
                        attempt, since(started), written.bytes()).withNotes(notes);
            } catch (SessionException e) {
                if (control.cancelled()) {
                    return failed(started, attempt, cancelled(), control.reason());
                }
                if (!e.retryable() || attempt > retry.retries()) {
                    return failed(started, attempt, causeOf(e), e.getMessage());
                }
                Duration delay = retry.delayAfter(attempt, jitter);
                if (since(started).plus(delay).compareTo(device.deviceDeadline()) >= 0) {
                    return failed(started, attempt, causeOf(e), e.getMessage()); // no time left for another attempt
                }
                LOG.info("{}: attempt {} failed ({}); trying again", device.name(), attempt, e.getMessage());
                if (!pauseBeforeRetry(delay)) {
                    return failed(started, attempt, cancelled(), control.reason());
                }
            } catch (InvalidConfigException e) {
                return failed(started, attempt, DeviceResult.Cause.INVALID_OUTPUT, e.getMessage());
            } catch (TaskControl.CancelledException e) {
                return failed(started, attempt, cancelled(), e.getMessage());
            } catch (RegexGuard.Stopped e) {
                return failed(started, attempt, cancelled(), control.reason());
            } catch (IOException e) {
                return failed(started, attempt, DeviceResult.Cause.LOCAL_IO,
                        "cannot write " + store.pathOf(device.name()) + ": " + FileErrors.describe(e));
            } catch (RuntimeException e) {
                LOG.error("unexpected failure backing up {}", device.name(), e);
                return failed(started, attempt, DeviceResult.Cause.INTERNAL, "internal error: " + e);
            }
        }
    }

    private boolean pauseBeforeRetry(Duration delay) {
        try {
            control.pause(delay);
            return true;
        } catch (TaskControl.CancelledException e) {
            return false;
        }
    }

    /** Whether the device runs its platform's backup commands, not its own {@code commands:}. */
    private boolean ownCommands() {
        return device.backupCommands().equals(device.platform().backupCommands());
    }

    /** The whole conversation; the session is closed before anything is written to disk. */
    private String fetch(OutputBudget.Account account) throws SessionException {
        Platform platform = device.platform();
        notes.clear();
        try (CliSession cli = connector.open(connectionTarget(device), control, account)) {
            for (SaveStep step : device.save() ? platform.saveCommands() : List.<SaveStep>of()) {
                String output = cli.run(step.command(), step.answers());
                var error = ConfigValidator.errorLine(platform, output, control);
                if (error.isPresent()) {
                    // Said whole: the running configuration could be read, but was not (probe M read this as a
                    // failed backup with no way round it).
                    throw new SessionException(SessionException.Cause.DEVICE, "'" + step.command() + "' failed: " + error.get()
                            + " (not backed up: the save comes first; --no-save or save: false backs up without it)");
                }
            }
            String output;
            if (platform.pipeline()) {
                var backup = new ArrayList<String>();
                List<String> outputs = cli.pipeline(platform.setupCommands(), device.backupCommands());
                int setup = platform.setupCommands().size();
                for (int i = 0; i < outputs.size(); i++) {
                    if (i < setup) {
                        warnIfRejected(platform.setupCommands().get(i), outputs.get(i));
                    } else {
                        backup.add(outputs.get(i));
                    }
                }
                output = eachOnItsLine(backup);
            } else {
                for (String command : platform.setupCommands()) {
                    warnIfRejected(command, cli.run(command));
                }
                output = captured(cli);
            }
            if (ConfigValidator.interrupted(platform, output, control)) {
                account.fetchingAgain();
                output = fetchedAgain(cli, output);
            }
            cli.checkInStep();
            return output;
        }
    }

    /** The backup commands' outputs, one command at a time, each on its own lines. */
    private String captured(CliSession cli) throws SessionException {
        var outputs = new ArrayList<String>();
        for (String command : device.backupCommands()) {
            outputs.add(cli.capture(command));
        }
        return eachOnItsLine(outputs);
    }

    /**
     * The backup commands once more, for an output a message of the device's interrupted (a log line, a
     * broadcast): dropped, it leaves no trace, but it may have cut a configuration line in two. An output without
     * one is taken; one with messages again only if, messages dropped, it is the first one to the byte (they came
     * between lines both times, or at the same place). Otherwise the device fails, to be tried again.
     */
    private String fetchedAgain(CliSession cli, String first) throws SessionException {
        LOG.debug("{}: messages of the device's in the output; fetching it again", device.name());
        String second = captured(cli);
        Platform platform = device.platform();
        Optional<String> firstStored = stored(platform, first);
        if (!ConfigValidator.interrupted(platform, second, control)
                || firstStored.isPresent() && firstStored.equals(stored(platform, second))) {
            return second;
        }
        throw SessionException.retried(SessionException.Cause.OUTPUT, "messages the device printed (log messages, "
                + "broadcasts) interrupted the output twice, in different places: one may have cut a configuration "
                + "line in two, so it was not stored (turn them off for the backup's sessions, e.g. IOS 'logging "
                + "synchronous' on its vty lines or 'no logging monitor')");
    }

    /** What the output would be stored as, if it is a configuration. */
    private Optional<String> stored(Platform platform, String output) {
        try {
            return Optional.of(ConfigValidator.validate(platform, output, control, ownCommands()));
        } catch (InvalidConfigException e) {
            return Optional.empty();
        }
    }

    /**
     * Each output followed by a newline, copied once into a string of exactly that length: a configuration is
     * tens or hundreds of KB, and a builder left to grow copied it several times over.
     */
    static String eachOnItsLine(List<String> outputs) {
        if (outputs.size() == 1) {
            return outputs.get(0).concat("\n");
        }
        var joined = new StringBuilder(outputs.stream().mapToInt(output -> output.length() + 1).sum());
        outputs.forEach(output -> joined.append(output).append('\n'));
        return joined.toString();
    }

    /** A cancelled task failed because of its own device_deadline (a timeout), or because the run was stopped. */
    private DeviceResult.Cause cancelled() {
        return deadlinePassed ? DeviceResult.Cause.TIMEOUT : DeviceResult.Cause.CANCELLED;
    }

    /**
     * A rejected setup command (an older image without terminal width) is no reason to give up; it is noted on
     * the device's line and in the report (its pager or wrapping, if it matters, fails the device anyway).
     */
    private void warnIfRejected(String command, String output) {
        ConfigValidator.errorLine(device.platform(), output, control).ifPresent(error ->
                notes.add("'" + command + "' was rejected (" + error + ")"));
    }

    private DeviceResult failed(long started, int attempts, DeviceResult.Cause cause, String error) {
        return DeviceResult.failed(device.name(), device.host(), attempts, since(started), cause, error);
    }

    /** The session's causes decide retries; the result's are what a monitor sees. */
    static DeviceResult.Cause causeOf(SessionException e) {
        return switch (e.failureCause()) {
            case NETWORK -> DeviceResult.Cause.NETWORK;
            case TIMEOUT -> DeviceResult.Cause.TIMEOUT;
            case AUTHENTICATION -> DeviceResult.Cause.AUTHENTICATION;
            case HOST_KEY -> DeviceResult.Cause.HOST_KEY;
            case DEVICE -> DeviceResult.Cause.DEVICE_ERROR;
            case OUTPUT -> DeviceResult.Cause.INVALID_OUTPUT;
            case LOCAL_IO -> DeviceResult.Cause.LOCAL_IO;
        };
    }

    private static Duration since(long started) {
        return Duration.ofNanos(System.nanoTime() - started);
    }
}
