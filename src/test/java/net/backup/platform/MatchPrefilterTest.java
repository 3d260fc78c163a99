package net.backup.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import net.backup.lab.ConfigGenerator;
import net.backup.lab.DeviceKinds;
import org.junit.jupiter.api.Test;

class MatchPrefilterTest {
    private static boolean whole(String pattern, String line) {
        return MatchPrefilter.of(Pattern.compile(pattern)).mayMatchWhole(line, 0, line.length());
    }

    private static boolean atStart(String pattern, String line) {
        return MatchPrefilter.of(Pattern.compile(pattern)).mayMatchAtStartOf(line, 0, line.length());
    }

    @Test
    void aPatternIsReadOnceAndAnotherPatternOfTheSameTextSeparately() {
        Pattern pattern = Pattern.compile("% ?(Invalid input|Error).*");
        assertThat(MatchPrefilter.of(pattern)).isSameAs(MatchPrefilter.of(pattern));
        Pattern sameText = Pattern.compile(pattern.pattern(), Pattern.CASE_INSENSITIVE);
        // Flags the reader does not understand: answered "may" for every line, not the first pattern's answer.
        assertThat(MatchPrefilter.of(sameText).mayMatchWhole("hostname r1", 0, 11)).isTrue();
        assertThat(MatchPrefilter.of(pattern).mayMatchWhole("hostname r1", 0, 11)).isFalse();
    }

    @Test
    void aLineThatBeginsWithWhatNoMatchBeginsWithIsRuledOut() {
        assertThat(whole("% ?(Invalid input|Error).*", "hostname r1")).isFalse();
        assertThat(whole("% ?(Invalid input|Error).*", "% Invalid input detected")).isTrue();
        assertThat(whole("(?:Building configuration\\.\\.\\.)|(?:ntp clock-period \\d+)", "ntp clock-period 17")).isTrue();
        assertThat(whole("(?:Building configuration\\.\\.\\.)|(?:ntp clock-period \\d+)", "Building configuration...")).isTrue();
        assertThat(whole("(?:Building configuration\\.\\.\\.)|(?:ntp clock-period \\d+)", "interface Gi1")).isFalse();
    }

    @Test
    void aLineShorterThanAnyMatchIsRuledOutAndTheEmptyLineOnlyWhereNothingMatchesIt() {
        assertThat(whole("ntp clock-period \\d+", "ntp clock-period ")).isFalse();
        assertThat(whole("ntp clock-period \\d+", "ntp clock-period 1")).isTrue();
        assertThat(whole("a{3}b", "aab")).isFalse();
        assertThat(whole("a{3}b", "aaab")).isTrue();
        assertThat(whole("ntp .*", "")).isFalse();
        assertThat(whole("x*", "")).isTrue();
        assertThat(whole("(x|)", "")).isTrue();
        assertThat(whole("(?=)", "")).isTrue();
    }

    @Test
    void optionalPartsLetWhatFollowsThemBeginAMatch() {
        assertThat(whole("(\\d+: )?[*.]?[A-Z][a-z]{2} .*", "*Nov 27 15:40")).isTrue();
        assertThat(whole("(\\d+: )?[*.]?[A-Z][a-z]{2} .*", "Nov 27 15:40")).isTrue();
        assertThat(whole("(\\d+: )?[*.]?[A-Z][a-z]{2} .*", "000123: *Nov 27")).isTrue();
        assertThat(whole("(\\d+: )?[*.]?[A-Z][a-z]{2} .*", "nov 27")).isFalse();
        assertThat(whole("a{0,2}b", "b")).isTrue();
        assertThat(whole("a??b", "b")).isTrue();
        assertThat(whole("a*+b", "b")).isTrue();
    }

    @Test
    void lookaroundsAndAnchorsMatchNothingSoTheyOnlyNarrow() {
        assertThat(whole("(?!md5 )\\S+", "md5 x")).isTrue(); // the regex says no; the prefilter may not know
        assertThat(whole("(?<=x)a|^b$|\\bc", "a")).isTrue();
        assertThat(whole("(?<=x)a|^b$|\\bc", "b")).isTrue();
        assertThat(whole("(?<=x)a|^b$|\\bc", "c")).isTrue();
        assertThat(whole("(?<=x)a|^b$|\\bc", "x")).isFalse();
        assertThat(whole("(?!)", "anything")).isFalse();
        assertThat(whole("(?!)", "")).isTrue();
    }

    @Test
    void whatItDoesNotUnderstandMayAlwaysMatch() {
        for (String pattern : List.of("(?i)password: ?", "(?i:password)", "\\Qx\\E", "\\x41", "\\u0041", "\\0101", "(a)\\1",
                "\\p{Upper}", "[[a]b]", "[a&&b]", "[a-c-e]", "\\h", "\\v", "\\R", "caf\u00e9", "\\N{LATIN SMALL LETTER A}")) {
            assertThat(whole(pattern, "Z")).as(pattern).isTrue();
            assertThat(atStart(pattern, "Z")).as(pattern).isTrue();
        }
        var insensitive = MatchPrefilter.of(Pattern.compile("password", Pattern.CASE_INSENSITIVE));
        assertThat(insensitive.mayMatchWhole("PASSWORD", 0, 8)).isTrue();
        var comments = MatchPrefilter.of(Pattern.compile(" # a comment\n x", Pattern.COMMENTS));
        assertThat(comments.mayMatchWhole("x", 0, 1)).isTrue();
    }

    @Test
    void characterClassesAndEscapes() {
        assertThat(whole("[^a]b", "ab")).isFalse();
        assertThat(whole("[^a]b", "\u00ffb")).isTrue();
        assertThat(whole("[-a]x", "-x")).isTrue();
        assertThat(whole("[a-]x", "-x")).isTrue();
        assertThat(whole("[\\d.]x", ".x")).isTrue();
        assertThat(whole("[\\d.]x", "5x")).isTrue();
        assertThat(whole("[\\d.]x", "ax")).isFalse();
        assertThat(whole("\\W", "%")).isTrue();
        assertThat(whole("\\S+", "\u00e9")).isTrue();
        assertThat(whole("\\s*x", "\tx")).isTrue();
        assertThat(whole("\\.x", "ax")).isFalse();
        assertThat(whole(".x", "\u0001x")).isTrue();
        assertThat(whole("[a]x", "\u0100x")).isTrue(); // beyond Latin-1, the regex decides
    }

    @Test
    void atTheStartOfALineWhatFollowsTheIndentationDecides() {
        assertThat(atStart(" *--More-- *", "  --More-- line 2")).isTrue();
        assertThat(atStart(" *--More-- *", "--More--")).isTrue();
        assertThat(atStart(" *--More-- *", " ip address 10.0.0.1")).isFalse();
        assertThat(atStart(" *--More-- *", "interface Gi1")).isFalse();
        assertThat(atStart(" *--More-- *", "   ")).isTrue();
        assertThat(atStart(" *--More-- *", "")).isTrue();
        // A pattern that can match spaces alone takes an indented line's indentation.
        assertThat(atStart(" +|--More--", "  interface Gi1")).isTrue();
        assertThat(atStart(" +|--More--", "interface Gi1")).isFalse();
        assertThat(atStart("(?: )?x", " y")).isFalse();
        assertThat(atStart("(?: )?x", " x")).isTrue();
        assertThat(atStart("\\s+x", " \tx")).isTrue();
    }

    /** The proof that counts: wherever the prefilter rules a match out, the regex finds none. */
    @Test
    void neverRulesOutAMatchTheRegexWouldFind() {
        List<Pattern> patterns = new ArrayList<>();
        for (String name : Platforms.builtIn().names()) {
            Platform p = Platforms.builtIn().find(name).orElseThrow();
            Stream.of(Optional.of(p.prompt()), p.userPrompt(), p.privilegedPrompt(), Optional.of(p.passwordPrompt()),
                    Optional.of(p.pagerPrompt()), Optional.of(p.errorLines()), Optional.of(p.volatileLines()), p.completeLastLine())
                    .flatMap(Optional::stream).forEach(patterns::add);
            p.secrets().forEach(rule -> patterns.add(rule.pattern()));
        }
        for (String extra : List.of("x*", " *", " +|--More--", "(?: )?x", "(?!)", "", "a|", "(?<=a)b|c", "[^ ]*", "\\s*\\S?",
                "(a|b )?c{0}d", "a{2,}|\\d{1,3}\\.", "(?>a|ab)c", "\\b-\\B", "x$|^ ")) {
            patterns.add(Pattern.compile(extra));
        }
        List<String> lines = corpus();
        int ruledOut = 0;
        for (Pattern pattern : patterns) {
            var prefilter = MatchPrefilter.of(pattern);
            Matcher m = pattern.matcher("");
            for (String line : lines) {
                if (!prefilter.mayMatchWhole(line, 0, line.length())) {
                    ruledOut++;
                    assertThat(m.reset(line).matches()).as("/%s/ on '%s'", pattern, line).isFalse();
                }
                if (!prefilter.mayMatchAtStartOf(line, 0, line.length())) {
                    assertThat(m.reset(line).lookingAt() && m.end() > 0).as("/%s/ at the start of '%s'", pattern, line).isFalse();
                }
            }
        }
        assertThat(ruledOut).isGreaterThan(patterns.size() * lines.size() / 2);
    }

    /** Lines of every lab kind's configuration, and short odd ones: each Latin-1 character alone, after spaces, before text. */
    private static List<String> corpus() {
        var lines = new ArrayList<String>();
        var kinds = DeviceKinds.builtIn();
        for (String kind : kinds.names()) {
            String body = new ConfigGenerator(7).generate(kinds.get(kind), "r1", "ntc").body();
            body.lines().limit(400).forEach(lines::add);
        }
        for (char c = 0; c < 256; c++) {
            for (String around : List.of("%s", " %s", "   %s", "%sx", "%s ", "%s%s")) {
                lines.add(around.replace("%s", String.valueOf(c)));
            }
        }
        lines.addAll(List.of("", " ", "   ", "--More--", " --More-- ", "  --More-- x", "ab", "aab", "b", "c", "d", "ac", "b c",
                "12.", "-", "x", " x", "% Invalid input detected at '^' marker.", "Building configuration...", "end",
                "ntp clock-period 17179869", "000123: *Nov 27 15:40:00.123 UTC: %SYS-5-CONFIG_I: Configured", "csr1#", "csr1>",
                "Password: ", "---(more 42%)---", "{master:0}", "[edit]", "[]"));
        return lines;
    }
}
