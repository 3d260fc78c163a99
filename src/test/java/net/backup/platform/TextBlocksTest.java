package net.backup.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class TextBlocksTest {
    private static String word(String regex) {
        return TextBlocks.leadingWord(Pattern.compile(regex));
    }

    @Test
    void aStartsLeadingWordIsOneEveryMatchBeginsWith() {
        assertThat(word("banner\\s+\\S+\\s+(?<delimiter>\\^C).*")).isEqualTo("banner");
        assertThat(word("macro\\s+name\\s+\\S+")).isEqualTo("macro");
        assertThat(word("menu\\s+\\S+\\s+(?:title|prompt)\\s+(?<delimiter>\\^C).*")).as("an alternative inside a group").isEqualTo("menu");
        assertThat(word("vacant-message\\s+(?<delimiter>\\^C).*")).isEqualTo("vacant-message");
        assertThat(word("banners?\\s+x")).as("the quantifier makes the s optional").isEqualTo("banner");
        assertThat(word("banner|motd x")).as("an alternative at the top level").isEmpty();
        assertThat(word("(?:banner|motd) x")).isEmpty();
        assertThat(word("[b]anner")).isEmpty();
        assertThat(word("ab\\s")).as("too short to be worth a search").isEmpty();
        assertThat(word("x[|]banner")).as("a | in a class is no alternative").isEmpty();
        assertThat(TextBlocks.leadingWord(Pattern.compile("banner", Pattern.CASE_INSENSITIVE))).isEmpty();
    }

    @Test
    void openingsJumpToTheLinesThatHoldAStartsWordAndOtherwiseOfferEveryLine() {
        var text = new StringBuilder("hostname r1\ninterface Gi1\n description banner here\nbanner motd ^C\n");
        var withWords = new TextBlocks.Openings(List.of(new TextBlock(Pattern.compile("banner\\s+\\S+\\s+(?<delimiter>\\^C).*"),
                Optional.empty())), text);
        int first = withWords.next(0, text.length());
        assertThat(first).isEqualTo(text.indexOf("banner"));
        int afterIt = text.indexOf("\n", first) + 1;
        assertThat(withWords.next(afterIt, text.length())).isEqualTo(text.lastIndexOf("banner"));
        assertThat(withWords.next(text.length(), text.length())).isEqualTo(-1);
        text.append("x\nbanner exec ^C\n");
        assertThat(withWords.next(text.lastIndexOf("x\n"), text.length())).as("the search goes on as the text grows")
                .isEqualTo(text.lastIndexOf("banner"));

        var withoutWords = new TextBlocks.Openings(List.of(new TextBlock(Pattern.compile("(?i)banner"), Optional.of(Pattern.compile("EOF")))), text);
        assertThat(withoutWords.next(12, text.length())).isEqualTo(12);
    }

    @Test
    void aLineMayOpenABlockOnlyIfItCouldMatchSomeStart() {
        var blocks = new TextBlocks(Platforms.CISCO_IOS.textBlocks(), RegexGuard.NONE);
        assertThat(blocks.mayOpen("  banner motd ^C", 0, 16)).isTrue();
        assertThat(blocks.mayOpen(" description x", 0, 14)).isFalse();
        assertThat(blocks.mayOpen("interface Gi1", 0, 13)).isFalse();
    }
}
