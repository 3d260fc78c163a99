package net.backup.store;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Optional;
import java.util.regex.Pattern;
import net.backup.platform.Platform;
import net.backup.platform.RegexGuard;

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
        return validate(platform, output, RegexGuard.NONE);
    }

    /**
     * @param guard stops the platform's patterns once the device's task is over (they are the user's, and a
     *              careless one can take long even over the bounded lines a session delivers)
     * @throws RegexGuard.Stopped when it does
     */
    public static String validate(Platform platform, String output, RegexGuard guard) throws InvalidConfigException {
        var volatileLine = new LineMatcher(platform.volatileLines(), guard);
        var errorLine = new LineMatcher(platform.errorLines(), guard);
        var pagerLine = new LineMatcher(platform.pagerPrompt(), guard);
        var kept = new ArrayList<String>();
        for (String line : (Iterable<String>) output.lines()::iterator) {
            if (volatileLine.matches(line) || kept.isEmpty() && line.isBlank()) {
                continue;
            }
            if (errorLine.matches(line)) {
                throw new InvalidConfigException("the device answered with an error: " + line.strip());
            }
            if (pagerLine.matches(line)) {
                throw new InvalidConfigException("pager residue in the output: '" + line.strip() + "' in line " + (kept.size() + 1));
            }
            int control = firstControlCharacter(line);
            if (control >= 0) {
                throw new InvalidConfigException(String.format("garbage in the output: control character 0x%02x in line %d",
                        (int) line.charAt(control), kept.size() + 1));
            }
            if (!isText(line)) {
                throw new InvalidConfigException("garbage in the output: bytes that are not text (not ASCII, not UTF-8) "
                        + "in line " + (kept.size() + 1));
            }
            kept.add(line);
        }
        while (!kept.isEmpty() && kept.get(kept.size() - 1).isBlank()) {
            kept.remove(kept.size() - 1);
        }
        if (kept.isEmpty()) {
            throw new InvalidConfigException("the device returned an empty configuration");
        }
        Optional<Pattern> end = platform.completeLastLine();
        String last = kept.get(kept.size() - 1);
        if (end.isPresent() && !new LineMatcher(end.get(), guard).matches(last)) {
            throw new InvalidConfigException("incomplete configuration: it ends with '" + abbreviate(last)
                    + "' instead of '" + end.get().pattern() + "' (truncated?)");
        }
        var config = new StringBuilder(output.length());
        kept.forEach(line -> config.append(line).append('\n'));
        return config.toString();
    }

    /** The first CLI error line in a command's output, if any. */
    public static Optional<String> errorLine(Platform platform, String output) {
        return errorLine(platform, output, RegexGuard.NONE);
    }

    public static Optional<String> errorLine(Platform platform, String output, RegexGuard guard) {
        var errorLine = new LineMatcher(platform.errorLines(), guard);
        return output.lines().filter(errorLine::matches).map(String::strip).findFirst();
    }

    /**
     * The line's bytes (one char per byte, as read) are ASCII or well-formed UTF-8: what a configuration
     * holds, and what line noise almost never is.
     */
    private static boolean isText(String line) {
        boolean ascii = true;
        for (int i = 0; i < line.length() && ascii; i++) {
            ascii = line.charAt(i) < 0x80;
        }
        if (ascii) {
            return true;
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(line.getBytes(StandardCharsets.ISO_8859_1)));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
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
