package net.backup.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;

/**
 * A device whose every byte and pause is scripted by the test, where the lab's devices would need a fault of
 * their own: a prompt, an echo of each typed line, and for each command a list of pieces, each a String (sent in
 * one write, one SSH packet, one char per byte), a Long (a pause in milliseconds, cut short when the device is
 * closed), a {@link Pager} (its prompt, then a wait for one key, read from what was typed, typed ahead or not, as
 * a real pager takes it), an {@link EchoedLine} or a {@link SilentLine}. A line that starts with '!' (a comment, as IOS and NX-OS take
 * the end-of-output probe) answers nothing. Probe G wrote the first one.
 */
public final class ScriptedDevice implements AutoCloseable {
    /** What the device answers to one command line. */
    @FunctionalInterface
    public interface Script {
        List<Object> reply(String command);
    }

    /** A pager prompt that waits for one key, and the sequence that erases it once the key came. */
    public record Pager(String prompt, String eraser) {
    }

    /** Reads the next typed line, echoing each of its keys but not the Enter (a password question that echoes). */
    public record EchoedLine() {
    }

    /** Reads the next typed line without echo, as a password question does, and records it with the commands. */
    public record SilentLine() {
    }

    private final SshServer server;
    private final String prompt;
    private final Script script;
    private final List<String> commands = new CopyOnWriteArrayList<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final StringBuffer pagerKeys = new StringBuffer();

    public ScriptedDevice(String prompt, Script script) throws IOException {
        this.prompt = prompt;
        this.script = script;
        server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(0);
        CoreModuleProperties.TCP_NODELAY.set(server, true);
        server.setKeyPairProvider(KeyPairProvider.wrap(TestSshServer.rsaKey()));
        server.setPasswordAuthenticator((user, password, session) -> true);
        server.setShellFactory(channel -> new Shell());
        server.start();
    }

    /**
     * Answers a password only after {@code millis}, as a device asking a slow TACACS+ or RADIUS server does (cut
     * short when the device is closed).
     */
    public ScriptedDevice answeringLoginsAfter(long millis) {
        server.setPasswordAuthenticator((user, password, session) -> {
            try {
                closed.await(millis, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return true;
        });
        return this;
    }

    /** The lines typed, in order. */
    public List<String> commands() {
        return List.copyOf(commands);
    }

    /** The keys the pagers took, in order. */
    public String pagerKeys() {
        return pagerKeys.toString();
    }

    /** An owner-only inventory with this device as {@code name} on {@code platform}. */
    public Path writeInventory(Path file, String name, String platform) throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, "defaults:\n  username: u\n  password: p\ndevices:\n  - {name: " + name
                + ", host: 127.0.0.1, port: " + server.getPort() + ", platform: " + platform + "}\n");
        return file;
    }

    @Override
    public void close() throws IOException {
        closed.countDown(); // ends a scripted pause at once: no device thread outlives its test asleep
        server.stop(true);
    }

    private final class Shell implements Command {
        private InputStream in;
        private OutputStream out;
        private ExitCallback exit;

        @Override
        public void setInputStream(InputStream in) {
            this.in = in;
        }

        @Override
        public void setOutputStream(OutputStream out) {
            this.out = out;
        }

        @Override
        public void setErrorStream(OutputStream err) {
        }

        @Override
        public void setExitCallback(ExitCallback callback) {
            this.exit = callback;
        }

        @Override
        public void start(ChannelSession channel, Environment env) {
            Thread worker = new Thread(this::converse, "scripted-device");
            worker.setDaemon(true);
            worker.start();
        }

        @Override
        public void destroy(ChannelSession channel) {
        }

        private void write(String text) throws IOException {
            out.write(text.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        }

        /** One line as a terminal in its line editor takes it: each key echoed, CR ends it; null at the end. */
        private String readLine() throws IOException {
            var line = new StringBuilder();
            for (int c; (c = in.read()) >= 0; ) {
                if (c == '\r') {
                    write("\r\n");
                    return line.toString();
                } else if (c >= 0x20) {
                    write(String.valueOf((char) c));
                    line.append((char) c);
                }
            }
            return null;
        }

        private void converse() {
            try {
                write("\r\n" + prompt);
                for (String line; (line = readLine()) != null; ) {
                    commands.add(line);
                    if (line.strip().equals("exit")) {
                        break;
                    }
                    if (!line.startsWith("!")) {
                        for (Object piece : script.reply(line.strip())) {
                            if (piece instanceof Long pause) {
                                if (closed.await(pause, TimeUnit.MILLISECONDS)) {
                                    return;
                                }
                            } else if (piece instanceof SilentLine) {
                                var typed = new StringBuilder();
                                int c;
                                while ((c = in.read()) >= 0 && c != '\r') {
                                    typed.append((char) c);
                                }
                                if (c < 0) {
                                    return; // the client hung up
                                }
                                commands.add(typed.toString());
                                write("\r\n");
                            } else if (piece instanceof EchoedLine) {
                                for (int c; (c = in.read()) >= 0 && c != '\r'; ) {
                                    write(String.valueOf((char) c));
                                }
                            } else if (piece instanceof Pager pager) {
                                write(pager.prompt());
                                int key = in.read();
                                if (key < 0) {
                                    return;
                                }
                                pagerKeys.append((char) key);
                                write(pager.eraser());
                            } else {
                                write((String) piece);
                            }
                        }
                    }
                    write(prompt);
                }
            } catch (IOException | InterruptedException e) {
                // the client went away, or the test is over
            } finally {
                exit.onExit(0);
            }
        }
    }
}
