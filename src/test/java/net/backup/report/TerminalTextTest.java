package net.backup.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import net.backup.run.DeviceResult;
import org.junit.jupiter.api.Test;

class TerminalTextTest {
    static final String HOSTILE = "\u001b[2J \u001b]0;PWNED\u0007 \u001b[31mFAKE: all devices OK";

    @Test
    void showsEveryControlCharacterEscaped() {
        assertThat(TerminalText.escape(HOSTILE)).isEqualTo("\\e[2J \\e]0;PWNED\\x07 \\e[31mFAKE: all devices OK");
        assertThat(TerminalText.escape("a\rb\nc\td\u007fe\u009bf\u202eg")).isEqualTo("a\\rb\\nc\\td\\x7fe\\x9bf\\u202eg");
    }

    @Test
    void aLogLineKeepsItsTabsAndIsAlwaysOneLine() {
        assertThat(TerminalText.escapeKeepingTabs("\tat x\r\nFORGED " + HOSTILE))
                .isEqualTo("\tat x\\r\\nFORGED \\e[2J \\e]0;PWNED\\x07 \\e[31mFAKE: all devices OK");
    }

    @Test
    void textOfManyLinesKeepsItsLineFeedsAndTabsAndEscapesTheRest() {
        assertThat(TerminalText.escapeEachLine("+\tok\n-" + HOSTILE + "\r\n 日本\n"))
                .isEqualTo("+\tok\n-\\e[2J \\e]0;PWNED\\x07 \\e[31mFAKE: all devices OK\\r\n 日本\n");
        assertThat(TerminalText.escapeEachLine("no line feed\u0007")).isEqualTo("no line feed\\x07");
    }

    /** Text a reader does not see, or sees reordered: zero widths, joiners, direction marks, separators (probe H). */
    @Test
    void showsInvisibleAndDirectionCharactersEscaped() {
        assertThat(TerminalText.escape("a\u200fb\u200ec\u061cd\u200be\u2060g\ufeffh\u2028i\u2029j\ufff9k\u180el"))
                .isEqualTo("a\\u200fb\\u200ec\\u061cd\\u200be\\u2060g\\ufeffh\\u2028i\\u2029j\\ufff9k\\u180el");
        // the joiners are spelling in Persian, the Indic scripts and emoji sequences
        assertThat(TerminalText.escape("\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645 \ud83d\udc68\u200d\ud83d\udc69"))
                .isEqualTo("\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645 \ud83d\udc68\u200d\ud83d\udc69");
        assertThat(TerminalText.escape("Z\u00fcrich \u65e5\u672c \u2013 caf\u00e9")).isEqualTo("Z\u00fcrich \u65e5\u672c \u2013 caf\u00e9");
    }

    /** The invisible characters the third cold review found still passing: soft hyphen, invisible operators, fillers, tags. */
    @Test
    void showsSoftHyphensInvisibleOperatorsFillersAndTagsEscaped() {
        assertThat(TerminalText.escape("pa\u00adss\u2062wo\u2064rd\u3164x\u115fy\uffa0z"))
                .isEqualTo("pa\\xadss\\u2062wo\\u2064rd\\u3164x\\u115fy\\uffa0z");
        // "hi" in tag characters, after a visible word: the hidden text shows
        String tags = new StringBuilder("ok").appendCodePoint(0xe0068).appendCodePoint(0xe0069).toString();
        assertThat(TerminalText.escape(tags)).isEqualTo("ok\\U000e0068\\U000e0069");
        // other characters beyond the first plane are text
        assertThat(TerminalText.escape("\ud83d\ude00 \ud834\udd1e")).isEqualTo("\ud83d\ude00 \ud834\udd1e");
    }

    @Test
    void leavesPrintableTextAsItIs() {
        String text = "csr1: cannot write /srv/configs/csr1.cfg: 'ünïcode' [ok] % 100";
        assertThat(TerminalText.escape(text)).isSameAs(text);
    }

    @Test
    void aDevicesLineShowsItsErrorEscaped() {
        var out = new StringWriter();
        var report = new ConsoleReport(new PrintWriter(out), List.of("csr1"));

        report.accept(DeviceResult.failed("csr1", "10.0.0.1", 1, Duration.ofMillis(50), DeviceResult.Cause.DEVICE_ERROR,
                "the device answered with an error: % Error " + HOSTILE + "\nUNCHANGED  csr9"));

        assertThat(out.toString()).doesNotContain("\u001b", "\u0007").hasLineCount(1)
                .contains("% Error \\e[2J \\e]0;PWNED\\x07 \\e[31mFAKE: all devices OK\\nUNCHANGED  csr9");
    }
}
