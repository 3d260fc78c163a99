package net.backup.session;

/**
 * One line as a terminal would show it: characters are written at the cursor, a backspace moves the cursor
 * left without erasing, a carriage return moves it to the start of the line, and
 * {@link TerminalFilter#ERASE_LINE} erases from the cursor to the end. This is how a device's line
 * editing redraws an echoed command (IOS inserts a character by rewriting the rest of the line and
 * backing up over it), so the echo is compared with the command as it appears on screen.
 */
final class ScreenLine {
    private ScreenLine() {
    }

    /** The visible text of {@code text[from, to)}, which holds no line feed. */
    static String render(CharSequence text, int from, int to) {
        var screen = new StringBuilder(to - from);
        int cursor = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\r' -> cursor = 0;
                case '\b' -> cursor = Math.max(0, cursor - 1);
                case TerminalFilter.ERASE_LINE -> screen.setLength(cursor);
                case OutputCleaner.ANSWERED_PAGER -> {
                    // the reader's mark, not something the device showed
                }
                default -> {
                    if (cursor < screen.length()) {
                        screen.setCharAt(cursor, c);
                    } else {
                        screen.append(c);
                    }
                    cursor++;
                }
            }
        }
        return screen.toString();
    }

    static String render(CharSequence text) {
        return render(text, 0, text.length());
    }
}
