package net.backup.session;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import net.backup.inventory.Device;
import net.backup.inventory.Secret;
import net.schmizz.sshj.Config;
import net.schmizz.sshj.DefaultConfig;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.transport.TransportException;
import net.schmizz.sshj.userauth.UserAuthException;
import net.schmizz.sshj.userauth.method.AuthKeyboardInteractive;
import net.schmizz.sshj.userauth.method.AuthMethod;
import net.schmizz.sshj.userauth.method.AuthPassword;
import net.schmizz.sshj.userauth.password.PasswordFinder;
import net.schmizz.sshj.userauth.password.PasswordUtils;
import net.schmizz.sshj.userauth.password.Resource;

/**
 * Opens {@link CliSession}s. Holds what all connections share: one sshj {@link Config} (building it
 * probes every algorithm, so it is done once), the known_hosts file and the watchdog.
 */
public final class SshConnector {
    /** Wide enough that no device wraps a long config line; IOS accepts up to 512 columns. */
    private static final int TERMINAL_COLUMNS = 511;
    private static final int TERMINAL_ROWS = 24;

    private final Config config;
    private final KnownHosts knownHosts;
    private final Watchdog watchdog;

    public SshConnector(KnownHosts knownHosts, Watchdog watchdog) {
        this(new DefaultConfig(), knownHosts, watchdog);
    }

    SshConnector(Config config, KnownHosts knownHosts, Watchdog watchdog) {
        this.config = config;
        this.knownHosts = knownHosts;
        this.watchdog = watchdog;
    }

    /**
     * Connects, verifies the host key, authenticates, opens a PTY shell, finds the prompt and reaches
     * privileged mode.
     */
    public CliSession open(Device device) throws SessionException {
        var client = new SSHClient(config);
        try {
            connect(client, device);
            authenticate(client, device);
            Session session = client.startSession();
            session.allocatePTY("vt100", TERMINAL_COLUMNS, TERMINAL_ROWS, 0, 0, Map.of());
            Session.Shell shell = session.startShell();
            Watchdog.Watch watch = watchdog.watch(device.commandTimeout(), () -> closeQuietly(client));
            var cli = new CliSession(client, session, shell, device.platform(), watch);
            try {
                cli.findPrompt();
                cli.enable(device.enableSecret());
                return cli;
            } catch (SessionException | RuntimeException e) {
                cli.close();
                throw e;
            }
        } catch (SessionException e) {
            closeQuietly(client);
            throw e;
        } catch (IOException | RuntimeException e) {
            closeQuietly(client);
            throw new SessionException(SessionException.Cause.NETWORK, SshErrors.describe(e), e);
        }
    }

    private void connect(SSHClient client, Device device) throws SessionException {
        KnownHosts.Check check = knownHosts.check();
        client.addHostKeyVerifier(check);
        client.setConnectTimeout(millis(device.connectTimeout()));
        // Bounds idle socket reads, and sshj's own waits (key exchange, authentication, channel open).
        client.setTimeout(millis(device.commandTimeout()));
        client.getTransport().setTimeoutMs(millis(device.commandTimeout()));
        try {
            client.connect(device.host(), device.port());
            // A CLI conversation is many small writes (a command, a space for the pager): no Nagle delay.
            client.getSocket().setTcpNoDelay(true);
        } catch (TransportException e) {
            if (check.outcome() == KnownHosts.Outcome.CHANGED || check.outcome() == KnownHosts.Outcome.UNKNOWN) {
                throw new SessionException(SessionException.Cause.HOST_KEY, check.explain(device.host(), device.port()), e);
            }
            throw new SessionException(SessionException.Cause.NETWORK, "SSH handshake failed: " + SshErrors.describe(e), e);
        } catch (IOException e) {
            String what = SshErrors.describe(e);
            if (what.equals("timed out")) {
                what = "connect timed out after " + device.connectTimeout().toSeconds() + " s (connect_timeout)";
            }
            throw new SessionException(SessionException.Cause.NETWORK, what, e);
        }
    }

    /** Password first; many IOS images offer only keyboard-interactive, which is answered with the password. */
    private static void authenticate(SSHClient client, Device device) throws SessionException {
        List<AuthMethod> methods = List.of(
                new AuthPassword(oneOff(device.password())),
                new AuthKeyboardInteractive(new PasswordPrompts(device.password())));
        try {
            client.auth(device.username(), methods);
        } catch (UserAuthException e) {
            if (!client.getTransport().isRunning()) {
                // The device hung up while we were authenticating: that is the network, not the password.
                throw new SessionException(SessionException.Cause.NETWORK,
                        "connection lost during authentication: " + SshErrors.describe(e), e);
            }
            throw new SessionException(SessionException.Cause.AUTHENTICATION,
                    "authentication failed for user '" + device.username() + "'", e);
        } catch (TransportException e) {
            throw new SessionException(SessionException.Cause.NETWORK,
                    "connection lost during authentication: " + SshErrors.describe(e), e);
        }
    }

    private static PasswordFinder oneOff(Secret secret) {
        return PasswordUtils.createOneOff(secret.toChars());
    }

    private static int millis(java.time.Duration duration) {
        return (int) Math.min(Integer.MAX_VALUE, duration.toMillis());
    }

    static void closeQuietly(Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException | RuntimeException ignored) {
            // Closing is best effort: the other side may be gone already.
        }
    }

    /** Answers keyboard-interactive prompts that ask for a password; any other question gets no answer. */
    private static final class PasswordPrompts implements net.schmizz.sshj.userauth.method.ChallengeResponseProvider {
        private final Secret password;

        PasswordPrompts(Secret password) {
            this.password = password;
        }

        @Override
        public List<String> getSubmethods() {
            return List.of();
        }

        @Override
        @SuppressWarnings("rawtypes")
        public void init(Resource resource, String name, String instruction) {
            // Nothing to prepare: every password question gets the same answer.
        }

        @Override
        public char[] getResponse(String prompt, boolean echo) {
            return prompt.toLowerCase(java.util.Locale.ROOT).contains("password") ? password.toChars() : new char[0];
        }

        @Override
        public boolean shouldRetry() {
            return false;
        }
    }
}
