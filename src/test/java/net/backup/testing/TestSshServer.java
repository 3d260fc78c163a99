package net.backup.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.sshd.common.Service;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.channel.Channel;
import org.apache.sshd.common.channel.RequestHandler;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.auth.keyboard.InteractiveChallenge;
import org.apache.sshd.server.auth.keyboard.KeyboardInteractiveAuthenticator;
import org.apache.sshd.server.auth.keyboard.PromptEntry;
import org.apache.sshd.server.auth.keyboard.UserAuthKeyboardInteractive;
import org.apache.sshd.server.auth.keyboard.UserAuthKeyboardInteractiveFactory;
import org.apache.sshd.server.auth.password.PasswordAuthenticator;
import org.apache.sshd.server.auth.password.PasswordChangeRequiredException;
import org.apache.sshd.server.auth.password.UserAuthPasswordFactory;
import org.apache.sshd.server.auth.pubkey.UserAuthPublicKeyFactory;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.channel.ChannelSessionFactory;
import org.apache.sshd.server.session.ServerConnectionServiceFactory;
import org.apache.sshd.server.session.ServerSession;
import org.apache.sshd.server.session.ServerUserAuthService;
import org.apache.sshd.server.session.ServerUserAuthServiceFactory;

/**
 * A bare SSH server on 127.0.0.1 that is not a device: it presents the host keys it is given, accepts any
 * password, and records every password and keyboard-interactive answer it receives. Tests use it as an
 * impostor, or as a device that asks questions at login, to prove what the client does and does not send.
 */
public final class TestSshServer implements AutoCloseable {
    private static KeyPair rsaKey;

    private final SshServer server;
    private final List<String> passwords = new CopyOnWriteArrayList<>();
    private final List<String> answers = new CopyOnWriteArrayList<>();
    private final List<String> newPasswords = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();

    private TestSshServer(SshServer server) {
        this.server = server;
    }

    /** Presents {@code hostKeys} on {@code port} (0: any free port), accepts any password. */
    public static TestSshServer start(int port, KeyPair... hostKeys) throws IOException {
        return start(port, null, hostKeys);
    }

    /**
     * Presents {@code hostKeys}; offers only keyboard-interactive login when {@code challenge} is given, and
     * asks that one question (echo off), refusing whatever the answer; a password sent anyway is recorded.
     */
    public static TestSshServer start(int port, String challenge, KeyPair... hostKeys) throws IOException {
        return start(port, challenge, false, hostKeys);
    }

    /**
     * Offers password login and answers every password by hanging up (SSH_MSG_DISCONNECT, "Access denied"), as
     * some devices answer a wrong one; offers public key login too, and refuses every key.
     */
    public static TestSshServer startHangingUpOnPasswords(KeyPair... hostKeys) throws IOException {
        return start(0, null, true, hostKeys);
    }

    /**
     * Takes any password as correct but expired: asks for a new one (SSH_MSG_USERAUTH_PASSWD_CHANGEREQ, "Password
     * expired"), as an account past its password's age does, and accepts whatever new password comes, noting it.
     */
    public static TestSshServer startRequiringPasswordChange(KeyPair... hostKeys) throws IOException {
        TestSshServer test = start(0, null, false, hostKeys);
        test.server.setPasswordAuthenticator(new PasswordAuthenticator() {
            @Override
            public boolean authenticate(String username, String password, ServerSession session) {
                throw new PasswordChangeRequiredException("password expired", "Password expired. Enter a new one", "");
            }

            @Override
            public boolean handleClientPasswordChangeRequest(ServerSession session, String username, String oldPassword,
                    String newPassword) {
                test.newPasswords.add(newPassword);
                return true;
            }
        });
        return test;
    }

    /**
     * Offers only keyboard-interactive login and asks {@code Password:} again after every answer, up to
     * {@code rounds} times, then refuses: a device that loops on the question (or a wrong password asked again).
     */
    public static TestSshServer startAskingForThePasswordAgain(int rounds, KeyPair... hostKeys) throws IOException {
        TestSshServer test = start(0, "Password: ", false, hostKeys);
        test.server.setUserAuthFactories(List.of(new UserAuthKeyboardInteractiveFactory() {
            @Override
            public UserAuthKeyboardInteractive createUserAuth(ServerSession session) {
                return new UserAuthKeyboardInteractive() {
                    private int asked = 1;

                    @Override
                    protected Boolean doValidateAuthResponse(ServerSession session, String username,
                            KeyboardInteractiveAuthenticator auth, Buffer response) throws Exception {
                        response.getUByte(); // SSH_MSG_USERAUTH_INFO_RESPONSE
                        for (int n = response.getInt(); n > 0; n--) {
                            test.answers.add(response.getString());
                        }
                        if (asked++ >= rounds) {
                            return false;
                        }
                        var again = new ByteArrayBuffer();
                        again.putString(""); // language
                        again.putString(""); // submethods
                        return doInitialAuth(session, username, auth, again);
                    }
                };
            }
        }));
        return test;
    }

    /** Shows {@code banner} before the login (SSH_MSG_USERAUTH_BANNER), as OpenSSH's Banner setting does. */
    public static TestSshServer startWithBanner(String banner, KeyPair... hostKeys) throws IOException {
        TestSshServer test = start(0, null, false, hostKeys);
        CoreModuleProperties.WELCOME_BANNER.set(test.server, banner);
        return test;
    }

    /**
     * Accepts any password and answers the terminal request by sending {@code total} bytes of channel data in
     * packets of {@code packet} bytes each, at once, whatever window and packet size the client gave: a device that
     * breaks the SSH protocol.
     */
    public static TestSshServer startIgnoringTheWindow(int packet, int total, KeyPair... hostKeys) throws IOException {
        TestSshServer test = start(0, null, false, hostKeys);
        test.server.setChannelFactories(List.of(new ChannelSessionFactory() {
            @Override
            public Channel createChannel(Session session) {
                return new RawDataChannel(packet, total);
            }
        }));
        return test;
    }

    private static TestSshServer start(int port, String challenge, boolean hangUpOnPasswords, KeyPair... hostKeys)
            throws IOException {
        SshServer sshd = SshServer.setUpDefaultServer();
        var test = new TestSshServer(sshd);
        sshd.setHost("127.0.0.1");
        sshd.setPort(port);
        sshd.setKeyPairProvider(KeyPairProvider.wrap(hostKeys));
        sshd.setPasswordAuthenticator((username, password, session) -> {
            if (hangUpOnPasswords) {
                try {
                    session.disconnect(SshConstants.SSH2_DISCONNECT_NO_MORE_AUTH_METHODS_AVAILABLE, "Access denied");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return false;
            }
            return true;
        });
        // Every password a client sends is noted where the request arrives, before MINA looks at whether it
        // offered that method at all: a client that sends its password uninvited is seen doing it.
        sshd.setServiceFactories(List.of(new ServerUserAuthServiceFactory() {
            @Override
            public Service create(Session session) throws IOException {
                return new ServerUserAuthService(session) {
                    @Override
                    protected boolean handleUserAuthRequestMessage(ServerSession serverSession, Buffer request,
                            AtomicReference<Boolean> authenticated) throws Exception {
                        int start = request.rpos();
                        request.getString(); // user
                        request.getString(); // service
                        if (UserAuthPasswordFactory.NAME.equals(request.getString())) {
                            request.getBoolean(); // a password change
                            test.passwords.add(request.getString());
                        }
                        request.rpos(start);
                        return super.handleUserAuthRequestMessage(serverSession, request, authenticated);
                    }
                };
            }
        }, ServerConnectionServiceFactory.INSTANCE));
        sshd.setKeyboardInteractiveAuthenticator(new Questions(test, challenge == null ? "Password: " : challenge));
        sshd.setUserAuthFactories(List.of(UserAuthPasswordFactory.INSTANCE, UserAuthKeyboardInteractiveFactory.INSTANCE));
        if (hangUpOnPasswords) {
            sshd.setUserAuthFactories(List.of(UserAuthPublicKeyFactory.INSTANCE, UserAuthPasswordFactory.INSTANCE,
                    UserAuthKeyboardInteractiveFactory.INSTANCE));
            sshd.setPublickeyAuthenticator((username, key, session) -> false);
        }
        if (challenge != null) {
            CoreModuleProperties.AUTH_METHODS.set(sshd, UserAuthKeyboardInteractiveFactory.NAME);
        }
        sshd.addSessionListener(new SessionListener() {
            @Override
            public void sessionCreated(Session session) {
                test.connections.incrementAndGet();
            }
        });
        sshd.start();
        return test;
    }

    public int port() {
        return server.getPort();
    }

    /** Every password received, by password or keyboard-interactive login, in order. */
    public List<String> passwordsSeen() {
        var all = new ArrayList<>(passwords);
        all.addAll(answers);
        return all;
    }

    /** Every new password a client offered in answer to a password change request. */
    public List<String> newPasswordsSeen() {
        return List.copyOf(newPasswords);
    }

    /** Every keyboard-interactive answer received, empty ones included. */
    public List<String> answers() {
        return List.copyOf(answers);
    }

    /** TCP connections that reached the SSH layer. */
    public int connections() {
        return connections.get();
    }

    /**
     * One RSA 2048 key per test JVM. Making one costs about a second of CPU, and no test needs two different
     * RSA keys: where a test needs another key, it is an EC one.
     */
    public static synchronized KeyPair rsaKey() {
        if (rsaKey == null) {
            rsaKey = newKey("RSA", 2048);
        }
        return rsaKey;
    }

    public static KeyPair newKey(String algorithm, int size) {
        try {
            var generator = KeyPairGenerator.getInstance(algorithm);
            generator.initialize(size);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The known_hosts line OpenSSH would write for {@code key} at this server's address. */
    public String knownHostsLine(KeyPair key) {
        return "[127.0.0.1]:" + port() + " " + PublicKeyEntry.toString(key.getPublic());
    }

    /** An owner-only inventory with one device, {@code name}, at this server, logging in as ntc with {@code password}. */
    public Path writeInventory(Path file, String name, String password) throws IOException {
        Files.writeString(file, "defaults:\n  username: ntc\n  password: " + password + "\n  enable_secret: " + password
                + "\n  retries: 0\ndevices:\n  - name: " + name + "\n    host: 127.0.0.1\n    port: " + port() + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    @Override
    public void close() throws IOException {
        server.stop(true);
    }

    /**
     * A session channel that answers the terminal request by writing SSH_MSG_CHANNEL_DATA packets itself, past the
     * channel's stream and its window, while the client waits for the answer and reads nothing.
     */
    private static final class RawDataChannel extends ChannelSession {
        private final int packet;
        private final int total;

        RawDataChannel(int packet, int total) {
            this.packet = packet;
            this.total = total;
        }

        @Override
        protected RequestHandler.Result handlePtyReq(Buffer request, boolean wantReply) throws IOException {
            Session session = getSession();
            byte[] data = "!\r\n".repeat(packet / 3 + 1).substring(0, packet).getBytes(StandardCharsets.US_ASCII);
            for (int sent = 0; sent < total; sent += packet) {
                Buffer buffer = session.createBuffer(SshConstants.SSH_MSG_CHANNEL_DATA, packet + 16);
                buffer.putUInt(getRecipient());
                buffer.putBytes(data, 0, Math.min(packet, total - sent));
                session.writePacket(buffer);
            }
            return super.handlePtyReq(request, wantReply);
        }
    }

    /** Asks one question and refuses every answer, after noting it. */
    private record Questions(TestSshServer test, String prompt) implements KeyboardInteractiveAuthenticator {
        @Override
        public InteractiveChallenge generateChallenge(ServerSession session, String username, String lang, String subMethods) {
            var challenge = new InteractiveChallenge();
            challenge.setInteractionName("");
            challenge.setInteractionInstruction("");
            challenge.addPrompt(new PromptEntry(prompt, false));
            return challenge;
        }

        @Override
        public boolean authenticate(ServerSession session, String username, List<String> responses) {
            test.answers.addAll(responses);
            return false;
        }
    }
}
