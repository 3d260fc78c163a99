package net.backup.yaml;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * The YAML mistakes people make in an inventory, said in their words rather than the parser's: a password that
 * starts with '@' was "found character '@' that cannot start any token. (Do not use @ for indentation)", and a key
 * indented one space too few "expected &lt;block end&gt;, but found '&lt;block mapping start&gt;'". The line's text
 * tells which mistake it is and which key it is about. Any other parser error keeps the parser's words.
 */
final class SyntaxErrors {
    /** Where to point, and what to say there: {@code password: a value that starts with '@' ...}. */
    record Explained(Mark where, String message) {
    }

    /** The characters YAML reserves at the start of a plain value, as the scanner refuses them. */
    private static final Pattern RESERVED = Pattern.compile(
            "found character '([@`%])' that cannot start any token.*", Pattern.DOTALL);
    private static final Pattern TAB = Pattern.compile("found character '\\\\t\\(TAB\\)' that cannot start any token.*",
            Pattern.DOTALL);
    /** A flow mapping or list not closed: the parser reached the next line's '{', or the end, still inside it. */
    private static final Pattern UNCLOSED = Pattern.compile("expected ',' or '([}\\]])', but got .*", Pattern.DOTALL);
    private static final Pattern UNDEFINED_ALIAS = Pattern.compile("found undefined alias .*", Pattern.DOTALL);
    private static final Pattern MISPLACED = Pattern.compile(
            "expected <block end>, but found '(<block mapping start>|\\?|<block sequence start>|<scalar>)'");
    /** A key as people write one (no quotes, no flow): {@code username}, {@code platforms_dir}, {@code core}. */
    private static final String KEY = "([^\\s:#'\"\\[\\]{},&*!|>%@`-][^:#,\\[\\]{}]*?)";
    /** A line holding a key: its indentation, any list dashes before the key, the key. */
    private static final Pattern KEY_LINE = Pattern.compile("^( *)((?:- +)*)" + KEY + " *:(?: |$)");
    /** Text that ends where a key's value begins: {@code   password: } or {@code defaults: {password: }. */
    private static final Pattern BEFORE_A_VALUE = Pattern.compile(KEY + " *: +$");
    /** Text that holds a key and then the start of its value. */
    private static final Pattern KEY_THEN_VALUE = Pattern.compile("^ *(?:- +)*" + KEY + " *: +\\S");
    private static final Pattern LINE_BREAK = Pattern.compile("\r\n|[\r\n\u0085\u2028\u2029]");
    private static final String LINED_UP = "the keys of one mapping start in the same column, and the '-' of one list "
            + "too (with spaces)";
    private static final String QUOTED = " must be quoted in YAML: '...' or \"...\"";

    private final List<String> lines;

    private SyntaxErrors(String text) {
        // The parser's line numbers count every YAML line break.
        this.lines = List.of(LINE_BREAK.split(text, -1));
    }

    static Explained explain(MarkedYAMLException e, String text) {
        return new SyntaxErrors(text).explain(e);
    }

    private Explained explain(MarkedYAMLException e) {
        Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
        String problem = e.getProblem() != null ? e.getProblem() : e.getContext();
        Matcher unclosed = problem == null ? null : UNCLOSED.matcher(problem);
        if (unclosed != null && unclosed.matches() && e.getContextMark() != null && mark != null) {
            String closing = unclosed.group(1);
            if (mark.getLine() > e.getContextMark().getLine() || problem.endsWith("<stream end>")) {
                // The parser points at where it gave up, the line after the mistake or the end of the file, on the same
                // line when the file has no last line end (probe M, the second review):
                // the line to fix is the one whose '{' or '[' is not closed.
                return new Explained(e.getContextMark(), "this '" + (closing.equals("}") ? "{" : "[") + "' is never"
                        + " closed: is its '" + closing + "' missing at the end of the line?");
            }
            // On the same line, the entries before the closing one are not separated (the cold review).
            return new Explained(mark, "a ',' missing between two entries? inside '" + (closing.equals("}") ? "{ }" : "[ ]")
                    + "' they are separated by commas");
        }
        Optional<String> words = mark == null || problem == null || mark.getLine() >= lines.size() ? Optional.empty()
                : plainWords(problem, mark);
        return new Explained(mark, words.orElseGet(() -> "malformed YAML: " + oneLine(problem)));
    }

    private Optional<String> plainWords(String problem, Mark mark) {
        String line = lines.get(mark.getLine());
        // The column counts characters as the parser reads them, code points.
        String before = line.substring(0, line.offsetByCodePoints(0,
                Math.min(mark.getColumn(), line.codePointCount(0, line.length()))));
        Matcher reserved = RESERVED.matcher(problem);
        if (reserved.matches() || UNDEFINED_ALIAS.matcher(problem).matches()) {
            String character = reserved.matches() ? reserved.group(1) : "*";
            // Never the parser's words: "found undefined alias Hunter2secret" quotes the value (the cold review).
            String value = "a value that starts with '" + character + "'" + QUOTED;
            return Optional.of(keyBefore(before).map(key -> key + ": " + value).orElse(value));
        }
        if (TAB.matcher(problem).matches()) {
            return Optional.of("a tab, where YAML takes only spaces (to indent, and after a key's ':')");
        }
        if (problem.equals("mapping values are not allowed here")) {
            return Optional.of(colonInAValueOrTooDeep(before, mark.getLine()));
        }
        if (problem.equals("sequence entries are not allowed here")) {
            return keyBefore(before).map(key -> key + ": a value that starts with '-'" + QUOTED);
        }
        if (!MISPLACED.matcher(problem).matches()) {
            return Optional.empty();
        }
        if (before.isBlank()) {
            return Optional.of(notLinedUp(line, mark.getLine()));
        }
        Matcher keyThenValue = KEY_THEN_VALUE.matcher(before);
        if ((before.endsWith("'") || before.endsWith("\"")) && keyThenValue.find()) {
            return Optional.of(keyThenValue.group(1) + ": text after the closing quote: put the whole value in the "
                    + "quotes (inside '...', a quote is written twice: 'it''s')");
        }
        return Optional.empty();
    }

    /**
     * A ':' where no key may start: after a key and the start of its value on the same line, it is a ': ' inside
     * the value; as the line's first ':', the line is indented deeper than the one above, whose value it continues.
     */
    private String colonInAValueOrTooDeep(String before, int lineIndex) {
        Matcher keyThenValue = KEY_THEN_VALUE.matcher(before);
        if (keyThenValue.find()) {
            return keyThenValue.group(1) + ": a value that holds ': '" + QUOTED;
        }
        String here = keyOf(lines.get(lineIndex)).map(key -> key + ": ").orElse("");
        int above = previousContent(lineIndex);
        if (above < 0) {
            return here + "indented deeper than the line above it; " + LINED_UP;
        }
        return keyOf(lines.get(above))
                .map(key -> here + "indented deeper than '" + key + "' on line " + (above + 1) + ", so YAML reads it as "
                        + "more of that value; " + LINED_UP)
                .orElseGet(() -> here + "indented deeper than line " + (above + 1) + ", which holds no key (is its ':' "
                        + "missing?); " + LINED_UP);
    }

    /** A key or a list's '-' in a column that matches none above it. */
    private String notLinedUp(String line, int lineIndex) {
        boolean listItem = line.stripLeading().startsWith("-");
        for (int i = lineIndex - 1; i >= 0; i--) {
            String above = lines.get(i);
            if (listItem && above.stripLeading().startsWith("-")) {
                return "this list item is not lined up with the '-' on line " + (i + 1) + " (column "
                        + (indentation(above) + 1) + "); " + LINED_UP;
            }
            Matcher key = KEY_LINE.matcher(above);
            if (!listItem && key.find()) {
                String here = keyOf(line).map(k -> k + ": ").orElse("");
                return here + "not lined up with '" + key.group(3) + "' on line " + (i + 1) + " (column "
                        + (key.group(1).length() + key.group(2).length() + 1) + "); " + LINED_UP;
            }
        }
        return "not lined up with the lines above it; " + LINED_UP;
    }

    private int previousContent(int lineIndex) {
        for (int i = lineIndex - 1; i >= 0; i--) {
            String text = lines.get(i).strip();
            if (!text.isEmpty() && !text.startsWith("#")) {
                return i;
            }
        }
        return -1;
    }

    private static Optional<String> keyBefore(String before) {
        Matcher key = BEFORE_A_VALUE.matcher(before);
        return key.find() ? Optional.of(key.group(1)) : Optional.empty();
    }

    private static Optional<String> keyOf(String line) {
        Matcher key = KEY_LINE.matcher(line);
        return key.find() ? Optional.of(key.group(3)) : Optional.empty();
    }

    private static int indentation(String line) {
        return line.length() - line.stripLeading().length();
    }

    private static String oneLine(String text) {
        return text == null ? "unreadable document" : text.replaceAll("\\s+", " ").trim();
    }
}
