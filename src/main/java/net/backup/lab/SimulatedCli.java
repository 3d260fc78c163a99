package net.backup.lab;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
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
 * One CLI session on a simulated device of any kind: the terminal (echo, line ends, pager, questions,
 * quirks) and the commands, all as its {@link DeviceKind} describes them. CRLF line ends, as a device
 * on a terminal sends.
 */
final class SimulatedCli implements Command {
    /** A session that hangs on purpose still ends by itself, so no lab thread lives forever. */
    private static final long HANG_LIMIT_MINUTES = 10;
    /** How late a quirk's late output comes (a stray prompt, the pieces of a split echo). */
    private static final long QUIRK_PAUSE_MILLIS = 40;
    /** The terminal width when the client asked for none. */
    private static final int DEFAULT_COLUMNS = 80;
    private static final String ESC = "\u001b[";

    private enum Mode { EXEC, CONFIG, CONFIG_INTERFACE }

    private static final CommandPattern END = CommandPattern.parse("end");
    private static final CommandPattern EXIT = CommandPattern.parse("exi[t]");
    private static final CommandPattern HOSTNAME = CommandPattern.parse("host[name]");
    private static final CommandPattern INTERFACE = CommandPattern.parse("int[erface]");
    private static final CommandPattern DESCRIPTION = CommandPattern.parse("desc[ription]");

    private final SimulatedDevice device;
    private final DeviceKind kind;
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
    private int columns = DEFAULT_COLUMNS;
    private boolean privileged;
    private int pageLength;
    private Mode mode = Mode.EXEC;
    private String currentInterface;
    private boolean lastWasCarriageReturn;
    private int commandsTyped;

    SimulatedCli(SimulatedDevice device, LabSettings settings, SessionCounter counter, ExecutorService threads) {
        this.device = device;
        this.kind = device.kind();
        this.settings = settings;
        this.counter = counter;
        this.threads = threads;
        this.random = new Random(settings.seed() ^ device.name().hashCode() ^ System.nanoTime());
        this.privileged = kind.startsPrivileged() || kind.enable().isEmpty();
        this.pageLength = kind.pager().lines();
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
        // The width the client asked for in its pty-req; what a narrow terminal wraps at.
        String asked = env.getEnv().get(Environment.ENV_COLUMNS);
        if (asked != null && asked.matches("\\d{1,5}") && Integer.parseInt(asked) > 0) {
            columns = Integer.parseInt(asked);
        }
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

    private boolean ansi() {
        return kind.ansi() || device.has(Fault.ANSI);
    }

    private boolean echoes() {
        return kind.echo() && !device.has(Fault.NO_ECHO);
    }

    private void converse() {
        try {
            counter.awaitGate();
            if (ansi()) {
                // Hide the cursor, set a scroll region, clear the screen and go home, as a VT100 CLI does at login.
                write(ESC + "?25l" + ESC + "1;24r" + ESC + "2J" + ESC + "H");
            }
            write("\r\n");
            say(kind.banner().stream().map(device::fill).toList());
            if (device.has(Fault.HANG)) {
                hang();
                return;
            }
            login();
            write(prompt());
            while (true) {
                String line = readCommand();
                if (line == null) {
                    return;
                }
                pause();
                if (!execute(line)) {
                    return;
                }
                write(prompt());
                if (device.has(Fault.STRAY_PROMPT) && !line.isBlank()) {
                    // As if an Enter had come in while the command ran: one more prompt, a moment later.
                    sleep(QUIRK_PAUSE_MILLIS);
                    write("\r\n" + prompt());
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

    /** The kind's questions before the first prompt (and {@code Press any key to continue} for that quirk). */
    private void login() throws IOException {
        var questions = new ArrayList<>(kind.login());
        if (device.has(Fault.PRESS_ANY_KEY)) {
            questions.add(0, DeviceKind.PRESS_ANY_KEY);
        }
        for (DeviceKind.Question question : questions) {
            write(question.text());
            String answer = question.key() ? String.valueOf((char) readKey()) : readLine(echoes());
            if (answer == null) {
                throw new IOException("client gone");
            }
            write("\r\n");
            if (!question.accepts(answer)) {
                throw new IOException("login question refused");
            }
        }
    }

    // ---- the terminal ----

    /** The prompt for the current mode, decorated when the device speaks ANSI. */
    private String prompt() {
        String plain = plainPrompt();
        return ansi() ? ESC + "24;1H" + ESC + "2K" + ESC + "1;32m" + plain + ESC + "0m" + ESC + "?25h" : plain;
    }

    private String plainPrompt() {
        DeviceKind.Prompts prompts = kind.prompts();
        return device.fill(switch (mode) {
            case EXEC -> privileged ? prompts.privileged() : prompts.user();
            case CONFIG -> prompts.config();
            case CONFIG_INTERFACE -> prompts.configInterface();
        });
    }

    /** Reads one byte the client typed; end of stream is the client gone. */
    private int readKey() throws IOException {
        int c = in.read();
        if (c < 0) {
            throw new IOException("client gone");
        }
        device.received(1);
        lastWasCarriageReturn = c == '\r'; // a CR LF pair answering a key question is one Enter
        return c;
    }

    /** Reads a command at the prompt, echoing it the way this device does. */
    private String readCommand() throws IOException {
        boolean plainEcho = echoes() && !device.has(Fault.SPLIT_ECHO) && !device.has(Fault.LINE_EDITING);
        String line = readLine(plainEcho);
        if (line == null) {
            return null;
        }
        device.receivedLine(line);
        commandsTyped++;
        if (echoes() && !plainEcho) {
            echoLate(line);
        }
        write("\r\n");
        return line;
    }

    /**
     * Reads one line, echoing each key as it comes when asked to (not for passwords); null at end of stream.
     * The Enter that ends it is not echoed here.
     */
    private String readLine(boolean echo) throws IOException {
        var line = new StringBuilder();
        while (true) {
            int c = in.read();
            if (c < 0) {
                return null;
            }
            device.received(1);
            boolean enter = c == '\r' || (c == '\n' && !lastWasCarriageReturn);
            boolean skippedLineFeed = c == '\n' && lastWasCarriageReturn;
            lastWasCarriageReturn = c == '\r';
            if (enter) {
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

    /** The echo of a line read whole: in pieces (split-echo) or redrawn (line-editing). */
    private void echoLate(String line) throws IOException {
        if (device.has(Fault.LINE_EDITING)) {
            String shownPrompt = prompt();
            int room = columns - plainPrompt().length() - 2;
            if (room > 8 && line.length() > room) {
                // Past the width, IOS scrolls the line: the start gives way to a '$' and the end stays in view.
                write(line.substring(0, room));
                write("\r" + shownPrompt + "$" + line.substring(line.length() - room + 1));
            } else if (commandsTyped % 2 == 1) {
                int half = line.length() / 2;
                write(line.substring(0, half) + "\b".repeat(half) + line);
            } else {
                write(line + "\r" + shownPrompt + line);
            }
            return;
        }
        int third = Math.max(1, line.length() / 3);
        for (int start = 0; start < line.length(); start += third) {
            if (start > 0) {
                sleep(QUIRK_PAUSE_MILLIS);
            }
            write(line.substring(start, Math.min(line.length(), start + third)));
        }
    }

    /** Lines of output, as they come out of this terminal (wrapped at its width, with ANSI, as the quirks say). */
    private String render(String line) {
        String text = line;
        if (device.has(Fault.NARROW_TERMINAL) && text.length() > columns) {
            var wrapped = new StringBuilder();
            for (int start = 0; start < text.length(); start += columns) {
                if (start > 0) {
                    wrapped.append("\r\n");
                }
                wrapped.append(text, start, Math.min(text.length(), start + columns));
            }
            text = wrapped.toString();
        }
        return (ansi() ? ESC + "2K" + text + ESC + "0m" : text) + "\r\n";
    }

    /** Prints lines without paging. */
    private void say(List<String> lines) throws IOException {
        var text = new StringBuilder();
        lines.forEach(line -> text.append(render(line)));
        write(text.toString());
    }

    /** Prints command output, with a pager prompt every page unless paging is off (or the pager fault ignores that). */
    private void page(List<String> lines) throws IOException {
        int length = pageLength == 0 && device.has(Fault.PAGER) ? kind.pager().lines() : pageLength;
        String pagerPrompt = ansi() ? ESC + "7m" + kind.pager().prompt() + ESC + "27m" : kind.pager().prompt();
        var chunk = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            chunk.append(render(lines.get(i)));
            boolean pageFull = length > 0 && (i + 1) % length == 0 && i + 1 < lines.size();
            if (pageFull) {
                write(chunk.append(pagerPrompt).toString());
                chunk.setLength(0);
                int key = readKey();
                write(ansi() ? "\r" + ESC + "2K" : kind.pager().eraser());
                if (key == 'q' || key == 'Q') {
                    return;
                }
            }
        }
        write(chunk.toString());
    }

    private void write(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    // ---- the commands ----

    /** @return false when the session should end */
    private boolean execute(String line) throws IOException, InterruptedException {
        String[] words = line.trim().isEmpty() ? new String[0] : line.trim().split("\\s+");
        if (words.length == 0) {
            return true;
        }
        return mode == Mode.EXEC ? exec(line, words) : configure(line, words);
    }

    private boolean exec(String line, String[] w) throws IOException, InterruptedException {
        DeviceKind.Commands commands = kind.commands();
        if (matches(commands.exit(), w)) {
            return false;
        }
        Optional<List<String>> pagerOff = match(commands.pagerOff(), w);
        Optional<DeviceKind.Save> save = kind.saves().stream().filter(s -> s.command().match(w).isPresent()).findFirst();
        if (kind.enable().isPresent() && kind.enable().get().command().match(w).isPresent()) {
            enable();
        } else if (kind.enable().isPresent() && matches(commands.disable(), w)) {
            privileged = false;
        } else if (pagerOff.isPresent()) {
            pageLength = pagerOff.get().isEmpty() ? 0 : Integer.parseInt(pagerOff.get().get(0));
            if (device.has(Fault.GLUED_PROMPT)) {
                write("Pagination disabled."); // and no newline: the prompt follows on the same line
            } else if (!kind.pagerOffReply().isEmpty()) {
                say(List.of(kind.pagerOffReply()));
            }
        } else if (match(commands.width(), w).isPresent()) {
            int width = Integer.parseInt(match(commands.width(), w).get().get(0));
            columns = width == 0 ? Integer.MAX_VALUE : width; // 0: lines are never wrapped
        } else if (matches(commands.ignored(), w)) {
            return true;
        } else if (privileged && matches(commands.showConfig(), w)) {
            showRunningConfig();
        } else if (privileged && save.isPresent()) {
            save(save.get(), line);
        } else if (matches(commands.showVersion(), w)) {
            page(kind.version().stream().map(device::fill).toList());
        } else if (privileged && matches(commands.configure(), w)) {
            mode = Mode.CONFIG;
            say(List.of("Enter configuration commands, one per line.  End with CNTL/Z."));
        } else {
            invalid(line);
        }
        return true;
    }

    private void enable() throws IOException {
        if (privileged) {
            return;
        }
        DeviceKind.Enable enable = kind.enable().orElseThrow();
        if (enable.passwordPrompt().isEmpty() && !device.has(Fault.ENABLE_REFUSED)) {
            privileged = true;
            return;
        }
        write(enable.passwordPrompt().orElse("Password: "));
        String secret = readLine(false);
        if (secret == null) {
            throw new IOException("client gone");
        }
        device.receivedLine(null);
        write("\r\n");
        if (!device.has(Fault.ENABLE_REFUSED) && device.enableSecret().map(secret::equals).orElse(false)) {
            privileged = true;
        } else {
            say(List.of(enable.denied(), ""));
        }
    }

    /** A save command: its questions (a key or a line each), then its output. */
    private void save(DeviceKind.Save save, String line) throws IOException {
        if (device.has(Fault.WRMEM_INVALID)) {
            invalid(line);
            return;
        }
        var questions = new ArrayList<>(save.questions());
        if (device.has(Fault.KEYSTROKE_CONFIRM) && questions.stream().noneMatch(DeviceKind.Question::key)) {
            questions.add(0, DeviceKind.SAVE_CONFIRMATION);
        }
        for (DeviceKind.Question question : questions) {
            write(question.text());
            String answer;
            if (question.key()) {
                // Acts on the key at once: an Enter typed after it is read later, as a blank command.
                int key = readKey();
                answer = key == '\r' || key == '\n' ? "" : String.valueOf((char) key);
                write(answer + "\r\n");
            } else {
                answer = readLine(echoes());
                if (answer == null) {
                    throw new IOException("client gone");
                }
                device.receivedLine(null);
                write("\r\n");
            }
            if (!question.accepts(answer)) {
                if (!question.key()) {
                    invalid(line);
                }
                return;
            }
        }
        say(save.output().stream().map(device::fill).toList());
        device.save();
    }

    private void showRunningConfig() throws IOException, InterruptedException {
        List<String> lines = new ArrayList<>(kind.showPreamble().stream().map(device::fill).toList());
        lines.addAll(device.runningConfig().lines().toList());
        if (device.has(Fault.TRUNCATED)) {
            lines = lines.subList(0, lines.size() - 3);
        }
        if (device.has(Fault.GARBAGE)) {
            lines.add(lines.size() / 2, new String(noise(64), StandardCharsets.ISO_8859_1));
        }
        if (device.has(Fault.STALL) || device.has(Fault.DISCONNECT)) {
            page(lines.subList(0, lines.size() / 2));
            if (device.has(Fault.DISCONNECT)) {
                channel.getSession().close(true);
                throw new IOException("disconnected on purpose");
            }
            hang();
            throw new IOException("stalled on purpose");
        }
        page(lines);
    }

    /** Configuration mode, in the words the IOS family shares: hostname, interface, description, exit, end. */
    private boolean configure(String line, String[] w) throws IOException {
        if (END.match(w).isPresent()) {
            mode = Mode.EXEC;
        } else if (EXIT.match(w).isPresent()) {
            mode = mode == Mode.CONFIG_INTERFACE ? Mode.CONFIG : Mode.EXEC;
        } else if (w.length == 2 && HOSTNAME.prefixOf(w)) {
            device.setHostname(w[1]);
        } else if (w.length >= 2 && INTERFACE.prefixOf(w)) {
            currentInterface = String.join("", Arrays.copyOfRange(w, 1, w.length));
            mode = Mode.CONFIG_INTERFACE;
        } else if (mode == Mode.CONFIG_INTERFACE && w.length >= 2 && DESCRIPTION.prefixOf(w)) {
            device.setDescription(currentInterface, line.trim().substring(w[0].length()).trim());
        } else {
            invalid(line);
        }
        return true;
    }


    /** The kind's invalid-input answer, with a caret under the first word it could not make sense of. */
    private void invalid(String line) throws IOException {
        int caret = line.indexOf(line.trim()) + plainPrompt().length();
        say(kind.invalid().stream().map(l -> l.replace("{{caret}}", " ".repeat(Math.max(0, caret)) + "^")).toList());
    }

    private static boolean matches(List<CommandPattern> patterns, String[] typed) {
        return match(patterns, typed).isPresent();
    }

    private static Optional<List<String>> match(List<CommandPattern> patterns, String[] typed) {
        for (CommandPattern pattern : patterns) {
            Optional<List<String>> arguments = pattern.match(typed);
            if (arguments.isPresent()) {
                return arguments;
            }
        }
        return Optional.empty();
    }

    // ---- time and faults ----

    /** Sends nothing more until the client gives up (or the limit passes). */
    private void hang() throws InterruptedException {
        ended.await(HANG_LIMIT_MINUTES, TimeUnit.MINUTES);
    }

    /** Line noise for the garbage fault: the same bytes for the same device and seed, so tests repeat. */
    private byte[] noise(int length) {
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
        sleep(millis);
    }

    private static void sleep(long millis) throws InterruptedIOException {
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
