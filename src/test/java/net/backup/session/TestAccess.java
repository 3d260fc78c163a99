package net.backup.session;

import java.nio.charset.StandardCharsets;

/** Lets tests of other packages run the output cleaner the way a session does, for IOS. */
public final class TestAccess {
    private TestAccess() {
    }

    public static String clean(String raw, String command) {
        var filtered = new StringBuilder();
        byte[] bytes = raw.getBytes(StandardCharsets.ISO_8859_1);
        new TerminalFilter().feed(bytes, bytes.length, filtered);
        String text = filtered.toString();
        String echo = command + "\r\n";
        return OutputCleaner.clean(text.startsWith(echo) ? text.substring(echo.length()) : text);
    }
}
