package net.backup.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TerminalColumnsTest {
    /** Text as the session reads it: its UTF-8 bytes, one char per byte. */
    private static String read(String text) {
        return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    private static boolean fills(String line, int columns) {
        String output = read(line) + "\n";
        return TerminalColumns.fillsTheWidth(output, 0, output.length() - 1, columns);
    }

    @Test
    void aLineFillsTheWidthInBytesCharactersOrColumns() {
        assertThat(fills("x".repeat(80), 80)).isTrue();
        assertThat(fills("x".repeat(79), 80)).isFalse();
        assertThat(fills("\u00fc".repeat(80), 80)).as("80 characters, 160 bytes").isTrue();
        assertThat(fills("\u00fc".repeat(79), 80)).isFalse();
        assertThat(fills("\u6771".repeat(40), 80)).as("40 wide characters, 80 columns").isTrue();
        assertThat(fills("\t".repeat(10), 80)).as("ten tab stops").isTrue();
        assertThat(fills("ab\t".repeat(10), 80)).as("ten tab stops").isTrue();
        assertThat(fills("e\u0301".repeat(80), 80)).as("80 columns: a combining accent takes none").isTrue();
        assertThat(fills("\u6771".repeat(39), 80)).isFalse();
    }

    @Test
    void aLineOneColumnShortFillsTheWidthWhenAWideCharacterDidNotFitBehindIt() {
        String output = read("x".repeat(79) + "\n\u6771 rest\n");
        assertThat(TerminalColumns.fillsTheWidth(output, 0, 79, 80)).as("79 plain bytes, then a wide character").isTrue();
        String plain = read("x".repeat(79) + "\nx rest\n");
        assertThat(TerminalColumns.fillsTheWidth(plain, 0, 79, 80)).isFalse();
        String wide = read("\u00fc".repeat(79) + "\n\u6771 rest\n");
        int end = wide.indexOf('\n');
        assertThat(TerminalColumns.fillsTheWidth(wide, 0, end, 80)).isTrue();
        String narrow = read("\u00fc".repeat(79) + "\nx rest\n");
        assertThat(TerminalColumns.fillsTheWidth(narrow, 0, narrow.indexOf('\n'), 80)).isFalse();
    }

    @Test
    void bytesThatAreNotUtf8CountOneColumnEach() {
        String output = "\u00ff".repeat(80) + "\n";
        assertThat(TerminalColumns.fillsTheWidth(output, 0, 80, 80)).isTrue();
        assertThat(TerminalColumns.fillsTheWidth(output, 0, 79, 80)).isFalse();
    }
}
