package net.backup.session;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import net.backup.platform.Platform;
import net.backup.secret.Secret;

/**
 * What a session needs to reach a device and talk to it, and nothing else (no backup commands, retries or
 * redaction: those are the run's).
 *
 * @param platform         how the device's CLI reads: prompt, enable, the keyboard-interactive password prompt
 * @param enableSecret     empty when there is none; needed only for devices that log in to user mode
 * @param legacyAlgorithms also offer SHA-1 key exchange, ssh-rsa and CBC ciphers, for old devices
 */
public record ConnectionTarget(String host, int port, Login login, Optional<Secret> enableSecret, Platform platform,
        Timeouts timeouts, boolean legacyAlgorithms) {

    /**
     * @param password      for password and keyboard-interactive authentication; empty with key-only login
     * @param keyFile       a private key for public-key authentication, tried first
     * @param keyPassphrase the key file's passphrase, if it has one
     */
    public record Login(String username, Optional<Secret> password, Optional<Path> keyFile,
            Optional<Secret> keyPassphrase) {
    }

    /**
     * @param connect         how long the TCP connect and the SSH handshake may take, in wall time
     * @param command         how long a command may go without any output
     * @param commandDeadline how long one step (login, enable, a command) may take, however much the device sends
     */
    public record Timeouts(Duration connect, Duration command, Duration commandDeadline) {
    }
}
