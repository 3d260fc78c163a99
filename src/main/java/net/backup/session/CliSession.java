package net.backup.session;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import net.backup.inventory.Durations;
import net.backup.inventory.Secret;
import net.backup.platform.Platform;
import net.backup.platform.SaveStep;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.channel.direct.Session;

/**
 * One CLI conversation with a device over an interactive shell: learn the prompt, reach privileged mode,
 * run commands. A command is complete when the device's exact prompt comes back at the start of a line,
 * never after a fixed delay.
 */
public final class CliSession implements AutoCloseable {
    private static final int MAX_PROMPT_TRIES = 5;

    private final SSHClient client;
    private final Session session;
    private final OutputStream keyboard;
    private final PromptReader reader;
    private final Platform platform;
    private final Watchdog.Watch watch;
    /** A pager prompt is answered with a space, whatever the command. */
    private final List<PromptReader.Interjection> pager;
    private String prompt;

    CliSession(SSHClient client, Session session, Session.Shell shell, Platform platform, Watchdog.Watch watch) {
        this.client = client;
        this.session = session;
        this.keyboard = shell.getOutputStream();
        this.reader = new PromptReader(new ProgressInputStream(shell.getInputStream(), watch));
        this.platform = platform;
        this.watch = watch;
        this.pager = List.of(new PromptReader.Interjection(platform.pagerPrompt(), " "));
    }

    /** The prompt the device showed after login (and after enable, the privileged one). */
    public String prompt() {
        return prompt;
    }

    /**
     * Finds the prompt: waits for a line that looks like one, then presses Enter and expects the very same
     * line again, so that a banner line that merely looks like a prompt is not taken for it.
     */
    void findPrompt() throws SessionException {
        Predicate<String> looksLikePrompt = line -> platform.prompt().matcher(line).matches();
        String candidate = read(looksLikePrompt, "waiting for the first prompt").lastLine();
        for (int i = 0; i < MAX_PROMPT_TRIES; i++) {
            type("");
            String again = read(looksLikePrompt, "waiting for the prompt").lastLine();
            if (again.equals(candidate)) {
                prompt = candidate;
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
        Predicate<String> promptOrPassword = line -> platform.prompt().matcher(line).matches()
                || platform.passwordPrompt().matcher(line).matches();
        type(platform.enableCommand());
        PromptReader.Reply reply = read(promptOrPassword, "waiting for enable");
        if (platform.passwordPrompt().matcher(reply.lastLine()).matches()) {
            if (enableSecret.isEmpty()) {
                throw new SessionException(SessionException.Cause.AUTHENTICATION, "logged in to user mode ('" + prompt
                        + "') and enable asks for a password, but no enable_secret is set");
            }
            type(enableSecret.get().reveal());
            reply = read(promptOrPassword, "waiting for enable");
            if (platform.passwordPrompt().matcher(reply.lastLine()).matches()) {
                throw new SessionException(SessionException.Cause.AUTHENTICATION, "enable secret rejected");
            }
        }
        if (!platform.isPrivileged(reply.lastLine())) {
            String error = OutputCleaner.firstMatchingLine(reply.text(), platform.errorLines()).orElse("still in user mode");
            throw new SessionException(SessionException.Cause.AUTHENTICATION, "enable failed: " + error);
        }
        prompt = reply.lastLine();
    }

    /**
     * Runs one command and returns its output: no echo, no prompt, no pager prompts, LF line ends.
     */
    public String run(String command) throws SessionException {
        return run(command, List.of());
    }

    /** Runs a command that may ask questions on the way, answering each one with its reply and Enter. */
    public String run(String command, List<SaveStep.Answer> answers) throws SessionException {
        var interjections = new ArrayList<PromptReader.Interjection>(pager);
        answers.forEach(a -> interjections.add(new PromptReader.Interjection(a.question(), a.reply() + "\r")));
        type(command);
        PromptReader.Reply reply = read(line -> line.equals(prompt), "after '" + command + "'", interjections);
        String output = reply.text().substring(0, reply.text().length() - rawPromptLength(reply.text()));
        return OutputCleaner.clean(output, command, platform.pagerPrompt());
    }

    /** The length of the trailing prompt in the raw text, including any CR characters redrawn around it. */
    private int rawPromptLength(String text) {
        int newline = text.lastIndexOf('\n');
        return text.length() - (newline + 1);
    }

    private PromptReader.Reply read(Predicate<String> done, String what) throws SessionException {
        return read(done, what, pager);
    }

    private PromptReader.Reply read(Predicate<String> done, String what, List<PromptReader.Interjection> interjections)
            throws SessionException {
        try {
            return reader.readUntil(done, interjections, this::send);
        } catch (IOException e) {
            if (watch.expired()) {
                throw new SessionException(SessionException.Cause.TIMEOUT, "no output for "
                        + Durations.setting(watch.timeout()) + " " + what + " (command_timeout)");
            }
            throw new SessionException(SessionException.Cause.NETWORK, "connection lost " + what + ": "
                    + SshErrors.describe(e), e);
        }
    }

    private void type(String line) throws SessionException {
        try {
            send(line + "\r");
        } catch (IOException e) {
            throw new SessionException(SessionException.Cause.NETWORK, "connection lost while sending a command: "
                    + SshErrors.describe(e), e);
        }
    }

    private void send(String keys) throws IOException {
        keyboard.write(keys.getBytes(StandardCharsets.ISO_8859_1));
        keyboard.flush();
    }

    /** Says goodbye politely, then closes the channel and the connection whatever the device does. */
    @Override
    public void close() {
        watch.close();
        if (session.isOpen() && prompt != null) {
            try {
                send(platform.exitCommand() + "\r");
            } catch (IOException ignored) {
                // The device may already be gone; closing below is what matters.
            }
        }
        SshConnector.closeQuietly(session);
        SshConnector.closeQuietly(client);
    }
}
