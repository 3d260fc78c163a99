package net.backup.session;

import com.hierynomus.sshj.common.KeyDecryptionFailedException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;
import net.backup.secret.Secret;
import net.backup.time.Durations;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.common.Message;
import net.schmizz.sshj.common.SSHPacket;
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

/**
 * The login on a connection whose host key {@link SshConnector} has checked: which credentials go out and in
 * what order, and what a refusal or a hang-up is told as. Apart from the connection, so that what decides
 * whether a password is sent (and sent again) reads in one place.
 */
final class SshLogin {
    private SshLogin() {
    }

    /**
     * A key first when one is configured; then the password; then keyboard-interactive answered with the
     * password, since many IOS images offer only that.
     */
    static void authenticate(SSHClient client, ConnectionTarget target) throws SessionException {
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
            if (method instanceof OnePasswordRound && refused.contains(password.getName())) {
                // The password was refused as a "password" login: keyboard-interactive would only send it again, a
                // second failed login in the device's log, towards a lockout (probe K: IOS offers both).
                continue;
            }
            try {
                credentialSent = true;
                client.auth(login.username(), method);
                return;
            } catch (UserAuthException e) {
                if (SshErrors.isUnanswered(e)) {
                    // No answer, which is no refusal (a slow TACACS+ or RADIUS server): another attempt may be
                    // answered; a wrong password would have been refused (probe K: told as a wrong password).
                    throw new SessionException(SessionException.Cause.TIMEOUT, "no answer to the " + method.getName()
                            + " login within " + Durations.setting(target.timeouts().command()) + " (command_timeout)", e);
                }
                if (SshErrors.isConnectionDeath(e)) {
                    // No refusal: the connection died under the request (a reset, a hang-up), as the next method's
                    // request would find too; said now, since a refused password is not sent again below.
                    throw hungUp(e, lastRefusal, credentialSent, refused);
                }
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
