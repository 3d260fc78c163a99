package net.backup.store;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Whether a configuration that is a tree in braces (JunOS's {@code show configuration}) is whole. Such a platform
 * has no end marker: a configuration simply stops after its last closing brace, and one cut short stops anywhere,
 * most often with blocks left open (probe M: a truncated JunOS answer replaced the good backup, exit 0); one cut
 * exactly between two top-level blocks still pairs up. Braces are counted outside double-quoted strings (with their
 * backslash escapes), {@code #} comments and {@code /* ... *}{@code /} annotations. JunOS shows an annotation on lines
 * of its own and a comment at the start of a line or after a blank ({@code ## SECRET-DATA}); elsewhere the characters
 * are a word's own: a group's wildcard {@code <ge-0/0/*>} or {@code member ge-0/0/*;} opens no annotation (the cold
 * review: every brace after it went uncounted, and the device failed on every run).
 */
final class BraceBalance {
    private BraceBalance() {
    }

    /** What is wrong with the braces of {@code config}, or empty if they pair up. */
    static Optional<String> problem(CharSequence config) {
        return scan(config).problem();
    }

    /**
     * What a pass over a configuration found.
     *
     * @param problem what is wrong with its braces, if anything
     * @param blocks  whether it has a block: a brace outside quoted strings, comments and annotations
     */
    record Scan(Optional<String> problem, boolean blocks) {
    }

    static Scan scan(CharSequence config) {
        boolean blocks = false;
        int depth = 0;
        int line = 1;
        boolean quoted = false;
        boolean lineComment = false;
        boolean annotation = false;
        boolean lineStart = true; // only blanks so far on this line
        for (int i = 0, length = config.length(); i < length; i++) {
            char c = config.charAt(i);
            char next = i + 1 < length ? config.charAt(i + 1) : '\0';
            char before = i > 0 ? config.charAt(i - 1) : '\n';
            boolean wasLineStart = lineStart;
            lineStart = c == '\n' || lineStart && (c == ' ' || c == '\t');
            if (c == '\n') {
                line++;
                // A quoted string never spans lines in JunOS's display (a newline in one is shown as \n): an
                // unpaired quote is not let to hide the braces of the lines after it.
                quoted = false;
                lineComment = false;
            } else if (lineComment) {
                continue;
            } else if (annotation) {
                if (c == '*' && next == '/') {
                    annotation = false;
                    i++;
                }
            } else if (quoted) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    quoted = false;
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == '#' && (wasLineStart || before == ' ' || before == '\t')) {
                lineComment = true;
            } else if (c == '/' && next == '*' && wasLineStart) {
                annotation = true;
                i++;
                lineStart = false;
            } else if (c == '{') {
                depth++;
                blocks = true;
            } else if (c == '}') {
                if (--depth < 0) {
                    return new Scan(Optional.of("a '}' in line " + line + " closes no block"), true);
                }
            }
        }
        if (depth > 0) {
            return new Scan(Optional.of(depth + (depth == 1 ? " block is" : " blocks are") + " left open at its end"), true);
        }
        if (annotation) {
            return new Scan(Optional.of("an annotation (/* ... */) is left open at its end"), blocks);
        }
        return new Scan(Optional.empty(), blocks);
    }

    /** The words a line of the set form begins with ({@code show configuration | display set}). */
    private static final Pattern SET_FORM_LINE = Pattern.compile(
            "\\s*(?:set|deactivate|activate|delete|protect|unprotect|annotate|insert) .*|\\s*(?:#.*)?");

    /**
     * Whether {@code config} is the set form: every line a set command (or a comment, or blank). A configuration in
     * braces cut before its first block ({@code version 20}) is not, and must still end a statement (the second
     * review: it was taken for the set form, which is not checked, and stored).
     */
    static boolean isSetForm(String config) {
        return config.lines().allMatch(line -> SET_FORM_LINE.matcher(line).matches());
    }

    /**
     * Whether {@code line}, the last of a configuration in braces, ends a statement: with {@code ;} or {@code }},
     * a comment after a blank aside ({@code ## SECRET-DATA}). A cut between two top-level blocks leaves the braces
     * paired, but one inside a top-level statement ({@code version 20}, {@code apply-groups [ GE-DE}) does not end
     * so (probe N: a file of {@code version 20} replaced a full backup).
     */
    static boolean endsAStatement(String line) {
        String text = line.strip();
        int comment = text.indexOf(" #", text.lastIndexOf('"') + 1); // after any quoted string
        if (comment >= 0) {
            text = text.substring(0, comment).strip();
        }
        return text.endsWith(";") || text.endsWith("}");
    }
}
