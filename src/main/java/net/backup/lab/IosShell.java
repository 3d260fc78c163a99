package net.backup.lab;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;

/**
 * One CLI session on a simulated IOS device: echo, line editing, prompts, enable, the pager, and the
 * commands of {@link IosCommands}. It speaks like IOS on a terminal: CRLF line ends, {@code --More--}
 * erased with backspaces, errors with a caret under the bad word.
 */
final class IosShell implements Command {
    /** A session that hangs on purpose still ends by itself, so no lab thread lives forever. */
    private static final long HANG_LIMIT_MINUTES = 10;

    private final SimulatedDevice device;
    private final LabSettings settings;
    private final SessionCounter counter;
    private final ExecutorService threads;
    private final Random random;
    private final CountDownLatch ended = new CountDownLatch(1);
    private final AtomicBoolean counted = new AtomicBoolean();
    private InputStream in;
    private OutputStream out;
    private ExitCallback exit;
    private ChannelSession channel;
    private boolean privileged;
    private int pageLength = 24;
    private boolean lastWasCarriageReturn;

    IosShell(SimulatedDevice device, LabSettings settings, SessionCounter counter, ExecutorService threads) {
        this.device = device;
        this.settings = settings;
        this.counter = counter;
        this.threads = threads;
        this.random = new Random(settings.seed() ^ device.name().hashCode() ^ System.nanoTime());
        this.privileged = device.platform().startsPrivileged();
    }

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
        // An interactive CLI writes everything to the terminal.
    }

    @Override
    public void setExitCallback(ExitCallback callback) {
        this.exit = callback;
    }

    @Override
    public void start(ChannelSession channel, Environment env) {
        this.channel = channel;
        counted.set(true);
        counter.opened();
        threads.execute(this::converse);
    }

    @Override
    public void destroy(ChannelSession channel) {
        ended.countDown();
        if (counted.compareAndSet(true, false)) {
            counter.closed();
        }
    }

    boolean privileged() {
        return privileged;
    }

    void setPrivileged(boolean privileged) {
        this.privileged = privileged;
    }

    void setPageLength(int lines) {
        this.pageLength = lines;
    }

    SimulatedDevice device() {
        return device;
    }

    private void converse() {
        try {
            counter.awaitGate();
            write("\r\n" + settings.motd(device.hostname()) + "\r\n");
            if (device.has(Fault.HANG)) {
                hang();
                return;
            }
            var commands = new IosCommands(this);
            while (true) {
                write(commands.prompt());
                String line = readLine(true);
                if (line == null) {
                    return;
                }
                pause();
                if (!commands.execute(line)) {
                    return;
                }
            }
        } catch (IOException e) {
            // The client went away: the session simply ends.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            destroy(channel);
            if (exit != null) {
                exit.onExit(0);
            }
        }
    }

    /** Reads one line, echoing what is typed when asked to (not for passwords); null at end of stream. */
    String readLine(boolean echo) throws IOException {
        var line = new StringBuilder();
        while (true) {
            int c = in.read();
            if (c < 0) {
                return null;
            }
            boolean enter = c == '\r' || (c == '\n' && !lastWasCarriageReturn);
            boolean skippedLineFeed = c == '\n' && lastWasCarriageReturn;
            lastWasCarriageReturn = c == '\r';
            if (enter) {
                write("\r\n");
                return line.toString();
            }
            if (skippedLineFeed) {
                continue;
            }
            if (c == '\b' || c == 0x7f) {
                if (line.length() > 0) {
                    line.setLength(line.length() - 1);
                    if (echo) {
                        write("\b \b");
                    }
                }
            } else if (c >= 0x20) {
                line.append((char) c);
                if (echo) {
                    write(String.valueOf((char) c));
                }
            }
        }
    }

    /** Prints command output, {@code --More--} every page unless paging is off (or the pager fault ignores that). */
    void page(List<String> lines) throws IOException {
        int length = pageLength == 0 && device.has(Fault.PAGER) ? 24 : pageLength;
        var chunk = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            chunk.append(lines.get(i)).append("\r\n");
            boolean pageFull = length > 0 && (i + 1) % length == 0 && i + 1 < lines.size();
            if (pageFull) {
                write(chunk.append(device.platform().pagerPrompt()).toString());
                chunk.setLength(0);
                int key = in.read();
                if (key < 0) {
                    throw new IOException("client gone");
                }
                write(device.platform().pagerErase());
                if (key == 'q' || key == 'Q') {
                    return;
                }
            }
        }
        write(chunk.toString());
    }

    void write(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    void writeBytes(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Ends the session abruptly, as a device that reboots or drops the line would. */
    void disconnect() throws IOException {
        channel.getSession().close(true);
        throw new IOException("disconnected on purpose");
    }

    /** Sends nothing more until the client gives up (or the limit passes). */
    void hang() throws InterruptedException {
        ended.await(HANG_LIMIT_MINUTES, TimeUnit.MINUTES);
    }

    /** Line noise for the garbage fault: the same bytes for the same device and seed, so tests repeat. */
    byte[] noise(int length) {
        byte[] bytes = new byte[length];
        new Random(settings.seed() * 31 + device.name().hashCode()).nextBytes(bytes);
        return bytes;
    }

    /** The device's think time before each answer: the lab's latency plus up to its jitter. */
    private void pause() throws InterruptedIOException {
        long millis = settings.latency().toMillis();
        if (settings.jitter().toMillis() > 0) {
            millis += random.nextInt((int) settings.jitter().toMillis() + 1);
        }
        if (millis > 0) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("lab stopping");
            }
        }
    }
}
