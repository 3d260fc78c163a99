package net.backup.session;

import java.io.IOException;
import java.net.SocketException;
import java.time.Duration;
import java.util.Map;
import net.backup.time.Durations;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.ConnectionException;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.transport.TransportException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens {@link CliSession}s. Holds what all connections share: the sshj configurations (building one
 * probes every algorithm, so it is done once), the known_hosts file and the watchdog.
 */
public final class SshConnector {
    private static final Logger LOG = LoggerFactory.getLogger(SshConnector.class);
    /** Wide enough that no device wraps a long config line; IOS accepts up to 512 columns. */
    private static final int TERMINAL_COLUMNS = 511;
    private static final int TERMINAL_ROWS = 24;

    private final SshAlgorithms algorithms;
    private final KnownHosts knownHosts;
    private final Watchdog watchdog;

    public SshConnector(SshAlgorithms algorithms, KnownHosts knownHosts, Watchdog watchdog) {
        this.algorithms = algorithms;
        this.knownHosts = knownHosts;
        this.watchdog = watchdog;
    }

    /**
     * Connects, verifies the host key, authenticates, opens a PTY shell, finds the prompt and reaches
     * privileged mode. The connection is handed to {@code hook} first, so the run can cancel it at any point.
     *
     * @param target  where to connect, how to log in, and the device's CLI
     * @param account what the session's output takes from the run's {@link OutputBudget}; the caller closes it
     *                once it no longer holds the output (stored or dropped)
     */
    public CliSession open(ConnectionTarget target, CancelHook hook, OutputBudget.Account account) throws SessionException {
        var client = new SSHClient(algorithms.forDevice(target.legacyAlgorithms()));
        client.getConnection().setWindowSize(SshAlgorithms.CHANNEL_WINDOW);
        var death = new TransportDeath();
        client.getTransport().setDisconnectListener(death);
        hook.attach(Hangup.of(client));
        try {
            connect(client, target);
            death.keysExchanged();
            // From here on the device's answers are waited for as a command's are: a login may wait on a slow
            // TACACS+ or RADIUS server, which connect_timeout (the TCP connection and the SSH handshake) is not for.
            client.getTransport().setTimeoutMs(millis(target.timeouts().command()));
            SshLogin.authenticate(client, target);
            death.loggedIn();
            // The channel's own requests (open, PTY, shell) wait on the connection's timeout, which sshj took from
            // the transport when it was made (its default, 30 s), not from the line above.
            client.getConnection().setTimeoutMs(millis(target.timeouts().command()));
            Session session = answered("the session channel", target, () -> openSession(client));
            answered("the terminal request", target, () -> {
                requestTerminal(session);
                return session;
            });
            Session.Shell shell = answered("the shell request", target, session::startShell);
            Watchdog.Watch watch = watchdog.watch(target.timeouts().command(), () -> Hangup.now(client));
            var cli = new CliSession(client, session, shell, target.platform(), watch, watchdog, target.timeouts().commandDeadline(),
                    account, hook, death, TERMINAL_COLUMNS);
            try {
                cli.findPrompt();
                cli.enable(target.enableSecret());
                return cli;
            } catch (SessionException | RuntimeException e) {
                cli.close();
                throw e;
            }
        } catch (SessionException e) {
            CancelHook.closeQuietly(client);
            throw death.explain(e);
        } catch (IOException | RuntimeException e) {
            CancelHook.closeQuietly(client);
            throw death.explain(new SessionException(SessionException.Cause.NETWORK, SshErrors.describe(e), e));
        }
    }

    /** A request on the channel, whose answer sshj waits for. */
    @FunctionalInterface
    private interface ChannelRequest<T> {
        T send() throws IOException, SessionException;
    }

    /** A device that never answers a channel request is as silent as one that never answers a command. */
    private static <T> T answered(String request, ConnectionTarget target, ChannelRequest<T> channelRequest)
            throws IOException, SessionException {
        try {
            return channelRequest.send();
        } catch (IOException e) {
            if (SshErrors.isUnanswered(e)) {
                throw new SessionException(SessionException.Cause.TIMEOUT, "no answer to " + request + " within "
                        + Durations.setting(target.timeouts().command()) + " (command_timeout)", e);
            }
            throw e;
        }
    }

    /** What {@link #scanHostKey} found: the device's key, and whether it was on record already or is now. */
    public record ScannedKey(KnownHosts.Outcome outcome, String type, String fingerprint) {
    }

    /**
     * Connects only as far as the host key check (no credential is sent, no login is tried), for
     * {@code backup keyscan}: with an accept-new {@link KnownHosts}, an unknown key is recorded, a known
     * one confirmed, and a changed one fails as it would for a backup.
     */
    public ScannedKey scanHostKey(ConnectionTarget target) throws SessionException {
        var client = new SSHClient(algorithms.forDevice(target.legacyAlgorithms()));
        KnownHosts.Check check;
        try {
            check = connect(client, target);
        } catch (RuntimeException e) {
            throw new SessionException(SessionException.Cause.NETWORK, SshErrors.describe(e), e);
        } finally {
            CancelHook.closeQuietly(client);
        }
        // What the check found, not a guess made before it: a line that names the host need not vouch for its key.
        return new ScannedKey(check.outcome(), check.keyType(), check.fingerprint());
    }

    /**
     * A device that accepts the login but allows no shell (its AAA grants no exec, a server without session
     * channels) refuses the channel. That is its answer, not a network fault, and it would give it again:
     * another attempt would only send the password once more.
     */
    private static Session openSession(SSHClient client) throws IOException, SessionException {
        try {
            return client.startSession();
        } catch (IOException e) {
            if (SshErrors.isChannelRefusal(e)) {
                // An answer, the same on every try; but for a device out of sessions, which may have one later.
                throw new SessionException(SshErrors.isTransientChannelRefusal(e) ? SessionException.Cause.NETWORK
                        : SessionException.Cause.DEVICE, SshErrors.describe(e), e);
            }
            throw e;
        }
    }

    /**
     * A PTY makes a device behave as it does for a person (prompt, pager). A device that refuses one may
     * still give a usable shell, so a refusal is not fatal.
     */
    private static void requestTerminal(Session session) throws TransportException, ConnectionException {
        try {
            session.allocatePTY("vt100", TERMINAL_COLUMNS, TERMINAL_ROWS, 0, 0, Map.of());
        } catch (ConnectionException refused) {
            if (SshErrors.isUnanswered(refused)) {
                throw refused; // no answer at all is silence, not a refusal (answered() names it)
            }
            LOG.debug("PTY refused; going on without one", refused);
        }
    }

    /**
     * TCP connect, SSH version exchange and key exchange, all within connect_timeout in wall time. The socket's
     * own timeouts bound only each wait for a byte, so a server that sends its banner a byte a second would
     * pass them all: a watch closes the connection when connect_timeout has passed, whatever it is doing.
     */
    private KnownHosts.Check connect(SSHClient client, ConnectionTarget target) throws SessionException {
        var sockets = new NoDelaySockets();
        Watchdog.Watch handshake = watchdog.watch(target.timeouts().connect(), () -> Hangup.now(client));
        KnownHosts.Check check;
        try {
            check = connectWithin(client, sockets, target);
        } catch (SessionException e) {
            handshake.close();
            if (handshake.expired()) {
                throw notWithin(target, sockets.connected(), e.getCause());
            }
            throw e;
        }
        handshake.close();
        if (handshake.expired()) {
            CancelHook.closeQuietly(client);
            throw notWithin(target, true, null);
        }
        return check;
    }

    private static SessionException notWithin(ConnectionTarget target, boolean tcpConnected, Throwable detail) {
        return new SessionException(SessionException.Cause.NETWORK, (tcpConnected ? "no SSH handshake within " : "no SSH connection within ")
                + Durations.setting(target.timeouts().connect()) + " (connect_timeout)", detail);
    }

    private KnownHosts.Check connectWithin(SSHClient client, NoDelaySockets sockets, ConnectionTarget target) throws SessionException {
        KnownHosts.Check check = knownHosts.check();
        client.addHostKeyVerifier(check);
        client.setSocketFactory(sockets);
        // The socket itself has no timeout, neither to connect nor to read: the watch above bounds the handshake,
        // and the session's watchdog each wait after it, by closing the socket under a blocked call. A timed
        // connect or read would leave the JDK's socket non-blocking for good, so that every wait for the device
        // became a read that finds nothing, a poll and a second read: three system calls instead of one, on
        // sshj's reader thread, for every packet of every session. The transport's own waits (the key exchange,
        // a reply to a request) keep their timeout.
        client.setConnectTimeout(0);
        client.setTimeout(0);
        client.getTransport().setTimeoutMs(millis(target.timeouts().connect()));
        try {
            client.connect(target.host(), target.port());
        } catch (IOException | RuntimeException e) {
            // Once the key was refused, whatever else broke is its consequence: sshj's reader closes the socket,
            // and the connecting thread may learn of it from a write ("Socket closed") rather than from the
            // refusal. It is the host key, never retried, whatever the exception.
            if (check.refused()) {
                SessionException.Cause cause = check.outcome() == KnownHosts.Outcome.UNRECORDED
                        ? SessionException.Cause.LOCAL_IO : SessionException.Cause.HOST_KEY;
                throw new SessionException(cause, check.explain(target.host(), target.port()), e);
            }
            throw connectFailure(target, e);
        }
        return check;
    }

    private static SessionException connectFailure(ConnectionTarget target, Exception failure) {
        if (failure instanceof TransportException e) {
            return handshakeFailure(target, e);
        }
        if (failure instanceof SocketException e) {
            return new SessionException(SessionException.Cause.NETWORK, SshErrors.describe(e), e);
        }
        String what = SshErrors.describe(failure);
        if (what.equals("timed out")) {
            what = "no SSH connection within " + Durations.setting(target.timeouts().connect()) + " (connect_timeout)";
        }
        return new SessionException(SessionException.Cause.NETWORK, what, failure);
    }

    private static SessionException handshakeFailure(ConnectionTarget target, TransportException e) {
        String what = SshErrors.describe(e);
        if (SshErrors.isNegotiationFailure(e)) {
            String hint = target.legacyAlgorithms() ? "" : "; if it is an old device, set legacy_algorithms: true for it";
            return new SessionException(SessionException.Cause.DEVICE,
                    "SSH algorithm negotiation failed (" + what + ")" + hint, e);
        }
        if (what.equals("timed out")) {
            what = "no SSH handshake within " + Durations.setting(target.timeouts().connect()) + " (connect_timeout)";
        }
        return new SessionException(SessionException.Cause.NETWORK, "SSH handshake failed: " + what, e);
    }

    private static int millis(Duration duration) {
        return (int) Math.min(Integer.MAX_VALUE, duration.toMillis());
    }
}
