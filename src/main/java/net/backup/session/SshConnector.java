package net.backup.session;

import com.hierynomus.sshj.common.KeyDecryptionFailedException;
import java.io.IOException;
import java.net.SocketException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import net.backup.secret.Secret;
import net.backup.time.Durations;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.common.Message;
import net.schmizz.sshj.common.SSHPacket;
import net.schmizz.sshj.connection.ConnectionException;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.transport.TransportException;
import net.schmizz.sshj.userauth.UserAuthException;
import net.schmizz.sshj.userauth.keyprovider.KeyProvider;
import net.schmizz.sshj.userauth.method.AuthKeyboardInteractive;
import net.schmizz.sshj.userauth.method.AuthMethod;
import net.schmizz.sshj.userauth.method.AuthNone;
import net.schmizz.sshj.userauth.method.AuthPassword;
import net.schmizz.sshj.userauth.method.AuthPublickey;
import net.schmizz.sshj.userauth.method.ChallengeResponseProvider;
import net.schmizz.sshj.userauth.password.PasswordFinder;
import net.schmizz.sshj.userauth.password.PasswordUpdateProvider;
import net.schmizz.sshj.userauth.password.Resource;
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
        hook.attach(client);
        try {
            connect(client, target);
            authenticate(client, target);
            death.loggedIn();
            client.getTransport().setTimeoutMs(millis(target.timeouts().command()));
            // The channel's own requests (open, PTY, shell) wait on the connection's timeout, which sshj took from
            // the transport when it was made (its default, 30 s), not from the line above.
            client.getConnection().setTimeoutMs(millis(target.timeouts().command()));
            Session session = answered("the session channel", target, () -> openSession(client));
            answered("the terminal request", target, () -> {
                requestTerminal(session);
                return session;
            });
            Session.Shell shell = answered("the shell request", target, session::startShell);
            Watchdog.Watch watch = watchdog.watch(target.timeouts().command(), () -> CancelHook.closeQuietly(client));
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
        Watchdog.Watch handshake = watchdog.watch(target.timeouts().connect(), () -> CancelHook.closeQuietly(client));
        KnownHosts.Check check;
        try {
            check = connectWithin(client, target);
        } catch (SessionException e) {
            handshake.close();
            if (handshake.expired()) {
                throw noHandshake(target, e.getCause());
            }
            throw e;
        }
        handshake.close();
        if (handshake.expired()) {
            CancelHook.closeQuietly(client);
            throw noHandshake(target, null);
        }
        return check;
    }

    private static SessionException noHandshake(ConnectionTarget target, Throwable detail) {
        return new SessionException(SessionException.Cause.NETWORK, "no SSH handshake within "
                + Durations.setting(target.timeouts().connect()) + " (connect_timeout)", detail);
    }

    private KnownHosts.Check connectWithin(SSHClient client, ConnectionTarget target) throws SessionException {
        KnownHosts.Check check = knownHosts.check();
        client.addHostKeyVerifier(check);
        client.setSocketFactory(NoDelaySockets.INSTANCE);
        client.setConnectTimeout(millis(target.timeouts().connect()));
        client.setTimeout(millis(target.timeouts().connect()));
        client.getTransport().setTimeoutMs(millis(target.timeouts().connect()));
        try {
            client.connect(target.host(), target.port());
            // From here only sshj's reader thread reads the socket, and it ignores a read's timeout (it reads
            // again): a timeout would end nothing. A silent device is ended by the watchdog, which closes the
            // socket under the blocked read. (Each wait is still a poll: the timed connect left the socket
            // non-blocking for good.)
            client.getSocket().setSoTimeout(0);
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

    /**
     * A key first when one is configured; then the password; then keyboard-interactive answered with the
     * password, since many IOS images offer only that.
     */
    private static void authenticate(SSHClient client, ConnectionTarget target) throws SessionException {
        ConnectionTarget.Login login = target.login();
        List<AuthMethod> methods = new ArrayList<>();
        try {
            if (login.keyFile().isPresent()) {
                KeyProvider key = login.keyPassphrase().isPresent()
                        ? client.loadKeys(login.keyFile().get().toString(), secretFinder(login.keyPassphrase().get()))
                        : client.loadKeys(login.keyFile().get().toString());
                key.getPrivate(); // decrypts now, so a wrong passphrase is reported as such, not as a refused login
                methods.add(new AuthPublickey(key));
            }
        } catch (IOException e) {
            throw new SessionException(SessionException.Cause.AUTHENTICATION, unreadableKey(login, e), e);
        }
        PasswordPrompts prompts = null;
        NoPasswordChange password = null;
        if (login.password().isPresent()) {
            prompts = new PasswordPrompts(login.password().get(), target.platform().loginPasswordPrompt());
            password = new NoPasswordChange(secretFinder(login.password().get()));
            methods.add(password);
            methods.add(new OnePasswordRound(prompts));
        }
        // First the "none" method, as OpenSSH's client does: the device's refusal lists the methods it takes, and
        // a credential then goes only to a device that offers a method for it (a device that offers only
        // keyboard-interactive never sees the password sent as a "password" login it did not ask for).
        UserAuthException lastRefusal = null;
        try {
            client.auth(login.username(), new AuthNone());
            return; // a device that asks no credential at all
        } catch (UserAuthException refused) {
            if (SshErrors.isConnectionDeath(refused)) {
                throw connectionLost(refused); // no refusal: sshj's side died under the request (a broken packet)
            }
            lastRefusal = refused;
        } catch (TransportException e) {
            throw connectionLost(e);
        } catch (IllegalStateException notConnected) {
            throw connectionLost(null);
        }
        // One method at a time, so that a device that hangs up is noticed at once instead of each further
        // method waiting for an answer on a dead connection.
        boolean credentialSent = false;
        List<String> refused = new ArrayList<>();
        for (AuthMethod method : methods) {
            if (!client.getTransport().isRunning()) {
                break;
            }
            Collection<String> allowed = client.getUserAuth().getAllowedMethods();
            if (!allowed.isEmpty() && !allowed.contains(method.getName())) {
                continue; // an empty list says nothing (the "none" request timed out, say): every method is tried
            }
            try {
                credentialSent = true;
                client.auth(login.username(), method);
                return;
            } catch (UserAuthException e) {
                if (method == password && password.changeRequested() != null) {
                    String said = password.changeRequested().isEmpty() ? "" : " ('" + password.changeRequested() + "')";
                    throw new SessionException(SessionException.Cause.AUTHENTICATION, "the device asks for a new password"
                            + " for user '" + login.username() + "'" + said + ": a backup never changes a password, so it"
                            + " was not answered (change it on the device)", e);
                }
                lastRefusal = e;
                refused.add(method.getName());
            } catch (TransportException e) {
                // Writing the next method's request can be what finds the connection gone ("Socket closed"),
                // when the device's goodbye came with the refusal of the method before: both are looked at.
                throw hungUp(e, lastRefusal, credentialSent, refused);
            } catch (IllegalStateException notConnected) {
                // sshj's "Not connected": the device hung up after the last method's refusal, before the
                // transport noticed. The same event as above, seen a moment earlier.
                throw hungUp(lastRefusal, null, credentialSent, refused);
            }
        }
        if (prompts != null && prompts.askedAgain()) {
            throw new SessionException(SessionException.Cause.AUTHENTICATION, "the device asked for the password again "
                    + "after it was given (keyboard-interactive): a refused password? It is sent once", lastRefusal);
        }
        if (prompts != null && prompts.unanswered() != null) {
            // Said first: a device that asked for a code and then hung up failed on the question.
            throw new SessionException(SessionException.Cause.AUTHENTICATION, "the device asked '" + prompts.unanswered()
                    + "' during keyboard-interactive login; only password prompts are answered", lastRefusal);
        }
        if (!client.getTransport().isRunning()) {
            throw hungUp(lastRefusal, null, credentialSent, refused);
        }
        Collection<String> offered = client.getUserAuth().getAllowedMethods();
        if (!offered.isEmpty() && methods.stream().noneMatch(method -> offered.contains(method.getName()))) {
            throw new SessionException(SessionException.Cause.AUTHENTICATION, "the device offers no login that the "
                    + "inventory has a credential for (it offers: " + offeredMethods(offered) + ")", lastRefusal);
        }
        throw new SessionException(SessionException.Cause.AUTHENTICATION,
                "authentication failed for user '" + login.username() + "'", lastRefusal);
    }

    /** Why the key file could not be used, in the inventory's words (the library's exception names no setting). */
    private static String unreadableKey(ConnectionTarget.Login login, IOException e) {
        Path file = login.keyFile().orElseThrow();
        if (e instanceof KeyDecryptionFailedException) {
            return login.keyPassphrase().isPresent()
                    ? "cannot decrypt the key file " + file + " with the key_passphrase given (a wrong passphrase?)"
                    : "the key file " + file + " is encrypted, and no key_passphrase (or key_passphrase_env, "
                            + "key_passphrase_file) is given";
        }
        return "the key file " + file + " holds no private key that can be read (" + SshErrors.describe(e) + ")";
    }

    /** The device's own words, so at a bounded length (consoles escape their control characters). */
    private static String offeredMethods(Collection<String> offered) {
        return Excerpt.of(offered.isEmpty() ? "none" : String.join(", ", offered), SshErrors.MAX_DEVICE_WORDS);
    }

    /**
     * Some devices answer a wrong password by hanging up, and an account locks after a few wrong ones: once a
     * credential has gone out, a device that says goodbye (SSH_MSG_DISCONNECT, with its reason) is not tried
     * again in this run. A connection that is merely lost (reset, closed) still is.
     */
    private static SessionException hungUp(Exception e, Exception earlier, boolean credentialSent, List<String> refused) {
        if (!credentialSent || !SshErrors.isDeliberateDisconnect(e) && !SshErrors.isDeliberateDisconnect(earlier)) {
            return connectionLost(e); // a reset or a closed socket: the network's doing, tried again
        }
        if (!SshErrors.isDeliberateDisconnect(e)) {
            e = earlier; // the goodbye, not the write that found the socket closed after it
        }
        // What it refused first: a device that allows one try (MaxAuthTries 1) hangs up on a refused key, and the
        // password is never sent.
        return new SessionException(SessionException.Cause.AUTHENTICATION, "the device hung up after the login was "
                + "sent (a refused login?" + (refused.isEmpty() ? "" : " it had refused " + String.join(", then ", refused))
                + "); not retried, so that the account is not locked out"
                + (e == null ? "" : ": " + SshErrors.describe(e)), e);
    }

    private static SessionException connectionLost(Exception e) {
        return new SessionException(SessionException.Cause.NETWORK,
                "connection lost during authentication" + (e == null ? "" : ": " + SshErrors.describe(e)), e);
    }

    /** A fresh copy on every request: sshj may ask more than once (a key file's public, then private part). */
    private static PasswordFinder secretFinder(Secret secret) {
        return new PasswordFinder() {
            @Override
            public char[] reqPassword(Resource<?> resource) {
                return secret.toChars();
            }

            @Override
            public boolean shouldRetry(Resource<?> resource) {
                return false;
            }
        };
    }

    private static int millis(Duration duration) {
        return (int) Math.min(Integer.MAX_VALUE, duration.toMillis());
    }

    /**
     * The password method, less its answer to a password change request: sshj's own answers one with an empty
     * new password, which a device that accepts it makes the account's password. A device that asks for one (an
     * expired password) is refused, and what it said is kept for the message.
     */
    private static final class NoPasswordChange extends AuthPassword {
        private volatile String changeRequested;

        NoPasswordChange(PasswordFinder password) {
            super(password, new PasswordUpdateProvider() {
                @Override
                public char[] provideNewPassword(Resource<?> resource, String prompt) {
                    throw new IllegalStateException("never asked: a change request is refused in handle()");
                }

                @Override
                public boolean shouldRetry(Resource<?> resource) {
                    return false;
                }
            });
        }

        @Override
        public void handle(Message message, SSHPacket packet) throws UserAuthException, TransportException {
            if (message != Message.USERAUTH_60) { // SSH_MSG_USERAUTH_PASSWD_CHANGEREQ for this method
                super.handle(message, packet);
                return;
            }
            String prompt;
            try {
                prompt = packet.readString();
            } catch (Buffer.BufferException e) {
                prompt = "";
            }
            String shown = Excerpt.of(prompt.strip().replaceAll("\\p{Cntrl}", "?"), SshErrors.MAX_DEVICE_WORDS);
            changeRequested = shown;
            throw new UserAuthException("the device asks for a new password");
        }

        /** What the device said when it asked for a new password (maybe nothing), or null if it did not ask. */
        String changeRequested() {
            return changeRequested;
        }
    }

    /**
     * Keyboard-interactive that gives the password once: a device that asks for it again has refused it (or loops,
     * asking for ever), and the login ends there instead of sending it round after round.
     */
    private static final class OnePasswordRound extends AuthKeyboardInteractive {
        private final PasswordPrompts prompts;

        OnePasswordRound(PasswordPrompts prompts) {
            super(prompts);
            this.prompts = prompts;
        }

        @Override
        public void handle(Message message, SSHPacket packet) throws UserAuthException, TransportException {
            // Looked at before anything is answered: even an empty answer may count as one more failed try.
            if (message == Message.USERAUTH_60 && prompts.asksForThePasswordAgain(questions(packet))) {
                throw new UserAuthException("the device asked for the password again");
            }
            super.handle(message, packet);
        }

        /** The questions of an SSH_MSG_USERAUTH_INFO_REQUEST, read without moving the packet on. */
        private static List<String> questions(SSHPacket packet) throws TransportException {
            int start = packet.rpos();
            try {
                packet.readString(); // name
                packet.readString(); // instruction
                packet.readString(); // language tag
                var questions = new ArrayList<String>();
                for (long count = packet.readUInt32(); count > 0; count--) {
                    questions.add(packet.readString());
                    packet.readBoolean(); // echo
                }
                return questions;
            } catch (Buffer.BufferException e) {
                throw new TransportException(e);
            } finally {
                packet.rpos(start);
            }
        }
    }

    /**
     * Answers keyboard-interactive prompts that match the platform's password prompt with the password; any
     * other question (a one-time code, a new password) gets an empty answer and is remembered, so that the
     * failure can name it. A loose match ("contains password") would hand the password to a token prompt.
     */
    private static final class PasswordPrompts implements ChallengeResponseProvider {
        /** Enough of a question to recognise it; a device's prompt is not printed at any length. */
        private static final int SHOWN_PROMPT_LENGTH = 80;
        private static final int MAX_PROMPT_LENGTH = 1024;

        private final Secret password;
        private final Pattern passwordPrompt;
        private volatile String unanswered;
        private volatile boolean given;
        private volatile boolean askedAgain;

        PasswordPrompts(Secret password, Pattern passwordPrompt) {
            this.password = password;
            this.passwordPrompt = passwordPrompt;
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
            if (isPasswordQuestion(prompt)) {
                if (given) {
                    askedAgain = true; // not reached through OnePasswordRound, which stops such a round first
                    return new char[0];
                }
                given = true;
                return password.toChars();
            }
            if (unanswered == null) {
                String shown = prompt.strip().replaceAll("\\p{Cntrl}", "?");
                unanswered = Excerpt.of(shown, SHOWN_PROMPT_LENGTH);
            }
            return new char[0];
        }

        /** True once a password question came after the password was given. */
        boolean askedAgain() {
            return askedAgain;
        }

        /** True, and remembered, if {@code questions} ask for the password after it was given. */
        boolean asksForThePasswordAgain(List<String> questions) {
            if (given && questions.stream().anyMatch(this::isPasswordQuestion)) {
                askedAgain = true;
            }
            return askedAgain;
        }

        private boolean isPasswordQuestion(String prompt) {
            // A question is a line; a longer one is no password prompt, and is not worth a pattern's time.
            return prompt.length() <= MAX_PROMPT_LENGTH && passwordPrompt.matcher(prompt).matches();
        }

        /** The first question that was not a password prompt, or null. */
        String unanswered() {
            return unanswered;
        }

        @Override
        public boolean shouldRetry() {
            return false;
        }
    }
}
