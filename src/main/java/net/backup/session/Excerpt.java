package net.backup.session;

/**
 * The start of a device's text, for a message: a device decides how long what it says is (a prompt, a
 * refusal, the methods it offers), and a message shows a bounded part of it.
 */
final class Excerpt {
    private Excerpt() {
    }

    /** {@code text} if it has at most {@code max} characters; else its first {@code max} and "...". */
    static String of(String text, int max) {
        return text.length() > max ? text.substring(0, max) + "..." : text;
    }
}
