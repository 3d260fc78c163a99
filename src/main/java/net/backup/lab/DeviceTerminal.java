package net.backup.lab;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The terminal side of a simulated device's session: reading keys and lines, echoing them, printing
 * output with CRLF line ends, paging, and the terminal quirks (ANSI, wrapping, split or redrawn echoes,
 * no echo). {@link SimulatedCli} decides what to say; this decides how it reaches the screen.
 */
final class DeviceTerminal {
    /** How late a quirk's late output comes (a stray prompt, the pieces of a split echo). */
    static final long QUIRK_PAUSE_MILLIS = 40;
    /** The terminal width when the client asked for none. */
    static final int DEFAULT_COLUMNS = 80;
    private static final String ESC = "\u001b[";

    private final SimulatedDevice device;
    private final DeviceKind kind;
    private final InputStream in;
    private final OutputStream out;
    private int columns;
    private boolean lastWasCarriageReturn;
    private int commandsTyped;

    /** @param columns the width the client asked for in its pty-req (0: none asked) */
    DeviceTerminal(SimulatedDevice device, InputStream in, OutputStream out, int columns) {
        this.device = device;
        this.kind = device.kind();
        this.in = in;
        this.out = out;
        this.columns = columns > 0 ? columns : DEFAULT_COLUMNS;
    }

    /** A width command: 0 means lines are never wrapped. */
    void setWidth(int width) {
        columns = width == 0 ? Integer.MAX_VALUE : width;
    }

    boolean ansi() {
        return kind.ansi() || device.has(Fault.ANSI);
    }

    boolean echoes() {
        return kind.echo() && !device.has(Fault.NO_ECHO);
    }

    /** What a VT100 CLI sends at login: hide the cursor, set a scroll region, clear the screen, go home. */
    void startScreen() throws IOException {
        if (ansi()) {
            write(ESC + "?25l" + ESC + "1;24r" + ESC + "2J" + ESC + "H");
        }
    }

    /** The prompt as it is shown: plain, or positioned and coloured when the device speaks ANSI. */
    String prompt(String plain) {
        return ansi() ? ESC + "24;1H" + ESC + "2K" + ESC + "1;32m" + plain + ESC + "0m" + ESC + "?25h" : plain;
    }

    /** Reads one byte the client typed; end of stream is the client gone. */
    int readKey() throws IOException {
        int c = in.read();
        if (c < 0) {
            throw new IOException("client gone");
        }
        device.received(1);
        lastWasCarriageReturn = c == '\r'; // a CR LF pair answering a key question is one Enter
        return c;
    }

    /** Reads a command at the prompt ({@code plainPrompt}), echoing it the way this device does; null at end of stream. */
    String readCommand(String plainPrompt) throws IOException {
        boolean plainEcho = echoes() && !device.has(Fault.SPLIT_ECHO) && !device.has(Fault.LINE_EDITING);
        String line = readLine(plainEcho);
        if (line == null) {
            return null;
        }
        device.receivedLine(line);
        commandsTyped++;
        if (echoes() && !plainEcho) {
            echoLate(line, plainPrompt);
        }
        write("\r\n");
        if (echoes() && device.has(Fault.ECHO_LINE_TWICE)) {
            write(line + "\r\n");
        }
        return line;
    }

    /**
     * Reads one line, echoing each key as it comes when asked to (not for passwords); null at end of stream.
     * The Enter that ends it is not echoed here.
     */
    String readLine(boolean echo) throws IOException {
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

    /** The echo of a line read whole: redrawn (line-editing) or in pieces (split-echo). */
    private void echoLate(String line, String plainPrompt) throws IOException {
        if (device.has(Fault.LINE_EDITING)) {
            String shownPrompt = prompt(plainPrompt);
            int room = columns - plainPrompt.length() - 2;
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

    /**
     * The line broken every {@code columns} characters, as a CLI that wraps counts them: a line of UTF-8 text
     * (sent one char per byte) is broken by its characters, not its bytes.
     */
    private String wrapped(String bytes) {
        String decoded = new String(bytes.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
        boolean utf8 = !decoded.contains("\uFFFD");
        String text = utf8 ? decoded : bytes; // not UTF-8: a byte is a character
        var wrapped = new StringBuilder();
        int[] characters = text.codePoints().toArray();
        for (int start = 0; start < characters.length; start += columns) {
            if (start > 0) {
                wrapped.append("\r\n");
            }
            String piece = new String(characters, start, Math.min(characters.length, start + columns) - start);
            wrapped.append(utf8 ? new String(piece.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1) : piece);
        }
        return wrapped.toString();
    }

    /** One line of output as it comes out of this terminal: wrapped at its width and with ANSI, as the quirks say. */
    private String render(String line) {
        String text = line;
        if (device.has(Fault.NARROW_TERMINAL) && text.length() > columns) {
            text = wrapped(text);
        }
        return (ansi() ? ESC + "2K" + text + ESC + "0m" : text) + "\r\n";
    }

    /** Prints lines without paging. */
    void say(List<String> lines) throws IOException {
        var text = new StringBuilder();
        lines.forEach(line -> text.append(render(line)));
        write(text.toString());
    }

    /** Prints command output with the kind's pager prompt every {@code length} lines (0: no pager). */
    void page(List<String> lines, int length) throws IOException {
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

    void write(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    static void sleep(long millis) throws InterruptedIOException {
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
