package net.backup.session;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Reads a device's CLI output until its last line says something is complete: a prompt, a password
 * question. Bytes are kept as ISO-8859-1 characters, one char per byte, so what is stored is exactly what
 * the device sent. Only the current last line is examined per chunk, so reading is linear in the output.
 */
final class PromptReader {
    /** What one read collected: everything up to and including the last line that ended it. */
    record Reply(String text, String lastLine) {
    }

    private static final int MAX_OUTPUT_CHARS = 64 * 1024 * 1024;
    private static final int MAX_PROMPT_CHARS = 1024;

    private final InputStream in;
    private final byte[] chunk = new byte[32 * 1024];
    private final StringBuilder buffer = new StringBuilder(8 * 1024);
    private int lastLineStart;

    PromptReader(InputStream in) {
        this.in = in;
    }

    /**
     * Reads until the last line, stripped of carriage returns, satisfies {@code done}. Whenever the last line
     * is one of the {@code interjections} (a pager prompt, a confirmation), its keys are typed, once.
     *
     * @throws IOException when the stream ends or breaks first
     */
    Reply readUntil(Predicate<String> done, List<Interjection> interjections, Keyboard keyboard) throws IOException {
        int answeredAt = -1;
        while (true) {
            String lastLine = lastLine();
            if (done.test(lastLine)) {
                String text = buffer.toString();
                buffer.setLength(0);
                lastLineStart = 0;
                return new Reply(text, lastLine);
            }
            if (answeredAt != buffer.length()) {
                for (Interjection interjection : interjections) {
                    if (interjection.question().matcher(lastLine).matches()) {
                        keyboard.type(interjection.keys());
                        answeredAt = buffer.length();
                        break;
                    }
                }
            }
            int n = in.read(chunk);
            if (n < 0) {
                throw new IOException("the device closed the connection");
            }
            append(n);
        }
    }

    private void append(int n) throws IOException {
        if (buffer.length() + n > MAX_OUTPUT_CHARS) {
            throw new IOException("the device sent more than 64 MiB without returning to its prompt");
        }
        int start = buffer.length();
        buffer.append(new String(chunk, 0, n, StandardCharsets.ISO_8859_1));
        for (int i = buffer.length() - 1; i >= start; i--) {
            if (buffer.charAt(i) == '\n') {
                lastLineStart = i + 1;
                break;
            }
        }
    }

    private String lastLine() {
        int start = lastLineStart;
        int end = buffer.length();
        if (end - start > MAX_PROMPT_CHARS) {
            return ""; // no prompt is that long; looking no further keeps a newline-free flood linear
        }
        // A prompt may follow a bare CR, or be redrawn after one.
        for (int i = end - 1; i >= start; i--) {
            if (buffer.charAt(i) == '\r' && i < end - 1) {
                start = i + 1;
                break;
            }
        }
        return buffer.substring(start, end).replace("\r", "");
    }

    /** A question the device may ask in the middle of a command (a pager, a confirmation) and the keys that answer it. */
    record Interjection(Pattern question, String keys) {
    }

    /** Types keys to the device. */
    @FunctionalInterface
    interface Keyboard {
        void type(String keys) throws IOException;
    }
}
