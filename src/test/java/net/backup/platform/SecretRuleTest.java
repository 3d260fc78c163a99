package net.backup.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SecretRuleTest {
    private static final List<SecretRule> IOS = Platforms.CISCO_IOS.secrets();

    @Test
    void aQuotedLineShowsEverySecretAsHidden() {
        assertThat(SecretRule.quotable("username admin privilege 15 secret 9 $9$ab7xK2pQ$Zm9v", IOS, RegexGuard.NONE))
                .isEqualTo("username admin privilege 15 secret 9 <secret>");
        assertThat(SecretRule.quotable("snmp-server user mon grp v3 auth sha AuthKey1 priv aes 128 PrivKey2", IOS,
                RegexGuard.NONE)).isEqualTo("snmp-server user mon grp v3 auth sha <secret> priv aes 128 <secret>");
        assertThat(SecretRule.quotable(" password 7 0822455D0A16", IOS, RegexGuard.NONE)).isEqualTo("password 7 <secret>");
    }

    /** A device's error line quotes the configuration it choked on after words of its own. */
    @Test
    void aSecretInsideADevicesErrorLineIsHiddenToo() {
        assertThat(SecretRule.quotable("% Error near: snmp-server community S3cretCommunity RO", IOS, RegexGuard.NONE))
                .isEqualTo("% Error near: snmp-server community <secret> RO");
        assertThat(SecretRule.quotable("% Invalid input: username admin secret 9 $9$ab7xK2pQ$Zm9v", IOS, RegexGuard.NONE))
                .isEqualTo("% Invalid input: username admin secret 9 <secret>");
        assertThat(SecretRule.quotable("% Error: no community here", IOS, RegexGuard.NONE)).isEqualTo("% Error: no community here");
        // A rule for an indented line starts with blanks; a rule need not reach the end of the quote.
        assertThat(SecretRule.quotable("% Error near: password 7 0822455D0A16", IOS, RegexGuard.NONE))
                .isEqualTo("% Error near: password 7 <secret>");
        assertThat(SecretRule.quotable("% Invalid: enable secret 5 $1$xYz$abc (line 3)", IOS, RegexGuard.NONE))
                .isEqualTo("% Invalid: enable secret 5 <secret> (line 3)");
    }

    /** A whole line is never taken for one cut short: an error line on a platform whose rules look far ahead. */
    @Test
    void aWholeLineIsQuotedEvenWhereARuleRanOutOfLine() {
        assertThat(SecretRule.quotable("crypto isakmp key", IOS, RegexGuard.NONE)).isEqualTo("crypto isakmp key");
        var junosLike = List.of(new SecretRule("quoted", Pattern.compile("[^\"]*\"(?<secret>[^\"]+)\".*")));
        assertThat(SecretRule.quotable("error: syntax error", junosLike, RegexGuard.NONE)).isEqualTo("error: syntax error");
    }

    @Test
    void aLongLineIsQuotedCutAndItsCutEndIsTreatedAsPerhapsASecret() {
        String quoted = SecretRule.quotable("% Error " + "x".repeat(SecretRule.MAX_QUOTED), IOS, RegexGuard.NONE);
        assertThat(quoted).hasSize(SecretRule.MAX_QUOTED + 3).endsWith("x...");
    }

    @Test
    void aLineWithoutASecretIsQuotedAsItIs() {
        assertThat(SecretRule.quotable(" description uplink to core", IOS, RegexGuard.NONE)).isEqualTo("description uplink to core");
        assertThat(SecretRule.quotable("hostname r1", IOS, RegexGuard.NONE)).isEqualTo("hostname r1");
    }

    /**
     * A configuration cut short ends part-way through a line, which then matches no rule whole: where a rule's
     * part before its secret matched, the rest of the line may be the start of a secret and is hidden.
     */
    @Test
    void theRestOfALineThatMayBeTheStartOfOneWithASecretIsHidden() {
        assertThat(SecretRule.quotablePerhapsCutShort("crypto isakmp key Sup3rPsk", IOS, RegexGuard.NONE))
                .isEqualTo("crypto isakmp key <secret>");
        assertThat(SecretRule.quotablePerhapsCutShort("% cut here: crypto isakmp key Sup3r", IOS, RegexGuard.NONE))
                .isEqualTo("% cut here: crypto isakmp key <secret>");
        // A rule that looks ahead to the line's end (not a key chain's number) fails on the cut line only because it stops.
        assertThat(SecretRule.quotablePerhapsCutShort(" key 1234", IOS, RegexGuard.NONE)).isEqualTo("key <secret>");
        // What is kept before a hidden rest still has its own secrets hidden.
        assertThat(SecretRule.quotablePerhapsCutShort("% at: snmp-server community S3cr3tC RO crypto isakmp key Sup3", IOS,
                RegexGuard.NONE)).isEqualTo("% at: snmp-server community <secret> RO crypto isakmp key <secret>");
        // Cut before the secret: nothing to hide.
        assertThat(SecretRule.quotablePerhapsCutShort("snmp-server community", IOS, RegexGuard.NONE)).isEqualTo("snmp-server community");
        assertThat(SecretRule.quotablePerhapsCutShort("hostname r1", IOS, RegexGuard.NONE)).isEqualTo("hostname r1");
    }

    /** A prompt ends in a blank, where many rules would run out of line; it holds no secret and is shown. */
    @Test
    void aLineThatNeverReachesARulesSecretIsShown() {
        var junos = Platforms.builtIn().find("juniper_junos").orElseThrow().secrets();
        var eos = Platforms.builtIn().find("arista_eos").orElseThrow().secrets();
        assertThat(SecretRule.quotablePerhapsCutShort("root@mx1:RE:0% ", junos, RegexGuard.NONE)).isEqualTo("root@mx1:RE:0%");
        assertThat(SecretRule.quotablePerhapsCutShort("boot nxos bootflash:/nxos.9.3.8.bin ", eos, RegexGuard.NONE))
                .isEqualTo("boot nxos bootflash:/nxos.9.3.8.bin");
        assertThat(SecretRule.quotablePerhapsCutShort("r1#", IOS, RegexGuard.NONE)).isEqualTo("r1#");
    }

    /** Where the rule cannot be split before its secret (the group inside another), the line is withheld. */
    @Test
    void aLineCutShortForARuleWithANestedSecretGroupIsWithheld() {
        var nested = List.of(new SecretRule("nested", Pattern.compile("foo(?: (?<secret>\\S+) bar)")));
        assertThat(SecretRule.quotablePerhapsCutShort("foo S3c", nested, RegexGuard.NONE)).isEqualTo(SecretRule.WITHHELD);
        assertThat(SecretRule.quotablePerhapsCutShort("bar", nested, RegexGuard.NONE)).isEqualTo("bar");
    }

    /** A user's rule may make its secret group optional: where the group took no part, nothing is replaced. */
    @Test
    void aRuleWhoseSecretGroupDidNotTakePartReplacesNothing() {
        var optional = List.of(new SecretRule("optional", Pattern.compile("foo(?: (?<secret>\\S+))?")));

        assertThat(SecretRule.replaceSecrets("foo", optional, secret -> "X", new RegexGuard.GuardedText(RegexGuard.NONE)))
                .isEqualTo("foo");
        assertThat(SecretRule.replaceSecrets("foo bar", optional, secret -> "X", new RegexGuard.GuardedText(RegexGuard.NONE)))
                .isEqualTo("foo X");
    }
}
