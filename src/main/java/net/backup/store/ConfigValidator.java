package net.backup.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import net.backup.platform.Platform;

/**
 * Decides whether command output is a configuration worth keeping, and gives it its stored form. A
 * configuration is kept only if it is not empty, holds no CLI error line, no pager prompt and no control
 * characters, and (where the platform has an end marker) is complete.
 */
public final class ConfigValidator {
    private ConfigValidator() {
    }

    /**
     * @return the configuration as it is stored: volatile lines (timestamps, byte counts) dropped, LF line
     *         ends, one final newline
     * @throws InvalidConfigException naming what is wrong and where
     */
    public static String validate(Platform platform, String output) throws InvalidConfigException {
        List<String> lines = withoutVolatileLines(platform.volatileLines(), output.lines().toList());
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isBlank()) {
            lines.remove(lines.size() - 1);
        }
        if (lines.isEmpty()) {
            throw new InvalidConfigException("the device returned an empty configuration");
        }
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (platform.errorLines().matcher(line.strip()).matches()) {
                throw new InvalidConfigException("the device answered with an error: " + line.strip());
            }
            if (platform.pagerPrompt().matcher(line).matches()) {
                throw new InvalidConfigException("pager residue in the output: '" + line.strip() + "' in line " + (i + 1));
            }
            int control = firstControlCharacter(line);
            if (control >= 0) {
                throw new InvalidConfigException(String.format(
                        "garbage in the output: control character 0x%02x in line %d", (int) line.charAt(control), i + 1));
            }
        }
        Optional<Pattern> end = platform.completeLastLine();
        String last = lines.get(lines.size() - 1);
        if (end.isPresent() && !end.get().matcher(last.strip()).matches()) {
            throw new InvalidConfigException("incomplete configuration: it ends with '" + abbreviate(last)
                    + "' instead of '" + end.get().pattern() + "' (truncated?)");
        }
        return String.join("\n", lines) + "\n";
    }

    /** The first CLI error line in a command's output, if any. */
    public static Optional<String> errorLine(Platform platform, String output) {
        return output.lines().map(String::strip).filter(line -> platform.errorLines().matcher(line).matches()).findFirst();
    }

    /** Drops volatile lines wherever they are, and the blank lines they leave at the start. */
    private static List<String> withoutVolatileLines(Pattern volatileLines, List<String> lines) {
        var kept = new ArrayList<String>(lines.size());
        for (String line : lines) {
            if (!volatileLines.matcher(line.strip()).matches() && !(kept.isEmpty() && line.isBlank())) {
                kept.add(line);
            }
        }
        return kept;
    }

    /** Tabs are text; every other C0 control or DEL is not something a configuration contains. */
    private static int firstControlCharacter(String line) {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7f) {
                return i;
            }
        }
        return -1;
    }

    private static String abbreviate(String line) {
        String stripped = line.strip();
        return stripped.length() <= 60 ? stripped : stripped.substring(0, 57) + "...";
    }
}
