package net.backup.session;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Whether a line of output may be a longer one that the device broke at the terminal's width. Devices count
 * that width in different ways, so each is tried: bytes; characters (a character of UTF-8 text is one however
 * many bytes it takes); and columns, as a terminal draws them (an East Asian wide character or an emoji two, a
 * combining mark none, a tab to the next multiple of eight).
 */
final class TerminalColumns {
    private static final int TAB_STOP = 8;

    private TerminalColumns() {
    }

    /**
     * Whether {@code line[from, to)} (one char per byte, as read) is exactly {@code columns} bytes or characters
     * long, or fills exactly that many columns, or one less where a wide character follows it (it did not fit, so
     * the device broke the line before it).
     */
    static boolean fillsTheWidth(String output, int from, int to, int columns) {
        int length = to - from;
        if (length == columns) {
            return true;
        }
        if (length < columns / TAB_STOP) {
            return false; // no line this short fills the width, whatever it holds
        }
        boolean plain = true;
        for (int i = from; i < to && plain; i++) {
            char c = output.charAt(i);
            plain = c != '\t' && c < 0x80;
        }
        if (plain) {
            // a column per byte: the length said it, but for a wide character that did not fit behind the line
            return length == columns - 1 && nextStartsWide(output, to);
        }
        String text = decoded(output.substring(from, to));
        if (text.codePointCount(0, text.length()) == columns) {
            return true;
        }
        int width = width(text);
        return width == columns || width == columns - 1 && nextStartsWide(output, to);
    }

    /** The columns the text fills. */
    static int width(String text) {
        int width = 0;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            if (c == '\t') {
                width += TAB_STOP - width % TAB_STOP;
            } else {
                width += columnsOf(c);
            }
        }
        return width;
    }

    private static boolean nextStartsWide(String output, int lineEnd) {
        int next = lineEnd + 1;
        int end = output.indexOf('\n', next);
        String line = output.substring(Math.min(next, output.length()), end < 0 ? output.length() : end);
        if (line.isEmpty()) {
            return false;
        }
        char lead = line.charAt(0);
        int bytes = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1; // the first character's, in UTF-8
        String text = decoded(line.substring(0, Math.min(bytes, line.length())));
        return columnsOf(text.codePointAt(0)) == 2;
    }

    private static int columnsOf(int c) {
        int type = Character.getType(c);
        if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK || c == 0x200B) {
            return 0;
        }
        return isWide(c) ? 2 : 1;
    }

    /** East Asian wide and full-width characters, and emoji, as terminals draw them. */
    private static boolean isWide(int c) {
        return c >= 0x1100 && c <= 0x115F
                || c >= 0x2E80 && c <= 0x303E
                || c >= 0x3041 && c <= 0x33FF
                || c >= 0x3400 && c <= 0x4DBF
                || c >= 0x4E00 && c <= 0x9FFF
                || c >= 0xA000 && c <= 0xA4CF
                || c >= 0xAC00 && c <= 0xD7A3
                || c >= 0xF900 && c <= 0xFAFF
                || c >= 0xFE30 && c <= 0xFE4F
                || c >= 0xFF00 && c <= 0xFF60
                || c >= 0xFFE0 && c <= 0xFFE6
                || c >= 0x1F300 && c <= 0x1F64F
                || c >= 0x1F680 && c <= 0x1F6FF
                || c >= 0x1F900 && c <= 0x1F9FF
                || c >= 0x20000 && c <= 0x3FFFD;
    }

    /** The bytes as UTF-8 where they are; otherwise as they are, a column each (a line that is not text fails later). */
    private static String decoded(String bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.getBytes(StandardCharsets.ISO_8859_1))).toString();
        } catch (CharacterCodingException e) {
            return bytes;
        }
    }
}
