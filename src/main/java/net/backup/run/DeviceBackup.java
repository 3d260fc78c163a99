package net.backup.run;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Callable;
import net.backup.inventory.Device;
import net.backup.platform.Platform;
import net.backup.session.CliSession;
import net.backup.session.SessionException;
import net.backup.store.ConfigStore;
import net.backup.store.ConfigValidator;
import net.backup.store.InvalidConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Backs up one device: connect, save, turn the pager off, read the configuration, check it, store it. The
 * same task runs on the pool and in {@code --sequential} mode. It never throws: every outcome is a
 * {@link DeviceResult}.
 */
public final class DeviceBackup implements Callable<DeviceResult> {
    private static final Logger LOG = LoggerFactory.getLogger(DeviceBackup.class);

    /** Opens a ready (prompt found, privileged) session to a device. */
    @FunctionalInterface
    public interface Connector {
        CliSession open(Device device) throws SessionException;
    }

    private final Device device;
    private final Connector connector;
    private final ConfigStore store;

    public DeviceBackup(Device device, Connector connector, ConfigStore store) {
        this.device = device;
        this.connector = connector;
        this.store = store;
    }

    @Override
    public DeviceResult call() {
        long started = System.nanoTime();
        try {
            String config = ConfigValidator.validate(device.platform(), fetch());
            long bytes = store.write(device.name(), config);
            return DeviceResult.ok(device.name(), device.host(), 1, since(started), bytes);
        } catch (SessionException | InvalidConfigException e) {
            return failed(started, e.getMessage());
        } catch (IOException e) {
            return failed(started, "cannot write " + store.pathOf(device.name()) + ": " + e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("unexpected failure backing up {}", device.name(), e);
            return failed(started, "internal error: " + e);
        }
    }

    /** The whole conversation; the session is closed before anything is written to disk. */
    private String fetch() throws SessionException {
        Platform platform = device.platform();
        try (CliSession cli = connector.open(device)) {
            for (String command : platform.saveCommands()) {
                String output = cli.run(command);
                var error = ConfigValidator.errorLine(platform, output);
                if (error.isPresent()) {
                    throw new SessionException(SessionException.Cause.DEVICE, "'" + command + "' failed: " + error.get());
                }
            }
            for (String command : platform.setupCommands()) {
                ConfigValidator.errorLine(platform, cli.run(command)).ifPresent(error ->
                        LOG.warn("{}: '{}' was rejected ({}); carrying on", device.name(), command, error));
            }
            var backup = new StringBuilder();
            for (String command : platform.backupCommands()) {
                backup.append(cli.run(command)).append('\n');
            }
            return backup.toString();
        }
    }

    private DeviceResult failed(long started, String error) {
        return DeviceResult.failed(device.name(), device.host(), 1, since(started), error);
    }

    private static Duration since(long started) {
        return Duration.ofNanos(System.nanoTime() - started);
    }
}
