package net.backup.files;

import java.util.regex.Pattern;

/** A word as a POSIX shell reads it back unchanged, for a command a message tells the user to type. */
public final class ShellWords {
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./:=@%+-]+");

    private ShellWords() {
    }

    /** The word itself where the shell leaves it alone, else in single quotes (a quote inside as '\''). */
    public static String quote(String word) {
        return PLAIN.matcher(word).matches() ? word : "'" + word.replace("'", "'\\''") + "'";
    }
}
