package net.backup.session;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import net.backup.platform.TextBlock;
import net.backup.platform.TextBlocks;
import net.backup.platform.RegexGuard;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a device's CLI output and cuts it into replies. Bytes are kept as ISO-8859-1 characters, one char
 * per byte, so what is stored is exactly what the device sent, less terminal escape sequences
 * ({@link TerminalFilter}). Only the current last line is examined per chunk, so reading is linear.
 *
 * <p>The rules that keep replies and commands in step:
 * <ul>
 *   <li>a command's reply starts after the device's echo of that command ({@link #skipToEcho}); whatever
 *       came before it (a stray prompt, a late message) belongs to no command and is dropped;</li>
 *   <li>it ends at the device's exact prompt at the start of the last line, once nothing more has arrived;</li>
 *   <li>a prompt glued to the end of other output ({@code Pagination disabled.sw1#}) ends it only after the
 *       device has been quiet for {@link #QUIET};</li>
 *   <li>output that is kept (a configuration) ends at once only where its last line is the platform's end
 *       marker, outside a banner; otherwise one Enter asks the device, whose prompt for it comes after
 *       everything it still had to send: a configuration line that starts or ends with the prompt's text, or a
 *       banner that holds the end marker and the prompt, followed by a pause of any length, cannot end the
 *       output early;</li>
 *   <li>a question is answered once per line, however many pieces it arrives in.</li>
 * </ul>
 */
final class PromptReader {
    private static final Logger LOG = LoggerFactory.getLogger(PromptReader.class);

    /** How long a device must stay silent before a glued prompt counts as its prompt. */
    static final Duration QUIET = Duration.ofMillis(100);
    private static final Pattern NOTHING = Pattern.compile("(?!)");
    private static final long QUIET_POLL_MILLIS = 5;
    private static final int MAX_PROMPT_CHARS = 1024;
    /**
     * No line of a configuration is this long: a 4096-bit key or certificate on one line is under 1 KiB, but JunOS
     * shows a list in brackets on one line, whatever its length (a QFX trunk's {@code vlan members [ ... ]} of 4,000
     * names is 36 KiB: refused at 16 KiB, probe N; all 4,094 VLANs by names of 31 characters, 124 KiB). Platform
     * patterns are matched line by line, and a careless pattern over a line of megabytes could keep a core busy for
     * minutes, so a longer line fails the device before any pattern sees it.
     */
    static final int MAX_LINE_CHARS = 128 * 1024;

    /**
     * What one read collected.
     *
     * @param text     the output before the line that ended the read (for a reply: without echo or prompt)
     * @param lastLine that line as the terminal shows it
     */
    record Reply(String text, String lastLine) {
    }

    private final InputStream in;
    private final Allowance allowance;
    private final RegexGuard guard;
    private final TerminalFilter filter = new TerminalFilter();
    private final byte[] chunk = new byte[32 * 1024];
    private final StringBuilder buffer = new StringBuilder(8 * 1024);
    private int lastLineStart;
    /** The last line is the one that ended the previous read: it cannot end the next one. */
    private boolean stale;

    /** @param allowance asked before each chunk read is kept: the output caps ({@link OutputBudget}) */
    PromptReader(InputStream in, Allowance allowance, RegexGuard guard) {
        this.in = in;
        this.allowance = allowance;
        this.guard = guard;
    }

    /** A reader that may keep at most {@code maxOutputChars} in all. */
    PromptReader(InputStream in, long maxOutputChars) {
        this(in, new Allowance() {
            private long taken;

            @Override
            public void take(int bytes) throws OutputTooLargeException {
                taken += bytes;
                if (taken > maxOutputChars) {
                    throw new OutputTooLargeException("output too large: more than " + maxOutputChars + " bytes");
                }
            }
        }, RegexGuard.NONE);
    }

    /**
     * Reads until the last line, as shown on screen, satisfies {@code done} and nothing more has arrived.
     * Whenever the last line is one of the {@code interjections} (a pager prompt, a question), its keys are
     * typed, once. Used before the prompt is known (login) and where it changes (enable).
     *
     * @throws IOException when the stream ends or breaks first
     */
    Reply readUntil(Predicate<String> done, List<Interjection> interjections, Keyboard keyboard) throws IOException {
        var answered = new Answered();
        while (true) {
            String lastLine = lastLine();
            if (!stale && done.test(lastLine) && in.available() == 0) {
                return takeAll(lastLine);
            }
            answered.answer(lastLine, interjections, keyboard);
            readMore();
        }
    }

    /**
     * Reads a command's reply, up to the device's {@code prompt}. Pager prompts and questions met on the way
     * are answered. For output that is kept ({@link Ending#capture}), a prompt ends it at once only where
     * the output's last line is the platform's end marker, and not a banner's text; otherwise the device is
     * asked (one Enter): it
     * answers with one more prompt only after everything it still had to send, so a configuration line that
     * merely starts or ends with the prompt's text, followed by a pause, can never end the output early.
     */
    Reply readReply(String prompt, List<Interjection> interjections, Keyboard keyboard, Ending ending)
            throws IOException {
        String expected = prompt.stripTrailing();
        var answered = new Answered();
        var blocks = new TextBlocksSoFar(ending.blocks().orElse(List.of()));
        while (true) {
            String lastLine = lastLine();
            String shown = lastLine.stripTrailing();
            boolean atLineStart = shown.equals(expected);
            if (stale || !shown.endsWith(expected)) {
                // not a prompt, or the one that ended the previous reply: wait for what the device says next
            } else if (!ending.capture() || ending.probe().isEmpty()) {
                boolean sure = !ending.capture() || atLineStart && endsComplete(ending, blocks);
                if (atLineStart && sure ? in.available() == 0 : quiet()) {
                    return atLineStart ? endAtPrompt(expected, lastLine) : glued(prompt, expected, shown, lastLine);
                }
            } else if (in.available() == 0) {
                if (atLineStart && endsComplete(ending, blocks)) {
                    return endAtPrompt(expected, lastLine);
                }
                // The probe is typed only once the device has gone quiet: a device that echoes what is typed at
                // once, while it still sends output (a Linux terminal does), would otherwise put the probe's echo
                // behind a configuration line that is, or ends in, the prompt's text, and that line would pass for
                // the end (probe G; the reviewer, for a line of its own). 100 ms per probed output.
                if (quiet()) {
                    return probed(prompt, expected, ending, interjections, keyboard);
                }
            }
            answered.answer(lastLine, interjections, keyboard);
            readMore();
        }
    }

    /**
     * Output that is kept, with a prompt at its end that nothing proves to be the device's (no end marker):
     * a probe is typed, a line the device does not act on. Its echo stands right behind the device's real
     * prompt, after everything the device still had to send, so the output is exactly what comes before
     * that echo's line, and the prompt in front of the echo says whether it was glued to the last line.
     * The probe's own answer is then read and dropped.
     */
    private Reply probed(String prompt, String expected, Ending ending, List<Interjection> interjections,
            Keyboard keyboard) throws IOException {
        String probe = ending.probe().orElseThrow();
        keyboard.type(probe + "\r");
        Echo echo = skipToEcho(probe, seen -> seen.stripTrailing().endsWith(expected));
        String before = echo.before();
        // Prompts on lines of their own just before the echo were printed for stray Enters, or redrawn after a
        // log message the device printed at its prompt (a volatile line): neither is output.
        String text = before.substring(0, endBeforeClosingPrompts(before, before.length(), expected, ending.noise()));
        String seen = echo.prompt().stripTrailing();
        if (!seen.equals(expected)) {
            text += seen.substring(0, seen.length() - expected.length()) + "\n";
            LOG.debug("prompt glued to output '{}', confirmed by the probe's echo", seen);
        }
        readReply(prompt, interjections, keyboard, Ending.COMMAND);
        return new Reply(text, expected);
    }

    private Reply endAtPrompt(String expected, String lastLine) {
        String text = buffer.substring(0, endBeforeStrayPrompts(expected));
        dropBeforeLastLine();
        return new Reply(text, lastLine);
    }

    /** The prompt glued to the end of the last line of output ({@code Pagination disabled.sw1#}). */
    private Reply glued(String prompt, String expected, String shown, String lastLine) {
        String before = shown.substring(0, shown.length() - expected.length());
        LOG.debug("prompt glued to output '{}'", before);
        Reply reply = takeAll(lastLine);
        // What stays for the next command's echo is the prompt alone, as if it stood on its own line.
        buffer.setLength(0);
        buffer.append(prompt);
        return new Reply(reply.text() + before + "\n", expected);
    }

    /**
     * True if the last non-empty line of the output before the prompt is the platform's end marker, outside a
     * banner: whoever may set a banner can write the marker and the prompt into it ({@code banner exec ^C},
     * {@code end}, {@code R1#}, {@code ^C}), and a pause after that prompt line must not end the output there.
     */
    private boolean endsComplete(Ending ending, TextBlocksSoFar blocks) {
        if (ending.complete().isEmpty() || ending.blocks().isEmpty()) {
            return false; // no marker, or free text the platform does not describe might hold it
        }
        int lineEnd = lastLineStart - 1;
        while (lineEnd > 0) {
            int lineStart = lastNewline(buffer, lineEnd - 1) + 1;
            String line = ScreenLine.render(buffer, lineStart, lineEnd).strip();
            if (!line.isEmpty()) {
                return ending.complete().get().matcher(line).matches() && !blocks.openBeforeLastLine();
            }
            lineEnd = lineStart - 1;
        }
        return false;
    }

    /**
     * The free text (banners, macros: the platform's text blocks) of one reply's output, followed line by line as
     * far as it has been looked at: each line is looked at once however often the question is asked, so reading
     * stays linear. Asked only where the last line is the prompt and the end marker stands before it.
     */
    private final class TextBlocksSoFar {
        private final TextBlocks blocks;
        private final TextBlocks.Openings openings;
        private int scanned;

        TextBlocksSoFar(List<TextBlock> kinds) {
            blocks = new TextBlocks(kinds, guard);
            openings = new TextBlocks.Openings(kinds, buffer);
        }

        /** Whether the lines before the last one leave a block open (the last line would be its text). */
        boolean openBeforeLastLine() {
            while (scanned < lastLineStart) {
                int from = scanned;
                if (!blocks.isOpen()) {
                    // Outside a block only a line that may open one matters: the search jumps to the next one, and
                    // a configuration's thousands of other lines are not rendered, every backup.
                    int candidate = openings.next(scanned, lastLineStart);
                    if (candidate < 0) {
                        scanned = lastLineStart;
                        break;
                    }
                    from = lastNewline(buffer, candidate - 1) + 1;
                }
                int newline = indexOf('\n', from);
                scanned = newline + 1;
                // As the screen shows it: after an answered pager the raw line begins with the pager prompt and
                // its erasure, and only the drawn line begins with what opens a block.
                String line = ScreenLine.render(buffer, from, newline);
                blocks.isText(line, 0, line.length());
            }
            return blocks.isOpen();
        }
    }

    /**
     * Where the reply ends when the prompt is the last line: before the first of the prompt lines that close
     * the output. A device that saw a stray Enter prints its prompt twice; the second one is not output.
     */
    private int endBeforeStrayPrompts(String expected) {
        return endBeforeClosingPrompts(buffer, lastLineStart, expected);
    }

    /**
     * The end of {@code text[0, end)} less the prompt lines (and blank lines between them) that close it;
     * {@code end} is the start of a line.
     */
    static int endBeforeClosingPrompts(CharSequence text, int end, String expected) {
        return endBeforeClosingPrompts(text, end, expected, NOTHING);
    }

    /**
     * The same, also looking through lines that match {@code noise} (the platform's volatile lines, such as
     * a log message the device printed at its prompt and redrew the prompt after).
     */
    static int endBeforeClosingPrompts(CharSequence text, int end, String expected, Pattern noise) {
        String prompt = expected.strip();
        int cut = end;
        int lineStart = end;
        while (lineStart > 0) {
            int previousStart = lastNewline(text, lineStart - 2) + 1;
            String line = ScreenLine.render(text, previousStart, lineStart - 1).strip();
            if (line.equals(prompt)) {
                cut = previousStart;
            } else if (!line.isEmpty() && !noise.matcher(line).matches()) {
                break;
            }
            lineStart = previousStart;
        }
        return cut;
    }

    private static int lastNewline(CharSequence text, int from) {
        for (int i = from; i >= 0; i--) {
            if (text.charAt(i) == '\n') {
                return i;
            }
        }
        return -1;
    }

    /**
     * Reads until the device's echo of {@code command} has been seen: a line that shows a prompt (accepted
     * by {@code isPrompt}) followed by the command, as a terminal would display it after the device's own
     * line editing. Everything up to and including that line is consumed; what came before it is dropped.
     *
     * @return the prompt the echo stood behind, and what came before the echo's line
     */
    Echo skipToEcho(String command, Predicate<String> isPrompt) throws IOException {
        int scanned = 0;
        while (true) {
            int newline;
            while ((newline = indexOf('\n', scanned)) >= 0) {
                String line = ScreenLine.render(buffer, scanned, newline);
                Optional<String> prompt = promptBeforeEcho(line, command).filter(isPrompt);
                if (prompt.isPresent()) {
                    String before = buffer.substring(0, scanned);
                    consume(newline + 1);
                    return new Echo(prompt.get(), before);
                }
                scanned = newline + 1;
            }
            readMore();
        }
    }

    /**
     * The prompt part of {@code line} if the line is the echo of {@code command}: the command at its end, or
     * the end of a long command scrolled sideways behind a {@code $} (IOS past the terminal's width).
     */
    static Optional<String> promptBeforeEcho(String line, String command) {
        String shown = line.stripTrailing();
        String typed = command.strip();
        if (typed.isEmpty()) {
            return Optional.empty();
        }
        if (shown.endsWith(typed)) {
            return Optional.of(shown.substring(0, shown.length() - typed.length()));
        }
        int dollar = shown.lastIndexOf('$');
        if (dollar >= 0) {
            String tail = shown.substring(dollar + 1);
            if (tail.length() >= Math.min(typed.length(), 8) && typed.endsWith(tail)) {
                return Optional.of(shown.substring(0, dollar));
            }
        }
        return Optional.empty();
    }

    /** True if nothing arrives for {@link #QUIET}. */
    private boolean quiet() throws IOException {
        long deadline = System.nanoTime() + QUIET.toNanos();
        while (in.available() == 0) {
            if (System.nanoTime() - deadline >= 0) {
                return true;
            }
            try {
                Thread.sleep(QUIET_POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for the device to go quiet");
            }
        }
        return false;
    }

    /** The last line as the screen shows it, for messages (what the device was waiting with). */
    String lastLineShown() {
        return lastLine().strip();
    }

    /** Answers each question once per line: a question that arrives in two pieces is still one question. */
    private final class Answered {
        private int line = -1;
        private Interjection with;

        void answer(String lastLine, List<Interjection> interjections, Keyboard keyboard) throws IOException {
            for (Interjection interjection : interjections) {
                if (interjection.question().matcher(guard.text(lastLine.strip())).matches()) {
                    if (line != lastLineStart || with != interjection) {
                        if (interjection.pager() && !quiet()) {
                            // A device that pages sends its prompt last and then waits for the key, for ever:
                            // text that more output follows within QUIET only looks like one (a banner line
                            // "--More--", or the start of a line that goes on, split across packets).
                            return;
                        }
                        if (interjection.pager()) {
                            // Where the prompt stands, so that it alone is removed from the output (OutputCleaner).
                            buffer.append(OutputCleaner.ANSWERED_PAGER);
                        }
                        keyboard.type(interjection.keys());
                        line = lastLineStart;
                        with = interjection;
                    }
                    return;
                }
            }
        }
    }

    /**
     * Returns the output before the last line, which ended the read. That line (the prompt) stays: the echo
     * of the next command will be written behind it, on the same line.
     */
    private Reply takeAll(String lastLine) {
        String text = buffer.substring(0, lastLineStart);
        dropBeforeLastLine();
        return new Reply(text, lastLine);
    }

    /** Drops the output before the last line, which ended the read and cannot end the next one. */
    private void dropBeforeLastLine() {
        buffer.delete(0, lastLineStart);
        lastLineStart = 0;
        stale = true;
    }

    /** Drops {@code buffer[0, end)}, keeping what follows for the next read. */
    private void consume(int end) {
        buffer.delete(0, end);
        lastLineStart = Math.max(0, lastLineStart - end);
        stale = false;
    }

    private void readMore() throws IOException {
        int n = in.read(chunk);
        if (n < 0) {
            throw new IOException("the device closed the connection");
        }
        allowance.take(n);
        int start = buffer.length();
        filter.feed(chunk, n, buffer);
        for (int i = start; i < buffer.length(); i++) {
            if (buffer.charAt(i) == '\n') {
                checkLineLength(i);
                lastLineStart = i + 1;
                // The kept prompt line stays the previous reply's until a new line starts: escape sequences, a
                // bare CR or a redraw of that prompt are not an answer to the next command.
                stale = false;
            }
        }
        checkLineLength(buffer.length());
    }

    /** Every line is looked at, not only the last: one chunk may hold a whole long line. */
    private void checkLineLength(int lineEnd) throws LineTooLongException {
        if (lineEnd - lastLineStart > MAX_LINE_CHARS) {
            throw new LineTooLongException();
        }
    }

    private int indexOf(char c, int from) {
        for (int i = from; i < buffer.length(); i++) {
            if (buffer.charAt(i) == c) {
                return i;
            }
        }
        return -1;
    }

    /** The last line as the screen shows it; a prompt may also have been redrawn after a bare CR. */
    private String lastLine() {
        int end = buffer.length();
        if (end - lastLineStart > MAX_PROMPT_CHARS) {
            return ""; // no prompt is that long; looking no further keeps a newline-free flood linear
        }
        String shown = ScreenLine.render(buffer, lastLineStart, end);
        int cr = end - 2;
        while (cr >= lastLineStart && buffer.charAt(cr) != '\r') {
            cr--;
        }
        if (cr >= lastLineStart) {
            String afterCr = ScreenLine.render(buffer, cr + 1, end);
            if (!afterCr.equals(shown) && !afterCr.isBlank()) {
                return afterCr; // redrawn over a longer line without erasing it: what was redrawn counts
            }
        }
        return shown;
    }

    static String abbreviate(String text) {
        String oneLine = text.replace("\r", "\\r").replace("\n", "\\n");
        return Excerpt.of(oneLine, 200);
    }

    /**
     * How the end of a reply is made sure of.
     *
     * @param capture  the output is kept (a backup command): its end must be certain
     * @param complete the platform's end marker, which makes an ending certain without asking the device
     * @param probe    a line the device echoes and does not act on, typed where the end is in doubt
     * @param noise    lines that are never output (the platform's volatile lines)
     * @param blocks   the free text the output may hold (banners), in which the end marker ends nothing; empty
     *                 where the platform does not say, and then the marker alone ends nothing
     */
    record Ending(boolean capture, Optional<Pattern> complete, Optional<String> probe, Pattern noise,
            Optional<List<TextBlock>> blocks) {
        static final Ending COMMAND = new Ending(false, Optional.empty(), Optional.empty(), NOTHING, Optional.empty());

        /** Without a probe (a device that does not echo), a doubtful end waits for {@link #QUIET} instead. */
        static Ending capture(Optional<Pattern> complete, Optional<String> probe, Optional<List<TextBlock>> blocks) {
            return new Ending(true, complete, probe, NOTHING, blocks);
        }

        /** @param noise lines that may stand between the device's real prompt and the probe's echo */
        static Ending capture(Optional<Pattern> complete, Optional<String> probe, Pattern noise,
                Optional<List<TextBlock>> blocks) {
            return new Ending(true, complete, probe, noise, blocks);
        }
    }

    /** The echo of a command: the prompt it stood behind, and the output that came before its line. */
    record Echo(String prompt, String before) {
    }

    /**
     * A question the device may ask in the middle of a command (a pager, a confirmation) and the keys that
     * answer it.
     *
     * @param pager the question is a pager prompt, which the device erases once answered: it is no output
     */
    record Interjection(Pattern question, String keys, boolean pager) {
        Interjection(Pattern question, String keys) {
            this(question, keys, false);
        }

        static Interjection pager(Pattern prompt, String keys) {
            return new Interjection(prompt, keys, true);
        }
    }

    /** Types keys to the device. */
    @FunctionalInterface
    interface Keyboard {
        void type(String keys) throws IOException;
    }

    /** Takes each chunk's bytes from the output caps before they are kept. */
    @FunctionalInterface
    interface Allowance {
        void take(int bytes) throws IOException;
    }

    /** The device sent more than it may (its own cap, or the run's budget). */
    static final class OutputTooLargeException extends IOException {
        private static final long serialVersionUID = 1L;

        OutputTooLargeException(String message) {
            super(message);
        }
    }

    /** A line longer than {@link #MAX_LINE_CHARS}: not a configuration, and too long to match patterns against. */
    static final class LineTooLongException extends IOException {
        private static final long serialVersionUID = 1L;

        LineTooLongException() {
            super("a line longer than " + MAX_LINE_CHARS / 1024 + " KiB (longer than any configuration line known: a JunOS"
                    + " list of all 4,094 VLANs by names of 31 characters is 124 KiB)");
        }
    }
}
