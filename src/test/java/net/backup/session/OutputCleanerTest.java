package net.backup.session;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OutputCleanerTest {
    private static String clean(String raw, String command) {
        return TestAccess.clean(raw, command);
    }

    @Test
    void dropsTheEchoedCommandAndCarriageReturns() {
        assertThat(clean("show run\r\nhostname r1\r\nend\r\n", "show run")).isEqualTo("hostname r1\nend");
    }

    /** Where the reader answered a pager prompt (it marks the spot in the text as it types the key). */
    private static final String ANSWERED = String.valueOf(OutputCleaner.ANSWERED_PAGER);

    @Test
    void removesAnAnsweredIosPagerPromptErasedWithBackspaces() {
        String erase = "\b".repeat(10) + " ".repeat(10) + "\b".repeat(10);
        String raw = "line 1\r\n --More-- " + ANSWERED + erase + "line 2\r\nend\r\n";

        assertThat(OutputCleaner.clean(raw)).isEqualTo("line 1\nline 2\nend");
    }

    @Test
    void removesAnAnsweredPagerPromptThatWasNeverErased() {
        assertThat(OutputCleaner.clean("line 1\r\n --More-- " + ANSWERED + "line 2\r\n")).isEqualTo("line 1\nline 2");
    }

    @Test
    void aBareCarriageReturnStartsTheLineOver() {
        assertThat(OutputCleaner.clean(" --More--" + ANSWERED + "\r          \rline 2\r\n")).isEqualTo("line 2");
    }

    @Test
    void anAnsweredPagerPromptAloneOnItsLineIsDroppedButABlankLineAfterAnErasedOneIsKept() {
        assertThat(OutputCleaner.clean("a\r\n --More-- " + ANSWERED + "\r\nb\r\n")).isEqualTo("a\nb");
        String erase = "\b".repeat(10) + " ".repeat(10) + "\b".repeat(10);
        assertThat(OutputCleaner.clean("a\r\n --More-- " + ANSWERED + erase + "\r\nb\r\n")).isEqualTo("a\n\nb");
    }

    /** The tester's banner: after terminal length 0 no pager was answered, so nothing looks like one to remove. */
    @Test
    void keepsEveryLineThatLooksLikeAPagerPromptWhereNoneWasAnswered() {
        String banner = "banner exec ^C\r\n--More--\r\n --More-- \r\n --More-- text\r\n<--- More --->\r\n^C\r\nend\r\n";

        assertThat(clean("show run\r\n" + banner, "show run")).isEqualTo(banner.replace("\r\n", "\n").strip());
    }

    @Test
    void aMarkInLineNoiseIsNeverKept() {
        String cleaned = OutputCleaner.clean(" --More-- " + ANSWERED + "\bjunk\rinterface Gi1\r\n");

        assertThat(cleaned).isEqualTo(" --More-- \bjunk\rinterface Gi1").doesNotContain(ANSWERED);
    }

    @Test
    void keepsLineNoiseRawWhenBackspacesOrCarriageReturnsEraseMoreThanAPagerPrompt() {
        assertThat(clean("x\r\nhostname r1\b\b2\r\n", "x")).isEqualTo("hostname r1\b\b2");
        assertThat(clean("x\r\n\u00e9\u00ff junk\rinterface Gi1\r\n", "x")).isEqualTo("\u00e9\u00ff junk\rinterface Gi1");
    }

    @Test
    void aJunosStylePagerEraseWithCarriageReturnsIsRemoved() {
        assertThat(OutputCleaner.clean("line 1\r\n---(more 42%)---" + ANSWERED + "\r" + " ".repeat(20) + "\rline 2\r\n"))
                .isEqualTo("line 1\nline 2");
    }

    /**
     * Huawei VRP and H3C Comware erase their pager prompt by moving the cursor back over it: dropped, the cursor
     * moves left sixteen blanks in front of the line after every page (outside probe F).
     */
    @Test
    void aVrpStylePagerEraseWithCursorMovesIsRemoved() {
        String erase = "\u001b[16D" + " ".repeat(16) + "\u001b[16D";
        assertThat(OutputCleaner.clean(throughTheTerminal("line 1\r\n  ---- More ----" + ANSWERED + erase + "line 2\r\n"
                + "  ---- More ----" + ANSWERED + "\u001b[42D" + " ".repeat(42) + "\u001b[42D" + " line 3\r\nreturn\r\n")))
                .isEqualTo("line 1\nline 2\n line 3\nreturn");
    }

    /** The device's bytes through one terminal filter, with the reader's marks where it answered a pager. */
    private static String throughTheTerminal(String raw) {
        var terminal = new TerminalFilter();
        var out = new StringBuilder();
        String[] pieces = raw.split(ANSWERED, -1);
        for (int i = 0; i < pieces.length; i++) {
            byte[] bytes = pieces[i].getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
            terminal.feed(bytes, bytes.length, out);
            if (i < pieces.length - 1) {
                out.append(ANSWERED);
            }
        }
        return out.toString();
    }

    /** Moved back over text, as a terminal would redraw it: neither the bytes nor the screen, so it is refused. */
    @Test
    void aCursorMoveBackOverTextKeepsTheLineRawForTheCheckToRefuse() {
        assertThat(clean("x\r\n no shutdown\u001b[11D shutdown\r\n", "x")).isEqualTo(" no shutdown" + "\b".repeat(11) + " shutdown");
        assertThat(clean("x\r\nab\u001b[Dc\r\n", "x")).isEqualTo("ab\bc");
        assertThat(clean("x\r\nab\u001b[1;2Dc\r\n", "x")).as("not a plain count: dropped").isEqualTo("abc");
    }

    /** A few bytes of cursor moves never become more backspaces than there are characters to move over. */
    @Test
    void cursorMovesBackGoNoFurtherThanTheLinesStart() {
        var filtered = new StringBuilder();
        byte[] moves = ("ab" + "\u001b[512D".repeat(1000) + "\n").repeat(100).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        new TerminalFilter().feed(moves, moves.length, filtered);
        assertThat(filtered.toString()).isEqualTo("ab\b\b\n".repeat(100));
    }

    /**
     * A backspace at the line's start moves nothing, on a terminal as here: counted anyway, the cursor moves that
     * follow fell one short, erased only a blank, and line noise was tidied into 'XYZ' (the second cold review).
     */
    @Test
    void aBackspaceAtTheLinesStartMovesNothingSoTheCursorMovesAfterItAreCountedRight() {
        assertThat(clean("x\r\n \b\bX \u001b[2DYZ\r\n", "x")).isEqualTo(" \b\bX \b\bYZ");
    }

    @Test
    void keepsTheFirstLineWhenTheDeviceDoesNotEcho() {
        assertThat(clean("hostname r1\r\nend\r\n", "show run")).isEqualTo("hostname r1\nend");
    }

    @Test
    void keepsADescriptionThatMentionsThePager() {
        assertThat(clean("x\r\n description see --More-- docs\r\n", "x")).isEqualTo(" description see --More-- docs");
    }

    @Test
    void anIndentedAnsweredPagerPromptIsRemovedAndAnIndentedLineKept() {
        assertThat(OutputCleaner.clean("a\r\n   --More-- " + ANSWERED + "b\r\n ip address 10.0.0.1\r\n"))
                .isEqualTo("a\nb\n ip address 10.0.0.1");
    }

    /** Whatever a platform's pager pattern matches, a line the reader did not answer at stays as it is. */
    @Test
    void indentationBlankLinesAndPagerLookalikesAreKeptWhereNoPagerWasAnswered() {
        assertThat(OutputCleaner.clean("a\r\n  b\r\n   \r\n\r\n--more-- b\r\nMore: c\r\n"))
                .isEqualTo("a\n  b\n   \n\n--more-- b\nMore: c");
    }

    @Test
    void carriageReturnsThatEndALineAreNotNoiseButOneInsideItIs() {
        assertThat(OutputCleaner.clean("a\r\r\r\nb\r\n")).isEqualTo("a\nb");
        assertThat(OutputCleaner.clean("a\r\nhostname\rx\r\n")).isEqualTo("a\nhostname\rx");
        assertThat(OutputCleaner.clean("a\r\nhost" + TerminalFilter.ERASE_LINE + "name\r\n")).isEqualTo("a\nhostname");
        assertThat(OutputCleaner.clean("no newline at the end\r")).isEqualTo("no newline at the end");
    }
}
