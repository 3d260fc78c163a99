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
 * One CLI session on a simulated device of any kind: login questions, modes and privilege, the commands,
 * their questions and answers, and the faults, all as its {@link DeviceKind} describes them. How it
 * reaches the screen (echo, pager, line ends, terminal quirks) is the {@link DeviceTerminal}'s job.
 */
final class SimulatedCli implements Command {
    /** A session that hangs on purpose still ends by itself, so no lab thread lives forever. */
    private static final long HANG_LIMIT_MINUTES = 10;
    /** The trickle fault's pace: far below any command_timeout, so only a bound on total time ends it. */
    static final long TRICKLE_MILLIS = 100;

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
    private DeviceTerminal terminal;
    private boolean privileged;
    private int pageLength;
    private Mode mode = Mode.EXEC;
    private String currentInterface;

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
        // The width the client asked for in its pty-req: what a narrow terminal wraps at.
        String asked = env.getEnv().get(Environment.ENV_COLUMNS);
        int columns = asked != null && asked.matches("\\d{1,5}") ? Integer.parseInt(asked) : 0;
        this.terminal = new DeviceTerminal(device, in, out, columns);
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

    private void converse() {
        try {
            counter.awaitGate();
            terminal.startScreen();
            terminal.write("\r\n");
            terminal.say(kind.banner().stream().map(device::fill).toList());
            if (device.has(Fault.HANG)) {
                hang();
                return;
            }
            login();
            terminal.write(prompt());
            while (true) {
                String line = terminal.readCommand(plainPrompt());
                if (line == null) {
                    return;
                }
                pause();
                if (!execute(line)) {
                    return;
                }
                terminal.write(prompt());
                if (device.has(Fault.STRAY_PROMPT) && !line.isBlank()) {
                    // As if an Enter had come in while the command ran: one more prompt, a moment later.
                    DeviceTerminal.sleep(DeviceTerminal.QUIRK_PAUSE_MILLIS);
                    terminal.write("\r\n" + prompt());
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
            terminal.write(question.text());
            String answer = question.key() ? String.valueOf((char) terminal.readKey()) : terminal.readLine(terminal.echoes());
            if (answer == null) {
                throw new IOException("client gone");
            }
            terminal.write("\r\n");
            if (!question.accepts(answer)) {
                throw new IOException("login question refused");
            }
        }
    }

    /** The prompt for the current mode, as the terminal shows it. */
    private String prompt() {
        return terminal.prompt(plainPrompt());
    }

    private String plainPrompt() {
        DeviceKind.Prompts prompts = kind.prompts();
        return device.fill(switch (mode) {
            case EXEC -> privileged ? prompts.privileged() : prompts.user();
            case CONFIG -> prompts.config();
            case CONFIG_INTERFACE -> prompts.configInterface();
        });
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
            return device.has(Fault.DEAF_TO_CLOSE); // that device stays at its prompt
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
                terminal.write("Pagination disabled."); // and no newline: the prompt follows on the same line
            } else if (!kind.pagerOffReply().isEmpty()) {
                terminal.say(List.of(kind.pagerOffReply()));
            }
        } else if (match(commands.width(), w).isPresent()) {
            terminal.setWidth(Integer.parseInt(match(commands.width(), w).get().get(0)));
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
            terminal.say(List.of("Enter configuration commands, one per line.  End with CNTL/Z."));
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
        terminal.write(enable.passwordPrompt().orElse("Password: "));
        String secret = terminal.readLine(false);
        if (secret == null) {
            throw new IOException("client gone");
        }
        device.receivedLine(null);
        terminal.write("\r\n");
        if (!device.has(Fault.ENABLE_REFUSED) && device.enableSecret().map(secret::equals).orElse(false)) {
            privileged = true;
        } else {
            terminal.say(List.of(enable.denied(), ""));
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
            terminal.write(question.text());
            String answer;
            if (question.key()) {
                // Acts on the key at once: an Enter typed after it is read later, as a blank command.
                int key = terminal.readKey();
                answer = key == '\r' || key == '\n' ? "" : String.valueOf((char) key);
                terminal.write(answer + "\r\n");
            } else {
                answer = terminal.readLine(terminal.echoes());
                if (answer == null) {
                    throw new IOException("client gone");
                }
                device.receivedLine(null);
                terminal.write("\r\n");
            }
            if (!question.accepts(answer)) {
                if (!question.key()) {
                    invalid(line);
                }
                return;
            }
        }
        terminal.say(save.output().stream().map(device::fill).toList());
        device.save();
    }

    /** Output that pages: the pager stays on at its length while paging is off if the pager fault says so. */
    private void page(List<String> lines) throws IOException {
        terminal.page(lines, pageLength == 0 && device.has(Fault.PAGER) ? kind.pager().lines() : pageLength);
    }

    private void showRunningConfig() throws IOException, InterruptedException {
        List<String> lines = new ArrayList<>(kind.showPreamble().stream().map(device::fill).toList());
        // Split at LF alone, as the configuration's lines are joined: a CR inside a line is sent as it is.
        lines.addAll(List.of(device.runningConfig().split("\n")));
        if (device.has(Fault.TRUNCATED)) {
            lines = lines.subList(0, lines.size() - 3);
        }
        if (device.has(Fault.GARBAGE)) {
            lines.add(lines.size() / 2, new String(noise(64), StandardCharsets.ISO_8859_1));
        }
        if (device.has(Fault.FLOOD)) {
            flood(lines);
        }
        if (device.has(Fault.TRICKLE)) {
            trickle(lines);
            return;
        }
        if (device.has(Fault.STALL) || device.has(Fault.DISCONNECT)) {
            page(lines.subList(0, lines.size() / 2));
            if (device.has(Fault.DISCONNECT)) {
                // The TCP connection is dropped once what was written has gone out, as a device that reboots or
                // loses its route drops it, and the shell says nothing more until the session is gone: a shell that
                // ended at once had MINA encode its channel's closing packets while the connection closed, and
                // with chacha20-poly1305 one came out corrupt now and then (3 runs in 100; OpenSSH's client said
                // "Connection corrupted" too).
                channel.getSession().getIoSession().close(false);
                hang();
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
        terminal.say(kind.invalid().stream().map(l -> l.replace("{{caret}}", " ".repeat(Math.max(0, caret)) + "^")).toList());
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

    /** The configuration over and over, as fast as the client reads, until it goes away (or the limit passes). */
    private void flood(List<String> lines) throws IOException {
        String block = String.join("\r\n", lines) + "\r\n";
        long until = System.nanoTime() + TimeUnit.MINUTES.toNanos(HANG_LIMIT_MINUTES);
        while (ended.getCount() > 0 && System.nanoTime() - until < 0) {
            terminal.write(block);
        }
        throw new IOException("flooded on purpose");
    }

    /** The configuration a byte at a time; then the prompt, should the client wait that long. */
    private void trickle(List<String> lines) throws IOException {
        String text = String.join("\r\n", lines) + "\r\n";
        for (int i = 0; i < text.length() && ended.getCount() > 0; i++) {
            terminal.write(text.substring(i, i + 1));
            DeviceTerminal.sleep(TRICKLE_MILLIS);
        }
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
        DeviceTerminal.sleep(millis);
    }
}
