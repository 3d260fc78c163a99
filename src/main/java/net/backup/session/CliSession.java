package net.backup.session;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import net.backup.platform.Answer;
import net.backup.platform.Platform;
import net.backup.platform.RegexGuard;
import net.backup.platform.SecretRule;
import net.backup.platform.TextBlocks;
import net.backup.secret.Secret;
import net.backup.time.Durations;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.channel.direct.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One CLI conversation with a device over an interactive shell: learn the prompt, reach privileged mode,
 * run commands. A command's reply starts after the device's echo of that command and ends when the
 * device's exact prompt comes back ({@link PromptReader}), never after a fixed delay; so on a device that
 * echoes, a stray prompt (a blank line the device saw, a question answered with one key too many) can
 * never shift replies onto the wrong commands. A device that does not echo ({@code echo: false}) offers
 * no such mark: see {@link #checkInStep}.
 */
public final class CliSession implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CliSession.class);
    private static final int MAX_PROMPT_TRIES = 5;
    /**
     * Typed where the end of a kept output is in doubt: a comment line (IOS, EOS, NX-OS ignore lines that start
     * with '!'; others answer with an error, which is read and dropped). It is never taken for a hostname to
     * connect to, as an unknown word can be on IOS, and has no blank, which JunOS would try to complete. Each
     * session adds a random suffix: the probe's echo ends the output, and a configuration's own text (a banner)
     * cannot hold the echo of a line no one could know before the session typed it.
     */
    static final String PROBE = "!backup-end-of-output-";
    private static final SecureRandom PROBE_SUFFIXES = new SecureRandom();

    private final SSHClient client;
    /** This session's probe: {@link #PROBE} and eight random hex digits. */
    private final String probe = PROBE + HexFormat.of().toHexDigits(PROBE_SUFFIXES.nextInt());
    private final Session session;
    private final OutputStream keyboard;
    private final PromptReader reader;
    private final Platform platform;
    private final Watchdog.Watch watch;
    private final Watchdog watchdog;
    private final Duration commandDeadline;
    private final RegexGuard guard;
    /** What sshj's own side gave up on, if the device broke the protocol: each step's failure is read with it. */
    private final TransportDeath death;
    /** The current step's command_deadline (login, enable, one command): wall time, unlike the silence watch. */
    private Watchdog.Watch step;
    private String stepName = "";
    /** A pager prompt is answered with a space, whatever the command. */
    private final List<PromptReader.Interjection> pager;
    private final int terminalColumns;
    private String prompt;
    /** The prompt has been seen in front of an echo (or, without echo, twice): it is the device's. */
    private boolean promptConfirmed;
    /** The last step ended at the prompt: the exit command would reach the CLI, not answer a question. */
    private boolean atPrompt;
    /** The enable secret once typed: hidden in any device text a message quotes (see {@link #withoutTypedSecret}). */
    private String typedSecret;

    /**
     * @param watch           the silence bound (command_timeout), reset by every byte that arrives
     * @param commandDeadline the most one step (login, enable, a command) may take, however much the device sends
     * @param account         what this session's output takes from the run's {@link OutputBudget}
     * @param guard           stops the platform's patterns once the task is over
     * @param death           why sshj's side gave up on the connection, if it did
     */
    CliSession(SSHClient client, Session session, Session.Shell shell, Platform platform, Watchdog.Watch watch,
            Watchdog watchdog, Duration commandDeadline, OutputBudget.Account account,
            RegexGuard guard, TransportDeath death, int terminalColumns) {
        this.terminalColumns = terminalColumns;
        this.client = client;
        this.session = session;
        this.keyboard = shell.getOutputStream();
        this.reader = new PromptReader(new ProgressInputStream(shell.getInputStream(), watch),
                bytes -> account.take(bytes, this::worthWaiting), guard);
        this.platform = platform;
        this.watch = watch;
        this.watchdog = watchdog;
        this.commandDeadline = commandDeadline;
        this.guard = guard;
        this.death = death;
        this.pager = List.of(PromptReader.Interjection.pager(platform.pagerPrompt(), " "));
    }

    /** The prompt the device showed after login (and after enable, the privileged one). */
    public String prompt() {
        return prompt;
    }

    /**
     * Waits for the first line that looks like a prompt, answering the platform's login questions on the way
     * ({@code Press any key to continue}). A device that echoes confirms it with the first command's echo,
     * which costs no extra round trip; without echo, Enter must bring back the very same line, so that a
     * banner line that merely looks like a prompt is not taken for it.
     */
    void findPrompt() throws SessionException {
        inStep("login", () -> {
            findPromptStep();
            return null;
        });
    }

    private void findPromptStep() throws SessionException {
        var interjections = new ArrayList<>(pager);
        platform.loginAnswers().forEach(a -> interjections.add(new PromptReader.Interjection(a.question(), a.keys())));
        Predicate<String> looksLikePrompt = this::looksLikePrompt;
        String candidate = read(looksLikePrompt, "waiting for the first prompt", interjections).lastLine();
        if (platform.echo()) {
            prompt = candidate;
            return;
        }
        for (int i = 0; i < MAX_PROMPT_TRIES; i++) {
            type("");
            String again = read(looksLikePrompt, "waiting for the prompt", pager).lastLine();
            if (again.equals(candidate)) {
                prompt = candidate;
                promptConfirmed = true;
                return;
            }
            candidate = again;
        }
        throw new SessionException(SessionException.Cause.DEVICE, "the prompt never settled (last seen '" + candidate + "')");
    }

    /** A user-mode prompt ({@code csr1>}) is raised with the platform's enable command and the enable secret. */
    void enable(Optional<Secret> enableSecret) throws SessionException {
        if (!platform.isUserMode(prompt)) {
            return;
        }
        inStep("enable", () -> {
            enableStep(enableSecret);
            return null;
        });
    }

    private void enableStep(Optional<Secret> enableSecret) throws SessionException {
        Predicate<String> promptOrPassword = line -> looksLikePrompt(line)
                || platform.passwordPrompt().matcher(guard.text(line.strip())).matches();
        type(platform.enableCommand());
        awaitEcho(platform.enableCommand());
        PromptReader.Reply reply = read(promptOrPassword, "waiting for enable", pager);
        boolean secretSent = false;
        if (platform.passwordPrompt().matcher(guard.text(reply.lastLine().strip())).matches()) {
            if (enableSecret.isEmpty()) {
                throw new SessionException(SessionException.Cause.AUTHENTICATION, "logged in to user mode ('" + prompt.strip()
                        + "') and enable asks for a password, but no enable_secret is set");
            }
            typedSecret = enableSecret.get().reveal();
            type(typedSecret);
            secretSent = true;
            reply = read(promptOrPassword, "waiting for enable", pager);
            if (platform.passwordPrompt().matcher(guard.text(reply.lastLine().strip())).matches()) {
                throw new SessionException(SessionException.Cause.AUTHENTICATION, "enable secret rejected");
            }
        }
        if (!platform.isPrivileged(reply.lastLine())) {
            throw enableFailed(reply, secretSent);
        }
        prompt = reply.lastLine();
    }

    /**
     * An error line in the reply is quoted, and is a refusal (AAA's "% Error in authentication", say); so is
     * silence after the secret. A device that neither asked for a secret nor refused in the platform's words
     * answered something else ("% No password set", JunOS's "unknown command." to a device given the wrong
     * platform): its words are quoted, and it is no credential problem.
     */
    private SessionException enableFailed(PromptReader.Reply reply, boolean secretSent) {
        Optional<String> error = OutputCleaner.firstMatchingLine(reply.text(), platform.errorLines(), guard);
        if (error.isPresent() || secretSent) {
            return new SessionException(SessionException.Cause.AUTHENTICATION, "enable failed: "
                    + error.map(line -> SecretRule.quotable(withoutTypedSecret(line), platform.secrets(), guard)).orElse("still in user mode"));
        }
        // A caret line under the command ("^", where the error is) is no words.
        String before = OutputCleaner.clean(reply.text()).lines().map(String::strip).filter(CliSession::hasWords)
                .reduce((first, last) -> last).map(line -> SecretRule.quotable(withoutTypedSecret(line), platform.secrets(), guard)).orElse("");
        return new SessionException(SessionException.Cause.DEVICE, "enable failed: still in user mode ('" + prompt.strip() + "'), "
                + (before.isEmpty() ? "the device said nothing" : "the device answered '" + before + "'")
                + " (is its platform " + platform.name() + "?)");
    }

    /**
     * A device's line, as read (a char per byte), with what was typed as a secret hidden wherever it stands: the
     * platform's secret rules know configuration lines, not the conversation, so a device that echoes the enable
     * secret as it is typed (and then stalls) would have it quoted in the error, the console and the report. Done
     * on the line as read, before any rule rewrites part of it or the bytes are decoded, in the form the secret
     * was sent in (the cold review: 'horse key battery staple' was shown as 'horse key <secret> staple').
     */
    private String withoutTypedSecret(String line) {
        if (typedSecret == null || typedSecret.isEmpty()) {
            return line;
        }
        String asSent = new String(typedSecret.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.ISO_8859_1);
        return line.replace(asSent, "******");
    }

    private static boolean hasWords(String line) {
        return line.chars().anyMatch(Character::isLetterOrDigit);
    }

    /** Runs one command and returns its output: no echo, no prompt, no pager prompts, LF line ends. */
    public String run(String command) throws SessionException {
        return run(command, List.of(), PromptReader.Ending.COMMAND);
    }

    /** Runs a command that may ask questions on the way, answering each as the platform says. */
    public String run(String command, List<Answer> answers) throws SessionException {
        return run(command, answers, PromptReader.Ending.COMMAND);
    }

    /**
     * Runs a command whose output is kept. Where the output does not end with the platform's end marker,
     * the prompt that seems to end it is confirmed with the device first (see {@link PromptReader#readReply}).
     */
    public String capture(String command) throws SessionException {
        String output = run(command, List.of(), captureEnding());
        checkNotEchoedAgain(command, output);
        checkNotWrapped(output);
        checkNoPromptInside(output);
        return output;
    }

    /**
     * The session's prompt on a line of its own inside kept output is no configuration line: the device showed its
     * prompt in the middle of the output (a second command's output, or a configuration sent twice, followed it:
     * probe K's peer had both stored). Only the operator's free text may hold such a line (a banner).
     */
    private void checkNoPromptInside(String output) throws SessionException {
        String shown = prompt.strip();
        if (shown.isEmpty() || !output.contains(shown)) {
            return; // almost every output: one search, no line looked at
        }
        var blocks = new TextBlocks(platform.textBlocks(), guard);
        int number = 1;
        for (int from = 0, length = output.length(); from < length; number++) {
            int next = output.indexOf('\n', from);
            next = next < 0 ? length : next;
            boolean freeText = blocks.isText(output, from, next);
            if (!freeText && output.substring(from, next).strip().equals(shown)) {
                throw new SessionException(SessionException.Cause.OUTPUT, "line " + number + " of the output is the "
                        + "device's prompt ('" + shown + "'): more came after it than one command's output; nothing was stored");
            }
            from = next + 1;
        }
    }

    /**
     * A reply starts after the device's echo of its command; a device that sends the command line once more,
     * on a line of its own (or that echoes at all, where the platform says {@code echo: false}), puts the
     * command where the output's first line should be. No configuration starts with the command that shows it,
     * and dropping the line would guess at what else such a device does differently: it fails instead.
     */
    private void checkNotEchoedAgain(String command, String output) throws SessionException {
        String typed = command.strip();
        String first = output.lines().map(String::strip).filter(line -> !line.isEmpty()).findFirst().orElse("");
        if (typed.isEmpty() || !first.endsWith(typed)) {
            return;
        }
        String before = first.substring(0, first.length() - typed.length()).strip();
        if (before.isEmpty() || before.equals(prompt.strip())) {
            throw new SessionException(SessionException.Cause.OUTPUT, "the device echoed '" + typed + "'"
                    + (platform.echo() ? " twice (the output's first line is the command again)"
                            : ", though its platform says echo: false (the output's first line is the command)")
                    + "; nothing was stored");
        }
    }

    /**
     * A CLI that breaks long lines at the terminal's width makes a line exactly that wide followed by the
     * rest on the next line, which cannot be told from two real lines: rather than store a configuration
     * that may have been cut in two, the device fails (its platform should turn wrapping off).
     */
    private void checkNotWrapped(String output) throws SessionException {
        int number = 1;
        for (int lineStart = 0, i; (i = output.indexOf('\n', lineStart)) >= 0; lineStart = i + 1, number++) {
            // In columns, as the device breaks lines, not bytes: a line of UTF-8 text or tabs fills the width
            // with more bytes, or fewer.
            if (TerminalColumns.fillsTheWidth(output, lineStart, i, terminalColumns)) {
                throw new SessionException(SessionException.Cause.OUTPUT, "line " + number + " of the output fills the"
                        + " terminal's width, " + terminalColumns + " columns: the device may have wrapped a longer"
                        + " line (its platform's setup should turn wrapping off, e.g. terminal width 0)");
            }
        }
    }

    private String run(String command, List<Answer> answers, PromptReader.Ending ending) throws SessionException {
        return inStep("'" + command + "'", () -> runStep(command, answers, ending));
    }

    private String runStep(String command, List<Answer> answers, PromptReader.Ending ending) throws SessionException {
        var interjections = new ArrayList<>(pager);
        answers.forEach(a -> interjections.add(new PromptReader.Interjection(a.question(), a.keys())));
        type(command);
        String dropped = awaitEcho(command).before();
        if (!dropped.isBlank()) {
            LOG.debug("dropped before the echo of '{}': {}", command, PromptReader.abbreviate(dropped));
        }
        try {
            PromptReader.Reply reply = reader.readReply(prompt, interjections, this::send, ending);
            return OutputCleaner.clean(platform.echo() ? reply.text() : afterPromptLine(reply.text()));
        } catch (IOException e) {
            throw failure(e, "after '" + command + "'");
        }
    }

    /**
     * How a kept output's end is made sure of: the platform's end marker, else a probe whose echo marks the
     * device's real prompt (only a device that echoes can be probed so; without echo, a quiet device).
     */
    private PromptReader.Ending captureEnding() {
        return PromptReader.Ending.capture(platform.completeLastLine(), platform.echo() ? Optional.of(probe) : Optional.empty(),
                platform.volatileLines(), platform.declaredTextBlocks());
    }

    /**
     * Types the setup and backup commands in one go, for a platform that declares it safe ({@code pipeline:
     * true}), and splits the replies by the echoes: a command's reply is what stands between its echo and
     * the next command's echo, the last one's ends at the prompt. One round trip instead of one per command.
     *
     * @return each command's output, setup commands first
     */
    public List<String> pipeline(List<String> setup, List<String> backup) throws SessionException {
        return inStep("the pipelined commands", () -> pipelineStep(setup, backup));
    }

    private List<String> pipelineStep(List<String> setup, List<String> backup) throws SessionException {
        var commands = new ArrayList<>(setup);
        commands.addAll(backup);
        try {
            send(String.join("\r", commands) + "\r");
        } catch (IOException e) {
            throw sendFailure(e, "while sending commands");
        }
        var outputs = new ArrayList<String>();
        awaitEcho(commands.get(0));
        for (int i = 0; i < commands.size(); i++) {
            String text;
            if (i + 1 < commands.size()) {
                PromptReader.Echo next = awaitEcho(commands.get(i + 1));
                String before = next.before();
                text = before.substring(0, PromptReader.endBeforeClosingPrompts(before, before.length(), prompt))
                        + gluedTo(next.prompt());
            } else {
                try {
                    text = reader.readReply(prompt, pager, this::send,
                            captureEnding()).text();
                } catch (IOException e) {
                    throw failure(e, "after '" + commands.get(i) + "'");
                }
            }
            String output = OutputCleaner.clean(text);
            if (i >= setup.size()) {
                checkNotEchoedAgain(commands.get(i), output);
                checkNotWrapped(output);
            }
            outputs.add(output);
        }
        return outputs;
    }

    /** Output the prompt in front of an echo was glued to ({@code Pagination disabled.sw1#}), as a line. */
    private String gluedTo(String seenPrompt) {
        String seen = seenPrompt.stripTrailing();
        String exact = prompt.stripTrailing();
        return seen.equals(exact) ? "" : seen.substring(0, seen.length() - exact.length()) + "\n";
    }

    /**
     * Without echo, nothing marks where a reply starts, so a stray prompt would go unnoticed: one Enter at
     * the end must bring back the bare prompt. Had replies slipped onto later commands, the last one's
     * output would arrive here instead. This counting holds because nothing else is typed without echo (no
     * probe: a doubtful end waits for the device to go quiet). It is a check, not a proof: a slip whose
     * shifted output still passes the configuration check and is followed by exactly one more stray prompt
     * would go unseen. With echo this needs no check.
     */
    public void checkInStep() throws SessionException {
        if (platform.echo()) {
            return;
        }
        inStep("the final prompt check", () -> {
            confirmBarePrompt();
            return null;
        });
    }

    private void confirmBarePrompt() throws SessionException {
        type("");
        try {
            PromptReader.Reply reply = reader.readReply(prompt, pager, this::send, PromptReader.Ending.COMMAND);
            if (!afterPromptLine(reply.text()).isBlank()) {
                throw new SessionException(SessionException.Cause.OUTPUT, "out of step with the device: output arrived"
                        + " after the last command had ended (an extra prompt?); nothing was stored");
            }
        } catch (IOException e) {
            throw failure(e, "after the last command");
        }
    }

    /**
     * Without echo, the reply begins with the rest of the prompt's line, where the echo would have stood,
     * and may begin with the prompt again, printed for a stray Enter: prompts are not output, so the reply
     * starts after the last prompt line among its leading prompt and blank lines.
     */
    private String afterPromptLine(String text) {
        int newline = text.indexOf('\n');
        String first = ScreenLine.render(text, 0, newline < 0 ? text.length() : newline).stripTrailing();
        String exact = prompt.strip();
        if (!first.equals(exact) && first.startsWith(exact)) {
            // Output that begins on the prompt's own line, with no line break first (a terminal with echo off)
            return first.substring(exact.length()) + (newline < 0 ? "" : "\n" + skipLeadingPrompts(text, newline + 1));
        }
        return newline < 0 ? text : skipLeadingPrompts(text, newline + 1);
    }

    /** {@code text} from {@code start}, less the prompt lines (and blank lines among them) it begins with. */
    private String skipLeadingPrompts(String text, int start) {
        int cut = start;
        int lineStart = start;
        while (lineStart < text.length()) {
            int newline = text.indexOf('\n', lineStart);
            if (newline < 0) {
                break;
            }
            String line = ScreenLine.render(text, lineStart, newline).strip();
            if (line.equals(prompt.strip())) {
                cut = newline + 1;
            } else if (!line.isEmpty()) {
                break;
            }
            lineStart = newline + 1;
        }
        return text.substring(cut);
    }

    /** Reads past the echo of {@code command}; the first echo also confirms the prompt. */
    private PromptReader.Echo awaitEcho(String command) throws SessionException {
        if (!platform.echo()) {
            return new PromptReader.Echo(prompt, "");
        }
        Predicate<String> isPrompt = promptConfirmed
                ? seen -> seen.stripTrailing().endsWith(prompt.stripTrailing())
                : this::looksLikePrompt;
        PromptReader.Echo echo;
        try {
            echo = reader.skipToEcho(command, isPrompt);
        } catch (IOException e) {
            if (watch.expired() && !step.expired()) {
                // Probe N took the old hint, "needs echo: false", for the fix of an abbreviated JunOS command.
                throw new SessionException(SessionException.Cause.TIMEOUT, "no echo of '" + command + "' within "
                        + Durations.setting(watch.timeout()) + " (command_timeout): a device that completes or rewrites"
                        + " what is typed (JunOS completes abbreviated words) echoes something else, so write commands out"
                        + " in full; one that does not echo at all needs echo: false in its platform");
            }
            throw failure(e, "after '" + command + "'");
        }
        if (!promptConfirmed) {
            String seen = echo.prompt();
            // A privileged prompt where user mode was expected does no harm (enable is a no-op there); the
            // other way round, the command just sent was refused, and its answer must not be taken for output.
            if (platform.isUserMode(seen) && !platform.isUserMode(prompt)) {
                throw new SessionException(SessionException.Cause.DEVICE, "the line taken for the prompt at login ('"
                        + prompt.strip() + "') was not the device's prompt ('" + seen.strip() + "')");
            }
            prompt = seen;
            promptConfirmed = true;
        }
        return echo;
    }

    private PromptReader.Reply read(Predicate<String> done, String what, List<PromptReader.Interjection> interjections)
            throws SessionException {
        try {
            return reader.readUntil(done, interjections, this::send);
        } catch (IOException e) {
            throw failure(e, what);
        }
    }

    private SessionException failure(IOException e, String what) {
        if (step.expired()) {
            return SessionException.notRetried(SessionException.Cause.TIMEOUT, stepName + " not finished within "
                    + Durations.setting(commandDeadline) + " (command_deadline)", e);
        }
        if (e instanceof PromptReader.OutputTooLargeException || e instanceof PromptReader.LineTooLongException) {
            return new SessionException(SessionException.Cause.OUTPUT, e.getMessage() + " " + what, e);
        }
        if (SshErrors.isSendWindowShut(e)) { // a pager's key or a probe, sent while reading
            return tookNoInput(e);
        }
        if (watch.expired()) {
            Optional<String> changed = changedPrompt();
            if (changed.isPresent()) {
                // Most likely a command that changed the prompt, the same on every try; but a device that stalled
                // on a line that reads like a prompt looks the same, so it is still a timeout, tried again.
                return new SessionException(SessionException.Cause.TIMEOUT, "the device waits " + what + " at '"
                        + changed.get() + "', a prompt but not the session's ('" + prompt.strip() + "'), and nothing more"
                        + " came within " + Durations.setting(watch.timeout()) + " (command_timeout); if a command changed"
                        + " the prompt (a configuration mode, a prompt that counts commands), it cannot be one of the"
                        + " platform's: a session follows one prompt", e);
            }
            String message = "no output for " + Durations.setting(watch.timeout()) + " " + what + " (command_timeout)"
                    + waitingWith();
            if (waitsForAnAnswer()) {
                // The device asked, and will ask the same next time: another attempt only costs the timeout again
                // (a save's question no answer of the platform's matched cost three minutes per device, probe J).
                return SessionException.notRetried(SessionException.Cause.TIMEOUT, message + ", a question: not tried"
                        + " again (a save's questions are answered as its platform file's answers say)", e);
            }
            Optional<String> unmatched = promptNotMatched();
            if (unmatched.isPresent()) {
                return SessionException.notRetried(SessionException.Cause.TIMEOUT, message + unmatched.get(), e);
            }
            return new SessionException(SessionException.Cause.TIMEOUT, message);
        }
        return new SessionException(SessionException.Cause.NETWORK, "connection lost " + what + ": "
                + SshErrors.describe(e), e);
    }

    /**
     * The line the device waits with, if it is a prompt by the platform's pattern but not the session's: the device
     * most likely answered, with another prompt ({@code FGT (console) #} after {@code config system console},
     * EXOS's {@code X460.3 #} that counts commands). Said as such, not as silence.
     */
    private Optional<String> changedPrompt() {
        String last = reader.lastLineShown();
        if (prompt == null || last.isEmpty() || last.equals(prompt.strip()) || !looksLikePrompt(last)) {
            return Optional.empty();
        }
        return Optional.of(Excerpt.of(SecretRule.quotablePerhapsCutShort(withoutTypedSecret(last), platform.secrets(), guard), 80));
    }

    /**
     * A device that waits for an answer says so on its last line: a question no platform answer matched. A
     * device that stalled part-way through its configuration leaves a configuration line there, so its
     * secrets are hidden, and a line that may be the cut-short start of one with a secret is not shown
     * ({@link SecretRule#quotablePerhapsCutShort}).
     */
    private String waitingWith() {
        String last = reader.lastLineShown();
        if (last.isEmpty() || prompt != null && last.equals(prompt.strip())) {
            return "";
        }
        String shown = SecretRule.quotablePerhapsCutShort(withoutTypedSecret(last), platform.secrets(), guard);
        if (platform.pagerPrompt().matcher(guard.text(last)).matches()) {
            // Most often a pager that came after the end-of-output probe was typed (a line that read like the
            // prompt, then a pause), and took its keys: the probe is not answered while its echo is awaited.
            return "; it was waiting at its pager ('" + Excerpt.of(shown, 80) + "'): the device pages although its"
                    + " platform's setup should turn paging off, and a pager takes keys typed ahead (the end-of-output probe)";
        }
        return "; it was waiting after '" + Excerpt.of(shown, 80) + "'";
    }

    /**
     * Whether the device waits on a question: its last line, with no line end after it, is shaped like one
     * ({@code Destination filename [startup-config]?}, {@code [confirm]}, {@code (y/n)}). A configuration line
     * the device stalled on is followed by its line end, or is not shaped so, and is tried again.
     */
    private boolean waitsForAnAnswer() {
        String last = reader.lastLineShown().strip();
        return !last.isEmpty() && !looksLikePrompt(last) && !platform.pagerPrompt().matcher(guard.text(last)).matches()
                && QUESTION.matcher(last).matches();
    }

    /** How questions end: a question mark, a bracketed choice or default, a yes/no in parentheses. */
    private static final java.util.regex.Pattern QUESTION =
            java.util.regex.Pattern.compile("(?s).*(?:\\?|\\[[^\\[\\]]*\\]|\\((?i:y/n|yes/no)\\))\\s*:?");

    /**
     * Before the first prompt, a last line that ends as prompts do ({@code jsmith@corp@mx1>}) but that the
     * platform's prompt pattern does not match: the pattern is the likely cause, and another attempt would end
     * the same (probe J: a JunOS user name with '@' and 3 attempts of 10 s said only "no output").
     */
    private Optional<String> promptNotMatched() {
        String last = reader.lastLineShown().strip();
        if (prompt != null || last.isEmpty() || last.length() > 80 || looksLikePrompt(last)
                || !PROMPT_END.matcher(last).matches()) {
            return Optional.empty();
        }
        return Optional.of(", which ends as a prompt does but does not match its platform's prompt pattern ('"
                + platform.prompt().pattern() + "'): not tried again (check the platform, or its prompt pattern)");
    }

    /** The characters CLI prompts end with. */
    private static final java.util.regex.Pattern PROMPT_END = java.util.regex.Pattern.compile(".*[>#$%\\]]");

    /**
     * A prompt line is short (the reader offers nothing longer), but the pattern is the user's. It is matched
     * without the blanks around the line, as every other pattern of a platform is: most prompts end with one
     * ({@code [admin@MikroTik] > }), and a pattern written from the prompt as the screen shows it has none.
     */
    private boolean looksLikePrompt(String line) {
        return platform.prompt().matcher(guard.text(line.strip())).matches();
    }

    /**
     * Runs one step under its wall-time bound (command_deadline). The silence bound alone lets a device that
     * sends a byte now and then hold a worker for ever; this one closes the connection when the step has
     * taken too long.
     */
    private <T> T inStep(String name, Step<T> body) throws SessionException {
        stepName = name;
        step = watchdog.watch(commandDeadline, () -> Hangup.now(client));
        atPrompt = false;
        try {
            T result = body.run();
            atPrompt = true;
            return result;
        } catch (SessionException e) {
            throw death.explain(e);
        } finally {
            step.close();
        }
    }

    /** One step of the conversation: login, enable, a command. */
    @FunctionalInterface
    private interface Step<T> {
        T run() throws SessionException;
    }

    /**
     * Asked while this session waits for the run's output budget: it is not reading, so the device is not
     * silent (the silence bound starts over), and it gives up once the session was closed (a deadline).
     */
    private boolean worthWaiting() {
        watch.reset();
        return session.isOpen() && client.isConnected();
    }

    private void type(String line) throws SessionException {
        try {
            send(line + "\r");
        } catch (IOException e) {
            throw sendFailure(e, "while sending a command");
        }
    }

    private SessionException sendFailure(IOException e, String what) {
        if (step != null && step.expired()) {
            return failure(e, "");
        }
        // A write that failed once the silence bound had passed was blocked all that time: the device read nothing
        // either (the bound and sshj's wait for the window are both command_timeout, and either may end first).
        if (SshErrors.isSendWindowShut(e) || watch.expired()) {
            return tookNoInput(e);
        }
        return new SessionException(SessionException.Cause.NETWORK, "connection lost " + what + ": "
                + SshErrors.describe(e), e);
    }

    /**
     * A write blocked for command_timeout; most often the device left the channel's window shut (no
     * SSH_MSG_CHANNEL_WINDOW_ADJUST), and that is how long sshj waits for it to open: as silent as a device that
     * sends nothing, and no lost connection.
     */
    private SessionException tookNoInput(IOException e) {
        return new SessionException(SessionException.Cause.TIMEOUT, "the device took no input for "
                + Durations.setting(watch.timeout()) + " during " + stepName + " (command_timeout)"
                + (SshErrors.isSendWindowShut(e) ? ": it kept its SSH window shut" : ""), e);
    }

    private void send(String keys) throws IOException {
        keyboard.write(keys.getBytes(StandardCharsets.ISO_8859_1));
        keyboard.flush();
    }

    /**
     * Says goodbye politely (the platform's exit command) where the device is at its prompt, then hangs up
     * whatever the device does. After a step that failed it may be waiting on a question instead, which the exit
     * command would answer: a second wrong enable secret at {@code Password:} (a failed attempt more in the
     * device's log, towards a lockout: probe J), a file name at {@code Destination filename [startup-config]?}.
     */
    @Override
    public void close() {
        watch.close();
        if (step != null) {
            step.close();
        }
        String exit = platform.exitCommand() + "\r";
        // Only if the device's window takes it: a write into a shut window waits command_timeout, which closing the
        // client does not end, and the configuration is stored only once this returns.
        if (session.isOpen() && atPrompt && session.getRemoteWinSize() >= exit.length()) {
            try {
                send(exit);
            } catch (IOException ignored) {
                // The device may already be gone; closing below is what matters.
            }
        }
        // No channel close first: sshj waits for the device to answer one (30 s), and some SSH stacks never do.
        // Hanging up (SSH_MSG_DISCONNECT, then the socket) ends the channel with the connection, after the exit
        // command.
        CancelHook.closeQuietly(client);
    }
}
