package net.backup.session;

import java.nio.charset.StandardCharsets;

/**
 * Removes ANSI / VT100 escape sequences from a device's byte stream before anything looks at it: SGR
 * colours, cursor moves, scroll regions, {@code ESC [ ? 25 h} style modes, OSC titles. CLIs such as
 * HP ProCurve / Aruba, Huawei and MikroTik wrap prompts and output in them; none of them is part of a
 * configuration, and a prompt must be matched without them.
 *
 * <p>Two have a meaning worth keeping. "Erase to the end of the line" (how a device redraws a line) becomes
 * {@link #ERASE_LINE}, which {@link ScreenLine} honours. "Cursor back N" ({@code ESC [ N D}) becomes N
 * backspaces, which is what it does on a terminal: Huawei VRP and H3C Comware erase their pager prompt with it
 * ({@code ESC[16D}, sixteen blanks, {@code ESC[16D}), and dropped, it left sixteen blanks in front of the line
 * after every page. Where it moves back over text, the backspaces make the configuration check refuse the line.
 * Other cursor moves are dropped like the rest: CLIs that draw their prompt on the last row (ProCurve) move the
 * cursor around the prompt and the echo, and a prompt is still a prompt, an echo still behind it.
 *
 * <p>A NUL right after a CR or an LF (or after such NULs) is padding, as terminals and telnet's CR NUL put it
 * there, and is dropped; a NUL anywhere else is a byte of the line's text and stays, so that the configuration
 * check refuses it like any other control character instead of a line being stored without it.
 *
 * <p>Stateful: a sequence split across two reads is still recognised, and so is padding after a line end that
 * ended the previous read.
 */
final class TerminalFilter {
    /**
     * Stands for "erase from the cursor to the end of the line" in filtered text. Bytes are read one char per
     * byte (ISO-8859-1), so no device can send this char (a NUL is text, see above).
     */
    static final char ERASE_LINE = '\u0101';

    private static final char ESC = 0x1b;
    private static final char BEL = 0x07;
    /** Longer sequences are not escape sequences a terminal would honour: the bytes are kept as they came. */
    private static final int MAX_SEQUENCE = 64;
    /** The terminal the session asks for is 511 columns wide. */
    private static final int MAX_CURSOR_BACK = 512;
    /** The VT100 sequences that are ESC and one character; any other ESC x is left in the text. */
    private static final String TWO_CHARACTER_FINALS = "78=><";

    private enum State { TEXT, ESCAPE, CSI, STRING, STRING_ESCAPE, CHARSET }

    private State state = State.TEXT;
    /**
     * The cursor's column on the line being written (see {@link #moved}): how far {@code ESC [ N D} can move it
     * back, so that a few bytes of cursor moves never become more backspaces than there are characters to move over.
     */
    private int column;
    /** The last text character was a CR or an LF, or padding after one (the stream starts at a line start). */
    private boolean afterLineEnd = true;
    private final StringBuilder sequence = new StringBuilder();

    /** Appends the text in {@code bytes[0..n)} (one char per byte, ISO-8859-1) less escape sequences to {@code out}. */
    void feed(byte[] bytes, int n, StringBuilder out) {
        for (int i = 0; i < n; i++) {
            if (state == State.TEXT) {
                // Most of a reply is plain text: copied a run at a time, not a character at a time (this is
                // every byte of every backup, and the JIT that compiles it runs without the optimising compiler).
                int end = i;
                while (end < n && bytes[end] != ESC && bytes[end] != 0) {
                    end++;
                }
                if (end > i) {
                    out.append(new String(bytes, i, end - i, StandardCharsets.ISO_8859_1));
                    moved(bytes, i, end);
                    afterLineEnd = bytes[end - 1] == '\r' || bytes[end - 1] == '\n';
                    i = end - 1;
                    continue;
                }
            }
            char c = (char) (bytes[i] & 0xff);
            switch (state) {
                case TEXT -> {
                    if (c == ESC) {
                        begin(c);
                        state = State.ESCAPE;
                    } else if (c != 0) {
                        out.append(c);
                        moved(c);
                        afterLineEnd = c == '\r' || c == '\n';
                    } else if (!afterLineEnd) {
                        out.append(c);
                        moved(c);
                    }
                }
                case ESCAPE -> escape(c, out);
                case CSI -> csi(c, out);
                case STRING -> {
                    if (c == BEL) {
                        end();
                    } else if (c == ESC) {
                        state = State.STRING_ESCAPE;
                    } else if (c == '\n' || c == '\r') {
                        keep(c, out);
                        giveBack(out); // a title does not span lines: this was no sequence, and the ESC stays to be seen
                    } else {
                        keep(c, out);
                    }
                }
                case STRING_ESCAPE -> {
                    if (c == '\\') {
                        end();
                    } else {
                        state = State.STRING;
                        keep(c, out);
                    }
                }
                case CHARSET -> end(); // ESC ( B and friends: one more character names the set
            }
        }
    }

    private void escape(char c, StringBuilder out) {
        sequence.append(c);
        if (c == '[') {
            state = State.CSI;
        } else if (c == ']' || c == 'P' || c == '_' || c == '^' || c == 'X') {
            state = State.STRING; // OSC, DCS, APC, PM, SOS: text up to BEL or ESC backslash
        } else if (c == '(' || c == ')' || c == '*' || c == '+' || c == '#' || c == '%') {
            state = State.CHARSET;
        } else if (TWO_CHARACTER_FINALS.indexOf(c) >= 0) {
            end(); // ESC 7 (save cursor), ESC 8, ESC = (keypad), ESC >, ESC M (reverse index), ESC c (reset) ...
        } else {
            giveBack(out); // not a sequence: keep the bytes, so that the configuration check sees them
        }
    }

    /**
     * ESC [, parameter bytes (digits, ; ? and the like), at most two intermediate bytes, one final byte. Any
     * other shape is no sequence a terminal would honour: the bytes stay, ESC included, so that the
     * configuration check refuses them instead of text being eaten.
     */
    private void csi(char c, StringBuilder out) {
        sequence.append(c);
        int intermediates = 0;
        for (int i = 2; i < sequence.length() - 1; i++) {
            if (sequence.charAt(i) < 0x30) {
                intermediates++;
            }
        }
        boolean afterIntermediate = sequence.length() > 3 && sequence.charAt(sequence.length() - 2) < 0x30;
        if (c >= 0x40 && c <= 0x7e) {
            String params = sequence.substring(2, sequence.length() - 1);
            if (c == 'K') {
                out.append(params.equals("2") ? "\r" + ERASE_LINE : String.valueOf(ERASE_LINE));
                column = params.equals("2") ? 0 : column;
            } else if (c == 'D') {
                int back = Math.min(cursorBack(params), column);
                out.append("\b".repeat(back));
                column -= back;
            }
            end();
        } else if (c < 0x20 || c > 0x3f || sequence.length() > MAX_SEQUENCE
                || c < 0x30 && (sequence.length() == 3 || intermediates >= 2)
                || c >= 0x30 && afterIntermediate) {
            giveBack(out);
        }
    }

    /**
     * Follows the cursor over text written: a cell per character as {@link ScreenLine} draws it, a backspace one
     * back but never before the line's start, as on a terminal, a line end back to the start. Kept from read to
     * read, so that a cursor move costs a step however it arrives (rescanning the line on every read let a device
     * that sends {@code ESC[D} a packet at a time make each read cost the whole line: the cold review). For a run of
     * text only its last line is looked at, from its end: the rest is behind a line end.
     */
    private void moved(byte[] bytes, int from, int to) {
        int start = from;
        for (int k = to - 1; k >= from; k--) {
            if (bytes[k] == '\r' || bytes[k] == '\n') {
                column = 0;
                start = k + 1;
                break;
            }
        }
        for (int k = start; k < to; k++) {
            column = bytes[k] == '\b' ? Math.max(0, column - 1) : column + 1;
        }
    }

    private void moved(char c) {
        if (c == '\r' || c == '\n') {
            column = 0;
        } else if (c == '\b') {
            column = Math.max(0, column - 1);
        } else {
            column++;
        }
    }

    /** How far {@code ESC [ N D} moves back: one without N, at most a line's width (beyond, a terminal stops at its start). */
    private static int cursorBack(String params) {
        if (params.isEmpty()) {
            return 1;
        }
        int n = 0;
        for (int i = 0; i < params.length(); i++) {
            char digit = params.charAt(i);
            if (digit < '0' || digit > '9') {
                return 0; // not a plain count: no move a terminal would make of it
            }
            n = Math.min(MAX_CURSOR_BACK, n * 10 + digit - '0');
        }
        return Math.max(1, n);
    }

    private void keep(char c, StringBuilder out) {
        sequence.append(c);
        if (sequence.length() > MAX_SEQUENCE * 16) {
            giveBack(out);
        }
    }

    private void begin(char c) {
        sequence.setLength(0);
        sequence.append(c);
    }

    private void end() {
        sequence.setLength(0);
        state = State.TEXT;
    }

    private void giveBack(StringBuilder out) {
        out.append(sequence);
        for (int i = 0; i < sequence.length(); i++) {
            moved(sequence.charAt(i));
        }
        end();
    }
}
