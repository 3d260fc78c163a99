package net.backup.session;

import static org.assertj.core.api.Assertions.assertThat;

import net.backup.platform.Platforms;
import org.junit.jupiter.api.Test;

class OutputCleanerTest {
    private static String clean(String raw, String command) {
        return TestAccess.clean(raw, command);
    }

    @Test
    void dropsTheEchoedCommandAndCarriageReturns() {
        assertThat(clean("show run\r\nhostname r1\r\nend\r\n", "show run")).isEqualTo("hostname r1\nend");
    }

    @Test
    void removesAnIosPagerPromptErasedWithBackspaces() {
        String erase = "\b".repeat(10) + " ".repeat(10) + "\b".repeat(10);
        String raw = "show run\r\nline 1\r\n --More-- " + erase + "line 2\r\nend\r\n";

        assertThat(clean(raw, "show run")).isEqualTo("line 1\nline 2\nend");
    }

    @Test
    void removesAPagerPromptThatWasNeverErased() {
        assertThat(clean("x\r\nline 1\r\n --More-- line 2\r\n", "x")).isEqualTo("line 1\nline 2");
    }

    @Test
    void aBareCarriageReturnStartsTheLineOver() {
        assertThat(clean("x\r\n --More--\r          \rline 2\r\n", "x")).isEqualTo("line 2");
    }

    @Test
    void keepsLineNoiseRawWhenBackspacesOrCarriageReturnsEraseMoreThanAPagerPrompt() {
        assertThat(clean("x\r\nhostname r1\b\b2\r\n", "x")).isEqualTo("hostname r1\b\b2");
        assertThat(clean("x\r\n\u00e9\u00ff junk\rinterface Gi1\r\n", "x")).isEqualTo("\u00e9\u00ff junk\rinterface Gi1");
    }

    @Test
    void aJunosStylePagerEraseWithCarriageReturnsIsRemoved() {
        var junos = java.util.regex.Pattern.compile("---\\(more( \\d+%)?\\)---");
        assertThat(OutputCleaner.clean("line 1\r\n---(more 42%)---\r" + " ".repeat(20) + "\rline 2\r\n", junos))
                .isEqualTo("line 1\nline 2");
    }

    @Test
    void keepsTheFirstLineWhenTheDeviceDoesNotEcho() {
        assertThat(clean("hostname r1\r\nend\r\n", "show run")).isEqualTo("hostname r1\nend");
    }

    @Test
    void keepsADescriptionThatMentionsThePager() {
        assertThat(clean("x\r\n description see --More-- docs\r\n", "x")).isEqualTo(" description see --More-- docs");
    }

    private static String cleanWith(String pager, String raw) {
        return OutputCleaner.clean(raw, java.util.regex.Pattern.compile(pager));
    }

    @Test
    void anIndentedPagerPromptIsRemovedAndAnIndentedLineKept() {
        assertThat(cleanWith(" *--More-- *", "a\r\n   --More-- b\r\n ip address 10.0.0.1\r\n")).isEqualTo("a\nb\n ip address 10.0.0.1");
    }

    @Test
    void aPagerPatternThatMatchesSpacesAloneTakesTheIndentation() {
        assertThat(cleanWith(" +|--More--", "a\r\n  b\r\n   \r\nc\r\n")).isEqualTo("a\nb\nc");
        assertThat(cleanWith("(?: )?x", "a\r\n  b\r\n")).isEqualTo("a\n  b");
    }

    @Test
    void aPagerPatternThatMatchesTheEmptyLineDropsEmptyLinesOnly() {
        assertThat(cleanWith("(--More--)?", "a\r\n\r\n\nb --More--\r\n--More--c\r\n")).isEqualTo("a\nb --More--\nc");
        assertThat(cleanWith("(?!)", "a\r\n\r\n\nb\r\n")).isEqualTo("a\n\n\nb");
    }

    @Test
    void aPagerPatternWithFlagsOrAlternativesIsAppliedAsWritten() {
        assertThat(cleanWith("(?i)-- ?more ?-- ?", "a\r\n--more-- b\r\n-- MORE --c\r\n")).isEqualTo("a\nb\nc");
        assertThat(cleanWith("More: |<--- More ---> ", "a\r\nMore: b\r\n<--- More ---> c\r\n")).isEqualTo("a\nb\nc");
    }

    @Test
    void carriageReturnsThatEndALineAreNotNoiseButOneInsideItIs() {
        assertThat(cleanWith("(?!)", "a\r\r\r\nb\r\n")).isEqualTo("a\nb");
        assertThat(cleanWith("(?!)", "a\r\nhostname\rx\r\n")).isEqualTo("a\nhostname\rx");
        assertThat(cleanWith("(?!)", "a\r\nhost\u0000name\r\n")).isEqualTo("a\nhostname");
        assertThat(cleanWith("(?!)", "no newline at the end\r")).isEqualTo("no newline at the end");
    }
}
