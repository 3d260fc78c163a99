package net.backup.inventory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import net.backup.platform.Platform;
import net.backup.secret.Secret;

/**
 * One device of the inventory, with every value already resolved (device, then its groups in order,
 * then defaults) and validated.
 *
 * @param name             the device's name in the inventory; its backup is {@code <name>.cfg}
 * @param host             the address to connect to (the name when not set)
 * @param password         for password and keyboard-interactive authentication; empty with key-only login
 * @param enableSecret     empty when the inventory sets none; needed only for devices that log in to user mode
 * @param keyFile          a private key for public-key authentication, tried first
 * @param keyPassphrase    the key file's passphrase, if it has one
 * @param commandTimeout   how long a command may go without any output before the device fails
 * @param connectTimeout   how long the TCP connect and the SSH handshake may take
 * @param commandDeadline  how long one step (login, enable, a command) may take, however much the device sends
 * @param deviceDeadline   how long the whole backup of the device may take, from its first connection to its
 *                         last byte, retries and checks included
 * @param maxOutput        the most output one attempt may read from the device, in bytes
 * @param retries          attempts after the first, for transient failures only
 * @param legacyAlgorithms also offer SHA-1 key exchange, ssh-rsa and CBC ciphers, for old devices
 * @param redact           replace secrets in the configuration with markers before storing it
 * @param save             run the platform's save commands ({@code wr mem}) before the backup
 * @param backupCommands   the commands whose output is the backup: the platform's unless the inventory says
 */
public record Device(
        String name,
        String host,
        int port,
        String username,
        Optional<Secret> password,
        Optional<Secret> enableSecret,
        Optional<Path> keyFile,
        Optional<Secret> keyPassphrase,
        Platform platform,
        Duration commandTimeout,
        Duration connectTimeout,
        Duration commandDeadline,
        Duration deviceDeadline,
        long maxOutput,
        int retries,
        boolean legacyAlgorithms,
        boolean redact,
        boolean save,
        List<String> backupCommands) {

    public Device {
        backupCommands = List.copyOf(backupCommands);
    }

    /** What the command line sets for every device of a run; empty values leave the inventory's. */
    public record RunOverrides(Optional<Duration> connectTimeout, Optional<Duration> commandTimeout,
            Optional<Duration> commandDeadline, Optional<Duration> deviceDeadline, Optional<Long> maxOutput,
            Optional<Integer> retries, boolean redactAll, boolean noSave) {

        /** Only the timeouts, retries and switches of before the run-wide bounds. */
        public RunOverrides(Optional<Duration> connectTimeout, Optional<Duration> commandTimeout,
                Optional<Integer> retries, boolean redactAll, boolean noSave) {
            this(connectTimeout, commandTimeout, Optional.empty(), Optional.empty(), Optional.empty(), retries,
                    redactAll, noSave);
        }
    }

    /** The same device with the run's overrides: they win over the inventory; redaction and no-save only switch on. */
    public Device withOverrides(RunOverrides run) {
        return new Device(name, host, port, username, password, enableSecret, keyFile, keyPassphrase, platform,
                run.commandTimeout().orElse(commandTimeout), run.connectTimeout().orElse(connectTimeout),
                run.commandDeadline().orElse(commandDeadline), run.deviceDeadline().orElse(deviceDeadline),
                run.maxOutput().orElse(maxOutput), run.retries().orElse(retries), legacyAlgorithms, redact || run.redactAll(), save && !run.noSave(),
                backupCommands);
    }
}
