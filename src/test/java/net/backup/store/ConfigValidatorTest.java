package net.backup.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Pattern;
import net.backup.platform.Platform;
import net.backup.platform.Platforms;
import net.backup.platform.RegexGuard;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigValidatorTest {
    private static String validate(String output) throws InvalidConfigException {
        return ConfigValidator.validate(Platforms.CISCO_IOS, output);
    }

    /** A save or enable that fails quotes the device's error line: its secrets are hidden there too. */
    @Test
    void theErrorLineACommandFailedWithHidesItsSecrets() {
        assertThat(ConfigValidator.errorLine(Platforms.CISCO_IOS, "wr mem\r\n% Error near: snmp-server community S3cret RO\r\nr1#"))
                .contains("% Error near: snmp-server community <secret> RO");
        assertThat(ConfigValidator.errorLine(Platforms.CISCO_IOS, "wr mem\n[OK]\nr1#")).isEmpty();
    }

    @Test
    void dropsVolatileLinesAndLeadingBlanksAndEndsWithOneNewline() throws InvalidConfigException {
        String output = "Building configuration...\n\nCurrent configuration : 20 bytes\n!\n"
                + "! Last configuration change at 10:00:00 UTC Thu Nov 26 2026 by ntc\n"
                + "! NVRAM config last updated at 10:00:01 UTC Thu Nov 26 2026 by ntc\n"
                + "! No configuration change since last restart\nhostname r1\nntp clock-period 17179869\nend\n\n";

        assertThat(validate(output)).isEqualTo("!\nhostname r1\nend\n");
    }

    /** The reader's own marks (erase line, an answered pager) are chars no byte becomes: one that leaked is no text. */
    @Test
    void refusesACharNoByteBecomes() {
        assertThatThrownBy(() -> validate("!\nhostname r1\u0101\nend\n"))
                .hasMessage("garbage in the output: bytes that are not text (not ASCII, not UTF-8) in line 2");
    }

    @Test
    void refusesAnEmptyConfiguration() {
        assertThatThrownBy(() -> validate("Building configuration...\n\n")).hasMessage("the device returned an empty configuration");
    }

    /**
     * IOS's 'show running-config' for a user below privilege 15, or a device that answers 'end' alone: it replaced
     * the full backup, exit 0 (probe K).
     */
    @Test
    void refusesAConfigurationOfNothingButCommentsAndTheEndMarker() {
        String message = "the device returned an empty configuration: nothing but comments and its end marker (an account"
                + " without the privilege to see the configuration?)";
        assertThatThrownBy(() -> validate("Building configuration...\n\nCurrent configuration : 82 bytes\n!\n"
                + "! Last configuration change at 09:00:00 UTC Sat Nov 28 2026\n!\nend\n")).hasMessage(message);
        assertThatThrownBy(() -> validate("end\n")).hasMessage(message);
        assertThatThrownBy(() -> validate("!\n!\n  \nend\n")).hasMessage(message);
        assertThatThrownBy(() -> ConfigValidator.validate(builtIn("cisco_xr"), "!! IOS XR Configuration 7.3.2\n!\nend\n"))
                .hasMessage(message);
    }

    @Test
    void aConfigurationWithOneSettingIsOne() throws InvalidConfigException {
        assertThat(validate("!\nhostname R1\n!\nend\n")).isEqualTo("!\nhostname R1\n!\nend\n");
        assertThat(validate("!\nversion 17.9\nend\n")).isEqualTo("!\nversion 17.9\nend\n");
    }

    @Test
    void refusesATruncatedConfiguration() {
        assertThatThrownBy(() -> validate("hostname r1\ninterface Gi1\n description uplink\n"))
                .hasMessage("incomplete configuration: it ends with 'description uplink' instead of 'end' (truncated?)");
    }

    /** JunOS has no end marker; its braces say whether a configuration was cut short (probe M). */
    @Test
    void refusesAJunosConfigurationWithBlocksLeftOpen() throws InvalidConfigException {
        Platform junos = Platforms.builtIn().find("juniper_junos").orElseThrow();

        assertThatThrownBy(() -> ConfigValidator.validate(junos, "system {\n    host-name mx1;\n    services {\n        ssh;\n"))
                .hasMessage("incomplete configuration: 2 blocks are left open at its end (truncated?)");
        assertThat(ConfigValidator.validate(junos, "system {\n    host-name mx1;\n}\n")).isEqualTo("system {\n    host-name mx1;\n}\n");
        assertThatThrownBy(() -> ConfigValidator.validate(junos, "system {\n    host-name mx1;\n}\nchass"))
                .hasMessage("incomplete configuration: it ends with 'chass', in the middle of a statement (truncated?)");
        assertThat(ConfigValidator.validate(junos, "set system host-name mx1\nset version 20.4R3.8\n"))
                .as("the set form has no braces and no statement end").isEqualTo("set system host-name mx1\nset version 20.4R3.8\n");
    }

    /**
     * Cut before its first block, a configuration has no braces and was taken for the set form, which is not checked
     * (the second review: 'version 20' was stored); braces inside the set form's quoted strings are no blocks; and
     * where an inventory's commands run, the last line may be another command's.
     */
    @Test
    void theSetFormIsToldByItsLinesAndTheLastLineIsOnlyThePlatformCommandsOwn() throws InvalidConfigException {
        Platform junos = builtIn("juniper_junos");

        assertThatThrownBy(() -> ConfigValidator.validate(junos, "## Last commit: 2026-11-28 by x\nversion 20"))
                .hasMessage("incomplete configuration: it ends with 'version 20', in the middle of a statement (truncated?)");
        assertThatThrownBy(() -> ConfigValidator.validate(junos, "version 20.4R3.8;\nsyst"))
                .hasMessageContaining("it ends with 'syst', in the middle of a statement");
        String setForm = "set event-options policy P then execute-commands commands \"show interfaces {$$.interface-name}\"\n"
                + "set policy-options as-path LONG \".{40,}\"\ndeactivate interfaces ge-0/0/1\n";
        assertThat(ConfigValidator.validate(junos, setForm)).isEqualTo(setForm);
        String withHardware = "system {\n    host-name mx1;\n}\nHardware inventory:\nFan Tray 0 REV 04 740-031521\n";
        assertThat(ConfigValidator.validate(junos, withHardware, RegexGuard.NONE, false)).isEqualTo(withHardware);
    }

    /** Errors reach the terminal, cron's mail and the JSON report: a quoted line never shows a secret in them. */
    @Test
    void aTruncatedConfigurationEndingOnASecretIsQuotedWithTheSecretHidden() {
        assertThatThrownBy(() -> validate("hostname r1\nusername admin privilege 15 secret 9 $9$ab7xK2pQ$Zm9vYmFy\n"))
                .hasMessage("incomplete configuration: it ends with 'username admin privilege 15 secret 9 <secret>' "
                        + "instead of 'end' (truncated?)");
        assertThatThrownBy(() -> validate("hostname r1\nline vty 0 4\n password 7 0822455D0A16\n"))
                .hasMessage("incomplete configuration: it ends with 'password 7 <secret>' instead of 'end' (truncated?)");
        assertThatThrownBy(() -> validate("snmp-server community s3cr3t-c0mmunity RO\n"))
                .hasMessageContaining("'snmp-server community <secret> RO'").hasMessageNotContaining("s3cr3t");
        // Cut short in the middle of a line that, whole, would have held a secret.
        assertThatThrownBy(() -> validate("hostname r1\ncrypto isakmp key Sup3rPsk"))
                .hasMessage("incomplete configuration: it ends with 'crypto isakmp key <secret>' instead of 'end' (truncated?)");
    }

    /** A login banner commonly reads like an error; inside a banner it is configuration. */
    @Test
    void aBannerLineThatReadsLikeAnErrorIsConfiguration() throws InvalidConfigException {
        String config = "hostname r1\nbanner motd ^C\n% Access denied to unauthorized users\n% Error: authorised use only^C\n"
                + "banner exec #\n% Access denied\n#\nbanner login ^C% Error in one line^C\nend\n";
        assertThat(validate(config)).isEqualTo(config);
        assertThatThrownBy(() -> validate("hostname r1\nbanner motd ^C\nhello\n^C\n% Access denied\nend\n"))
                .as("after the banner closes").hasMessage("the device answered with an error: % Access denied");
        assertThatThrownBy(() -> validate("hostname r1\nbanner login ^C% x^C\n% Access denied\nend\n"))
                .as("a banner on one line").hasMessage("the device answered with an error: % Access denied");
        // ASA shows each banner line as a command of its own: no block, its first character no delimiter.
        assertThatThrownBy(() -> validate("hostname r1\nbanner motd Authorized use only\nbanner motd % x\n% Access denied\nend\n"))
                .as("no delimiter").hasMessage("the device answered with an error: % Access denied");
    }

    /** Arista EOS shows a banner as the keyword alone, its lines, and EOF on a line of its own. */
    @Test
    void anEosBannerLineThatReadsLikeAnErrorIsConfiguration() throws InvalidConfigException {
        String config = "hostname leaf1\nbanner motd\n% Error: unauthorised access is prohibited\nEOF in a line is text\nEOF\n"
                + "banner login\n% Access denied\n   EOF\nend\n";
        assertThat(ConfigValidator.validate(builtIn("arista_eos"), config)).isEqualTo(config);
        assertThatThrownBy(() -> ConfigValidator.validate(builtIn("arista_eos"), "hostname leaf1\nbanner motd\nhello\nEOF\n% Invalid input\nend\n")).as("after the banner closes").hasMessage("the device answered with an error: % Invalid input");
    }

    private static Platform builtIn(String name) {
        return Platforms.builtIn().find(name).orElseThrow();
    }

    /**
     * What each vendor prints at the prompt while a backup runs (a log message under terminal monitor, JunOS's
     * chassis context and syslog broadcasts) changes from run to run and is no configuration; a configuration
     * line that merely resembles one stays.
     */
    @Test
    void eachVendorsLogLinesAndPromptContextAreDropped() throws InvalidConfigException {
        assertThat(ConfigValidator.validate(builtIn("juniper_junos"), "## Last changed: 2026-11-28 02:00:00 UTC\nversion 21.4R3.15;\n"
                + "system {\n    host-name mx1;\n}\n\nMessage from syslogd@mx1 at Nov 28 02:00:00  ...\n"
                + "mx1 chassisd[1234]: CHASSISD_SNMP_TRAP7: SNMP trap generated\nmx1 /kernel: KERN_ARP_ADDR_CHANGE: arp info\n"
                + "policy-options {\n    description \"{master:0}\";\n}\n\n{master:0}\n"))
                .isEqualTo("version 21.4R3.15;\nsystem {\n    host-name mx1;\n}\n\npolicy-options {\n    description \"{master:0}\";\n}\n");
        assertThat(ConfigValidator.validate(builtIn("arista_eos"), "hostname leaf1\n"
                + "Nov 28 02:00:00 leaf1 Ebra: %LINEPROTO-5-UPDOWN: Line protocol on Interface Ethernet1, changed state to up\n"
                + "logging format timestamp high-resolution\nend\n"))
                .isEqualTo("hostname leaf1\nlogging format timestamp high-resolution\nend\n");
        assertThat(ConfigValidator.validate(builtIn("cisco_xr"), "hostname pe1\nRP/0/RP0/CPU0:Nov 28 02:00:00.123 UTC: "
                + "ifmgr[257]: %PKT_INFRA-LINK-3-UPDOWN : Interface GigabitEthernet0/0/0/0, changed state to Up\nend\n"))
                .isEqualTo("hostname pe1\nend\n");
        assertThat(ConfigValidator.validate(builtIn("cisco_asa"), "hostname fw1\n%ASA-5-111008: User 'enable_15' executed the "
                + "'write memory' command.\nNov 28 2026 02:00:00 fw1 : %ASA-6-605005: Login permitted\n"
                + "logging message 111008 level 5\n: end\n"))
                .isEqualTo("hostname fw1\nlogging message 111008 level 5\n: end\n");
    }

    /**
     * FreeBSD's syslogd, which JunOS runs, starts a broadcast with a BEL ("\r\n\7Message from syslogd@..."): the
     * rule without it failed the device as garbage, control character 0x07 (probe J). IOS's 'exec prompt timestamp'
     * puts the CPU load and the time over every output: stored, every backup was CHANGED (probe J).
     */
    @Test
    void aBroadcastWithItsBellAndIosPromptTimestampsAreDropped() throws InvalidConfigException {
        assertThat(ConfigValidator.validate(builtIn("juniper_junos"), "version 21.4R3.15;\n"
                + "\u0007Message from syslogd@mx1 at Sat Nov 28 09:15:02 2026 ...\n"
                + "mx1 chassisd[1234]: CHASSISD_SNMP_TRAP7: SNMP trap generated\nsystem {\n    host-name mx1;\n}\n"))
                .isEqualTo("version 21.4R3.15;\nsystem {\n    host-name mx1;\n}\n");
        assertThat(ConfigValidator.validate(builtIn("cisco_ios"), "Load for five secs: 1%/0%; one minute: 2%; five minutes: 1%\n"
                + "Time source is NTP, 09:12:00.216 UTC Sat Nov 28 2026\n\nBuilding configuration...\n!\nhostname R1\nend\n"))
                .isEqualTo("!\nhostname R1\nend\n");
        assertThat(ConfigValidator.validate(builtIn("cisco_ios"), "Load for five secs: 4%/1%; one minute: 3%; five minutes: 3%\n"
                + "No time source, *09:12:00.216 UTC Sat Nov 28 2026\n!\nhostname R1\nend\n"))
                .isEqualTo("!\nhostname R1\nend\n");
    }

    /**
     * An MX or PTX with two routing engines prints {master} or {backup} before its prompt: stored as the last line of
     * its configuration (probe N). What the CLI writes to every terminal (request message, wall, a pending reboot)
     * was stored too; its first line now has the output fetched again.
     */
    @Test
    void aDualRoutingEnginesContextAndTheCliBroadcastsAreNoConfiguration() throws InvalidConfigException {
        Platform junos = builtIn("juniper_junos");

        assertThat(ConfigValidator.validate(junos, "system {\n    host-name mx2;\n}\n\n{master}\n"))
                .isEqualTo("system {\n    host-name mx2;\n}\n");
        assertThat(ConfigValidator.validate(junos, "system {\n    host-name mx2;\n}\n\n{backup}\n"))
                .isEqualTo("system {\n    host-name mx2;\n}\n");
        for (String broadcast : List.of("Broadcast Message from root@mx1", "\u0007Broadcast message from root@mx1 (pts/0)",
                "Message from root@mx1 on ttyp0 at 14:25 ...", "*** System shutdown message from netops@mx1 ***")) {
            assertThat(ConfigValidator.interrupted(junos, "system {\n" + broadcast + "\n}\n", RegexGuard.NONE)).as(broadcast).isTrue();
        }
    }

    /** A line of an annotation that reads like an error failed the device as one (probe N): the operator's text. */
    @Test
    void aJunosAnnotationOverSeveralLinesIsTheOperatorsText() throws InvalidConfigException {
        String config = "protocols {\n    /* CHG-881: do not touch.\n    error: previous change broke BGP, see INC-42 */\n"
                + "    bgp {\n        group core;\n    }\n    /* one line: error: not an error */\n    ospf;\n}\n";

        assertThat(ConfigValidator.validate(builtIn("juniper_junos"), config)).isEqualTo(config);
        assertThatThrownBy(() -> ConfigValidator.validate(builtIn("juniper_junos"), "system {\nerror: syntax error\n}\n"))
                .hasMessage("the device answered with an error: error: syntax error");
    }

    @Test
    void refusesCliErrors() {
        assertThatThrownBy(() -> validate("hostname r1\n% Invalid input detected at '^' marker.\nend\n"))
                .hasMessage("the device answered with an error: % Invalid input detected at '^' marker.");
        assertThatThrownBy(() -> validate("% Authorization failed.\nend\n"))
                .hasMessage("the device answered with an error: % Authorization failed.");
    }

    /**
     * The session removes the pager prompts it answered; in a banner a line that only looks like one is
     * configuration, elsewhere it is a prompt left unanswered.
     */
    @Test
    void keepsALineThatLooksLikeAPagerPromptInABannerAndRefusesOneElsewhere() throws InvalidConfigException {
        String config = "banner exec ^C\n --More-- \n--More--\n^C\nend\n";
        assertThat(validate(config)).isEqualTo(config);
        assertThatThrownBy(() -> validate("hostname r1\n --More-- \nend\n"))
                .hasMessage("pager residue in the output: '--More--' in line 2");
    }

    /**
     * A refused command's answer where a configuration should be: on NX-OS, without an end marker, the error
     * lines are all that stands between it and the stored file (probe G had '% Authorization failed.' stored).
     */
    @ParameterizedTest
    @ValueSource(strings = {"cisco_ios", "arista_eos", "cisco_nxos", "cisco_xr", "cisco_asa"})
    void aCommandAuthorizationRefusalIsAnErrorOnEveryCiscoLikePlatform(String name) {
        Platform platform = Platforms.builtIn().find(name).orElseThrow();
        for (String refusal : java.util.List.of("% Authorization failed.", "% Command authorization failed.",
                "Command authorization failed.", "% Permission denied")) {
            assertThatThrownBy(() -> ConfigValidator.validate(platform, refusal + "\n")).as(refusal)
                    .hasMessage("the device answered with an error: " + refusal);
        }
    }

    /** IOS's free text beside banners: a macro's body, a line's vacant-message and refuse-message, a menu's title. */
    @Test
    void anErrorLikeLineInAMacroOrADelimitedMessageIsTheOperatorsTextAndOneAfterItIsNot() throws InvalidConfigException {
        String config = "macro name ACCESS\n% Error: do not run on trunks\nswitchport mode access\n@\n"
                + "line vty 0 4\n vacant-message ^C\n% Access denied\n^C\n refuse-message ^C\n% Error\n^C\n"
                + "menu M title ^C\n% Invalid input\n^C\nend\n";
        assertThat(validate(config)).isEqualTo(config);
        assertThatThrownBy(() -> validate("macro name A\nx\n@\n% Invalid input detected\nend\n"))
                .hasMessage("the device answered with an error: % Invalid input detected");
        assertThatThrownBy(() -> validate("line vty 0 4\n vacant-message ^C bye ^C\n% Invalid input detected\nend\n"))
                .hasMessage("the device answered with an error: % Invalid input detected");
    }

    /**
     * A configuration that seems to end inside free text is not refused for it: the reader has already made sure
     * of its end (it probes where the marker stands inside a block), and a device that shows a banner unlike the
     * platform's model would fail on every run. NX-OS shows the delimiter the operator chose: a '^' and text
     * beginning with C read like IOS's '^C' (the second cold review).
     */
    @Test
    void aConfigurationThatSeemsToEndInsideFreeTextIsNotRefusedForIt() throws InvalidConfigException {
        Platform nxos = Platforms.builtIn().find("cisco_nxos").orElseThrow();
        String config = "hostname sw1\nbanner motd ^CONFIDENTIAL - authorised users only\nAll sessions are logged\n^\n"
                + "interface mgmt0\n  vrf member management\n";
        assertThat(ConfigValidator.validate(nxos, config)).isEqualTo(config);
    }

    @Test
    void refusesControlCharacters() {
        assertThatThrownBy(() -> validate("hostname r1\nab\u0007cd\nend\n"))
                .hasMessage("garbage in the output: control character 0x07 in line 2");
    }

    @Test
    void refusesBytesThatAreNotTextButKeepsUtf8() throws InvalidConfigException {
        assertThatThrownBy(() -> validate("hostname r1\n description \u00e9\u00ff\u0091 noise\nend\n"))
                .hasMessage("garbage in the output: bytes that are not text (not ASCII, not UTF-8) in line 2");
        String utf8 = new String(" description caf\u00e9 \u20ac".getBytes(StandardCharsets.UTF_8),
                StandardCharsets.ISO_8859_1);
        assertThat(validate("hostname r1\n" + utf8 + "\nend\n")).contains(utf8);
    }

    @Test
    void lineNoiseAnywhereInAConfigurationIsNeverAccepted() {
        var random = new Random(42);
        String good = "hostname r1\r\ninterface Gi1\r\n description uplink\r\n!\r\nend\r\n";
        for (int i = 0; i < 2000; i++) {
            byte[] noise = new byte[8 + random.nextInt(64)];
            random.nextBytes(noise);
            int at = random.nextInt(good.length());
            String output = "show run\r\n" + good.substring(0, at)
                    + new String(noise, StandardCharsets.ISO_8859_1) + good.substring(at);
            String cleaned = net.backup.session.TestAccess.clean(output, "show run");
            assertThatThrownBy(() -> validate(cleaned)).as("noise %d at %d", i, at).isInstanceOf(InvalidConfigException.class);
        }
    }

    @Test
    void keepsTabsAndBannerCaretsAndLinesWithHashesAndAngleBrackets() throws InvalidConfigException {
        String config = "banner motd ^C\n# no entry > go away #\n^C\n description\tuplink\nend\n";
        assertThat(validate(config)).isEqualTo(config);
    }

    /** IOS with these volatile, error and pager patterns, and no end marker. */
    private static Platform with(String volatileLines, String errorLines, String pager) {
        Platform ios = Platforms.CISCO_IOS;
        return new Platform(ios.name(), ios.description(), ios.prompt(), ios.userPrompt(), ios.privilegedPrompt(),
                ios.enableCommand(), ios.passwordPrompt(), ios.loginPasswordPrompt(), ios.saveCommands(), ios.setupCommands(),
                ios.backupCommands(), Pattern.compile(pager), Pattern.compile(errorLines), Pattern.compile(volatileLines),
                ios.messageLines(), ios.secrets(), Optional.empty(), false, ios.exitCommand(), ios.echo(), ios.loginAnswers(), ios.pipeline(), ios.declaredTextBlocks());
    }

    @Test
    void aVolatileLineIsMatchedWithoutTheBlanksAroundIt() throws InvalidConfigException {
        var platform = with("! Last change .*|ntp clock-period \\d+", "(?!)", "(?!)");
        assertThat(ConfigValidator.validate(platform, "a\n \t! Last change today\r\n ntp clock-period 5 \nb\n")).isEqualTo("a\nb\n");
        assertThat(ConfigValidator.validate(platform, "a\n ntp clock-period \nb\n")).isEqualTo("a\n ntp clock-period \nb\n");
    }

    @Test
    void patternsWithFlagsAlternativesOrAnEmptyMatchAreAppliedAsWritten() throws InvalidConfigException {
        assertThatThrownBy(() -> ConfigValidator.validate(with("(?!)", "(?i)% invalid.*", "(?!)"), "a\n  % INVALID input\nb\n"))
                .hasMessage("the device answered with an error: % INVALID input");
        assertThatThrownBy(() -> ConfigValidator.validate(with("(?!)", "x|(?:\\s*-+ ?more ?-+)", "(?!)"), "a\n--- more ---\n"))
                .hasMessage("the device answered with an error: --- more ---");
        // A volatile pattern that matches the empty line drops blank lines everywhere, the last ones included.
        assertThat(ConfigValidator.validate(with("x*", "(?!)", "(?!)"), "a\n\n  \nxx\nb\n\n")).isEqualTo("a\nb\n");
        assertThat(ConfigValidator.validate(with("(?!)", "(?!)", "(?!)"), "a\n\n  \nb\n\n")).isEqualTo("a\n\n  \nb\n");
    }

    @Test
    void linesEndWithLfOrCrLfAndKeptBlankLinesCountInLineNumbers() throws InvalidConfigException {
        assertThatThrownBy(() -> validate("\r\nhostname r1\r\n\r\n!\r\n a\u0002b \nend\n"))
                .hasMessage("garbage in the output: control character 0x02 in line 4");
        assertThat(validate("hostname r1\r\r\n!\r\nend\r\n")).isEqualTo("hostname r1\n!\nend\n");
    }

    /**
     * A CR inside a line is no line end: had it been one, a description holding a CR would be stored as the
     * description and a top-level command the device does not have (probe G).
     */
    @Test
    void aCarriageReturnInsideALineIsRefusedNotTakenForALineEnd() {
        assertThatThrownBy(() -> validate("hostname r1\n description to core\rshutdown\nend\n"))
                .hasMessage("garbage in the output: control character 0x0d in line 2");
        assertThatThrownBy(() -> validate("hostname r1\r\rab\nend\n"))
                .hasMessage("garbage in the output: control character 0x0d in line 1");
    }

    /** U+009B is an escape sequence's start to a terminal that honours C1 controls: well-formed UTF-8, not text. */
    @Test
    void refusesC1ControlsThoughTheyAreWellFormedUtf8() throws InvalidConfigException {
        String csi = new String("\u009b".getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> validate("hostname r1\n description " + csi + "2Jred\nend\n"))
                .hasMessage("garbage in the output: control character U+009B in line 2");
        String nbsp = new String(" description a\u00a0b".getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
        assertThat(validate("hostname r1\n" + nbsp + "\nend\n")).contains(nbsp);
    }

    @Test
    void aFirstLineOfOtherWhiteSpaceIsSkippedLikeABlankOne() throws InvalidConfigException {
        assertThat(validate("\u001c\u000b\nhostname r1\nend\n")).isEqualTo("hostname r1\nend\n");
        assertThatThrownBy(() -> validate("hostname r1\n\u001c\nend\n")).hasMessage("garbage in the output: control character 0x1c in line 2");
    }

    @Test
    void anIncompleteConfigurationIsToldByItsLastNonBlankLine() throws InvalidConfigException {
        assertThat(validate("hostname r1\n end \n\n \n")).isEqualTo("hostname r1\n end \n");
        assertThatThrownBy(() -> validate("hostname r1\nend\nx" + "y".repeat(80) + "\n\n"))
                .hasMessage("incomplete configuration: it ends with 'x" + "y".repeat(56) + "...' instead of 'end' (truncated?)");
    }
}
