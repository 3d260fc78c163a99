package net.backup.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestionsTest {
    private static final List<String> KEYS = List.of("host", "port", "password", "password_env", "password_file",
            "key_file", "command_timeout", "connect_timeout", "command_deadline", "device_deadline");
    private static final List<String> COMMANDS = List.of("diff", "log", "platforms", "keyscan", "lab", "demo", "bench");

    @Test
    void aMisspellingGivesTheNamesFewestEditsAway() {
        assertThat(Suggestions.near("hots", KEYS)).containsExactly("host");
        assertThat(Suggestions.near("connect-timeout", KEYS)).containsExactly("connect_timeout");
        assertThat(Suggestions.near("lgo", COMMANDS)).containsExactly("log");
        assertThat(Suggestions.near("plaforms", COMMANDS)).containsExactly("platforms");
    }

    @Test
    void aNameWrittenWithPartOfItsWordsGivesTheShortestNamesHoldingThemAll() {
        assertThat(Suggestions.near("timeout", KEYS)).containsExactly("command_timeout", "connect_timeout");
        assertThat(Suggestions.near("deadline", KEYS)).containsExactly("command_deadline", "device_deadline");
        assertThat(Suggestions.near("file", KEYS)).containsExactly("key_file", "password_file");
        assertThat(Suggestions.near("--hosts", List.of("--known-hosts", "--host-key-policy"))).containsExactly("--known-hosts");
    }

    /** A short word two edits from a short name is not a misspelling of it: 'foo' was 'did you mean log?'. */
    @Test
    void suggestsNothingForAWordNearNothingOrNearTooMuch() {
        assertThat(Suggestions.near("foo", COMMANDS)).isEmpty();
        assertThat(Suggestions.near("bakup", COMMANDS)).isEmpty();
        assertThat(Suggestions.near("x", List.of("a_x", "b_x", "c_x", "d_x"))).as("four names, none nearer").isEmpty();
        assertThat(Suggestions.near("enable_password", KEYS)).isEmpty();
    }

    @Test
    void didYouMeanQuotesEachName() {
        assertThat(Suggestions.didYouMean("timeout", KEYS)).isEqualTo(" (did you mean 'command_timeout' or 'connect_timeout'?)");
        assertThat(Suggestions.didYouMean("prot", KEYS)).isEqualTo(" (did you mean 'port'?)");
        assertThat(Suggestions.didYouMean("zzz", KEYS)).isEmpty();
    }
}
