package net.backup.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import net.backup.platform.Platforms;
import net.backup.platform.TextBlock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The reader that cuts a device's output into replies, fed chunk by chunk as a network would deliver it.
 * Each chunk is "already there" for {@code available()} once the previous one was read, so the tests say
 * exactly where reads split, with no timing involved.
 */
class PromptReaderTest {
    private static final Pattern IOS_PROMPT = Pattern.compile("[\\w.@()/:-]+[>#] ?");
    private static final List<PromptReader.Interjection> PAGER =
            List.of(PromptReader.Interjection.pager(Pattern.compile(" *--More-- *"), " "));

    /** Between two chunks: what follows is not there yet when the reader looks. */
    private static final String LATER = "<later>";
    /** The free text IOS and EOS configurations hold: banners either way, IOS's macros and messages. */
    private static final Optional<List<TextBlock>> BUILT_IN_BLOCKS = Optional.of(Stream.of("cisco_ios", "arista_eos")
            .flatMap(name -> Platforms.builtIn().find(name).orElseThrow().textBlocks().stream()).toList());
    /** The next chunk arrives 20 ms after the read before it: well within PromptReader.QUIET, a packet's gap. */
    private static final String SOON = "<soon>";

    private final List<String> typed = new ArrayList<>();

    @Test
    void aStrayPromptBeforeTheEchoBelongsToNoCommand() throws IOException {
        var reader = reader("sw1#", LATER, "\r\nsw1#", LATER, "\r\nsw1#terminal length 0\r\n", "sw1#");
        assertThat(reader.readUntil(line -> IOS_PROMPT.matcher(line).matches(), PAGER, typed::add).lastLine()).isEqualTo("sw1#");
        assertThat(reader.skipToEcho("terminal length 0", "sw1#"::equals).prompt()).isEqualTo("sw1#");
        assertThat(reader.readReply("sw1#", PAGER, typed::add, PromptReader.Ending.COMMAND).text()).isEmpty();
    }

    @Test
    void aLateAnswerBeforeTheEchoIsDroppedAndTheReplyStartsAfterIt() throws IOException {
        var reader = afterPrompt("sw1#", "\r\n*Mar  1 00:01:02: %SYS-5-CONFIG_I: Configured\r\nsw1#show run\r\nhostname sw1\r\nend\r\nsw1#");
        PromptReader.Echo echo = reader.skipToEcho("show run", "sw1#"::equals);
        assertThat(echo.prompt()).isEqualTo("sw1#");
        assertThat(echo.before()).contains("%SYS-5-CONFIG_I");
        assertThat(reader.readReply("sw1#", PAGER, typed::add, PromptReader.Ending.COMMAND).text()).isEqualTo("hostname sw1\r\nend\r\n");
    }

    @Test
    void promptsPrintedAgainForAStrayEnterAreNotOutput() throws IOException {
        var reader = afterPrompt("sw1#", "show run\r\nhostname sw1\r\n\r\nsw1#", "\r\nsw1#");
        reader.skipToEcho("show run", "sw1#"::equals);
        assertThat(reader.readReply("sw1#", PAGER, typed::add, PromptReader.Ending.COMMAND).text()).isEqualTo("hostname sw1\r\n\r\n");
        assertThat(PromptReader.endBeforeClosingPrompts("out\r\nsw1#\r\n\r\nsw1#\r\n", 19, "sw1#")).isEqualTo(5);
    }

    @Test
    void anEchoSplitAcrossReadsIsStillFound() throws IOException {
        var reader = afterPrompt("sw1#", "sh", "ow r", "un", "\r", "\nhostname sw1\r\nend\r\nsw1#");
        assertThat(reader.skipToEcho("show run", "sw1#"::equals).prompt()).isEqualTo("sw1#");
        assertThat(reader.readReply("sw1#", PAGER, typed::add, PromptReader.Ending.COMMAND).text()).isEqualTo("hostname sw1\r\nend\r\n");
    }

    @Test
    void anEchoRedrawnByTheDevicesLineEditingIsComparedAsTheScreenShowsIt() {
        // IOS inserting a character: it rewrites the rest of the line and backs up over it.
        assertThat(PromptReader.promptBeforeEcho(ScreenLine.render("sw1#shw run\b\b\b\b\bow run\b\b\b\b\b\b\r\rsw1#show run"),
                "show run")).contains("sw1#");
        assertThat(PromptReader.promptBeforeEcho(ScreenLine.render("sw1#show rx\b \bun"), "show run")).contains("sw1#");
        // A long command scrolled sideways: IOS shows a $ where the start went.
        assertThat(PromptReader.promptBeforeEcho("sw1#$nning-config | include ^interface", "show running-config | include ^interface"))
                .contains("sw1#");
        assertThat(PromptReader.promptBeforeEcho("sw1#show version", "show run")).isEmpty();
        assertThat(PromptReader.promptBeforeEcho("sw1#$n", "show run")).isEmpty();
    }

    @Test
    void aPromptGluedToOutputEndsTheReplyOnceTheDeviceIsQuiet() throws IOException {
        var reader = afterPrompt("sw1#", "terminal length 0\r\nPagination disabled.sw1#");
        reader.skipToEcho("terminal length 0", "sw1#"::equals);
        assertThat(reader.readReply("sw1#", PAGER, typed::add, PromptReader.Ending.COMMAND).text()).isEqualTo("Pagination disabled.\n");
    }

    @Test
    void aConfigurationLineEndingInThePromptSplitAcrossReadsNeverEndsTheCommand() throws IOException {
        var reader = afterPrompt("sw1#", "show run\r\n description uplink to sw1#", "\r\n", "end\r\nsw1#");
        reader.skipToEcho("show run", "sw1#"::equals);
        assertThat(reader.readReply("sw1#", PAGER, typed::add, PromptReader.Ending.COMMAND).text())
                .isEqualTo(" description uplink to sw1#\r\nend\r\n");
    }

    @Test
    void aLineThatIsExactlyThePromptSplitAcrossReadsNeverEndsACapture() throws IOException {
        var reader = afterPrompt("sw1#", "show run\r\nbanner motd ^C\r\nsw1#", "\r\n^C\r\nsw1#", LATER, "!p\r\n",
                "% Invalid input detected at '^' marker.\r\nsw1#");
        reader.skipToEcho("show run", "sw1#"::equals);
        assertThat(reader.readReply("sw1#", PAGER, typed::add, probing(Optional.empty())).text())
                .isEqualTo("banner motd ^C\r\nsw1#\r\n^C\r\n");
        assertThat(typed).as("no end marker: a probe was typed").containsExactly("!p\r");
    }

    @Test
    void promptOnlyLinesInTheOutputWithPausesAfterEachNeverCutACapture() throws IOException {
        var reader = afterPrompt("sw1#", "show run\r\nbanner motd ^C\r\nsw1#", LATER, "\r\nsw1#", LATER,
                "\r\n^C\r\nusername x secret y\r\nsw1#", LATER, "!p\r\n", "% Invalid\r\nsw1#");
        reader.skipToEcho("show run", "sw1#"::equals);
        assertThat(reader.readReply("sw1#", PAGER, typed::add, probing(Optional.empty())).text())
                .isEqualTo("banner motd ^C\r\nsw1#\r\nsw1#\r\n^C\r\nusername x secret y\r\n");
    }

    @Test
    void aCaptureThatStopsAfterALineStartingWithThePromptIsConfirmedWithTheDevice() throws IOException {
        var reader = afterPrompt("r1#", "show run\r\nbanner\r\nr1#", LATER, " is monitored\r\nend\r\nr1#!p\r\n",
                "% Invalid\r\nr1#");
        reader.skipToEcho("show run", "r1#"::equals);
        assertThat(reader.readReply("r1#", PAGER, typed::add, probing(Optional.of(Pattern.compile("end")))).text())
                .isEqualTo("banner\r\nr1# is monitored\r\nend\r\n");
        assertThat(typed).containsExactly("!p\r");
    }

    @Test
    void aCaptureEndingWithItsMarkerNeedsNoConfirmation() throws IOException {
        var reader = afterPrompt("r1#", "show run\r\nhostname r1\r\nend\r\nr1#");
        reader.skipToEcho("show run", "r1#"::equals);
        assertThat(reader.readReply("r1#", PAGER, typed::add, probing(Optional.of(Pattern.compile("end")))).text())
                .isEqualTo("hostname r1\r\nend\r\n");
        assertThat(typed).isEmpty();
    }

    /**
     * Anyone who may set a banner can write the end marker and the prompt into it; a pause after that prompt
     * line (network jitter) must not end the backup there, storing the configuration up to the banner.
     */
    @Test
    void anEndMarkerInsideABannerIsTheBannersTextAndTheEndIsConfirmedWithTheDevice() throws IOException {
        var reader = afterPrompt("R1#", "show run\r\nhostname R1\r\nbanner exec ^C\r\nend\r\nR1#", LATER,
                "\r\n^C\r\nusername x secret y\r\nend\r\nR1#", LATER, "!p\r\n", "% Invalid\r\nR1#");
        reader.skipToEcho("show run", "R1#"::equals);
        assertThat(reader.readReply("R1#", PAGER, typed::add, probing(Optional.of(Pattern.compile("end")))).text())
                .isEqualTo("hostname R1\r\nbanner exec ^C\r\nend\r\nR1#\r\n^C\r\nusername x secret y\r\nend\r\n");
        assertThat(typed).as("the end marker was banner text: a probe was typed").containsExactly("!p\r");
    }

    @Test
    void anEndMarkerInsideAnEosBannerIsTheBannersText() throws IOException {
        var reader = afterPrompt("sw1#", "show run\r\nbanner motd\r\nend\r\nsw1#", LATER,
                "\r\nEOF\r\n!\r\nend\r\nsw1#", LATER, "!p\r\n", "% Invalid\r\nsw1#");
        reader.skipToEcho("show run", "sw1#"::equals);
        assertThat(reader.readReply("sw1#", PAGER, typed::add, probing(Optional.of(Pattern.compile("end")))).text())
                .isEqualTo("banner motd\r\nend\r\nsw1#\r\nEOF\r\n!\r\nend\r\n");
    }

    /**
     * IOS's other free text, a macro's body (up to a line '@') and a line's vacant-message or a menu's title (up to
     * the delimiter), may hold the end marker and the prompt as a banner may: probe G cut a backup at a macro's
     * 'end' with a read boundary after the prompt line.
     */
    @ParameterizedTest
    @ValueSource(strings = {"macro name EVIL\r\n# a comment", "line vty 0 4\r\n vacant-message ^C", "menu M title ^C"})
    void anEndMarkerInsideOtherFreeTextIsItsTextAndTheEndIsConfirmedWithTheDevice(String opening) throws IOException {
        String closing = opening.startsWith("macro") ? "@" : "^C";
        var reader = afterPrompt("R1#", "show run\r\nhostname R1\r\n" + opening + "\r\nend\r\nR1#", LATER,
                "\r\n" + closing + "\r\nusername x secret y\r\nend\r\nR1#", LATER, "!p\r\n", "% Invalid\r\nR1#");
        reader.skipToEcho("show run", "R1#"::equals);
        assertThat(reader.readReply("R1#", PAGER, typed::add, probing(Optional.of(Pattern.compile("end")))).text())
                .isEqualTo("hostname R1\r\n" + opening + "\r\nend\r\nR1#\r\n" + closing + "\r\nusername x secret y\r\nend\r\n");
        assertThat(typed).as("the end marker was free text: a probe was typed").containsExactly("!p\r");
    }

    /**
     * A platform file declares its own free text: Huawei VRP's login header is quoted, and may hold its end marker
     * 'return' and a line that is the prompt (outside probe F cut a backup there with a platform file that could
     * not say so).
     */
    @Test
    void anEndMarkerInsideFreeTextAPlatformFileDeclaresEndsNothing() throws IOException {
        var header = List.of(new TextBlock(Pattern.compile("header \\S+ information (?<delimiter>\").*"), Optional.empty()));
        var reader = afterPrompt("<HUAWEI>", "display current-configuration\r\nsysname HUAWEI\r\n"
                + "header login information \"Authorised use only\r\nreturn\r\n<HUAWEI>", LATER,
                "\r\n\"\r\nuser-interface vty 0 4\r\nreturn\r\n<HUAWEI>", LATER, "!p\r\n", "Error: Unrecognized command\r\n<HUAWEI>");
        reader.skipToEcho("display current-configuration", "<HUAWEI>"::equals);
        assertThat(reader.readReply("<HUAWEI>", PAGER, typed::add,
                PromptReader.Ending.capture(Optional.of(Pattern.compile("return")), Optional.of("!p"), Optional.of(header))).text())
                .isEqualTo("sysname HUAWEI\r\nheader login information \"Authorised use only\r\nreturn\r\n<HUAWEI>\r\n\"\r\n"
                        + "user-interface vty 0 4\r\nreturn\r\n");
        assertThat(typed).as("the end marker was the header's text: a probe was typed").containsExactly("!p\r");
    }

    /**
     * A platform file that does not say what free text its configurations hold cannot rule out a banner that
     * holds the marker and the prompt: its end marker alone ends nothing, and the probe confirms the end.
     */
    @Test
    void anEndMarkerIsConfirmedWithTheDeviceWhereThePlatformDoesNotDeclareItsFreeText() throws IOException {
        var reader = afterPrompt("R1#", "show run\r\nhostname R1\r\nend\r\nR1#", LATER, "!p\r\n", "% Invalid\r\nR1#");
        reader.skipToEcho("show run", "R1#"::equals);
        assertThat(reader.readReply("R1#", PAGER, typed::add,
                PromptReader.Ending.capture(Optional.of(Pattern.compile("end")), Optional.of("!p"), Optional.empty())).text())
                .isEqualTo("hostname R1\r\nend\r\n");
        assertThat(typed).containsExactly("!p\r");
    }

    @Test
    void anEndMarkerAfterAClosedBannerNeedsNoConfirmation() throws IOException {
        var reader = afterPrompt("R1#", "show run\r\nbanner exec ^C\r\nend\r\nR1#\r\n^C\r\nbanner motd ^C hi ^C\r\nend\r\nR1#");
        reader.skipToEcho("show run", "R1#"::equals);
        assertThat(reader.readReply("R1#", PAGER, typed::add, probing(Optional.of(Pattern.compile("end")))).text())
                .isEqualTo("banner exec ^C\r\nend\r\nR1#\r\n^C\r\nbanner motd ^C hi ^C\r\nend\r\n");
        assertThat(typed).isEmpty();
    }

    /** Without a probe (a device that does not echo), an end marker inside a banner waits for the device to go quiet. */
    @Test
    void withoutAProbeAnEndMarkerInsideABannerWaitsForTheDeviceToGoQuiet() throws IOException {
        var reader = afterPrompt("R1#", "show run\r\nbanner exec ^C\r\nend\r\nR1#", SOON, "\r\n^C\r\nend\r\nR1#");
        reader.skipToEcho("show run", "R1#"::equals);
        assertThat(reader.readReply("R1#", PAGER, typed::add,
                PromptReader.Ending.capture(Optional.of(Pattern.compile("end")), Optional.empty(), BUILT_IN_BLOCKS)).text())
                .isEqualTo("banner exec ^C\r\nend\r\nR1#\r\n^C\r\nend\r\n");
    }

    @Test
    void aPauseAfterALineEndingInThePromptsTextNeverCutsACapture() throws IOException {
        var reader = afterPrompt("r1#", "show run\r\nAuthorized access only > r1#", LATER,
                "\r\nmore 1\r\nmore 2\r\nr1#!p\r\n", "% Invalid\r\nr1#");
        reader.skipToEcho("show run", "r1#"::equals);
        assertThat(reader.readReply("r1#", PAGER, typed::add, probing(Optional.empty())).text())
                .isEqualTo("Authorized access only > r1#\r\nmore 1\r\nmore 2\r\n");
    }

    /**
     * A device that echoes what is typed at once, while it still sends output (a Linux terminal does): a probe
     * typed behind a configuration line that merely ends in the prompt's text would be echoed there, and the line
     * pass for the end. A glued prompt is probed only once the device has gone quiet (probe G cut a backup so).
     */
    @Test
    void aGluedPromptIsProbedOnlyOnceTheDeviceIsQuietSoThatAnImmediateEchoCannotLandBehindIt() throws IOException {
        var chunks = new Chunks(List.of("sw1#", LATER, "show run\r\ninterface E1\r\n  description forged sw1#", SOON,
                "\r\n  no shutdown\r\n\r\ninterface E2\r\n  no shutdown\r\n\r\nsw1# ", LATER, "% Invalid command\r\nsw1# "));
        var reader = new PromptReader(chunks, 64 * 1024 * 1024);
        PromptReader.Keyboard echoingAtOnce = echoingAtOnce(chunks);
        reader.readUntil("sw1#"::equals, PAGER, echoingAtOnce);
        reader.skipToEcho("show run", "sw1#"::equals);
        assertThat(reader.readReply("sw1#", PAGER, echoingAtOnce, probing(Optional.empty())).text())
                .isEqualTo("interface E1\r\n  description forged sw1#\r\n  no shutdown\r\n\r\ninterface E2\r\n  no shutdown\r\n\r\n");
        assertThat(typed).containsExactly("!p\r");
    }

    /** A pager pattern written without the blanks around the prompt answers it, as docs/platforms.md says. */
    @Test
    void aPagerPatternMatchesThePagerWithoutTheBlanksAroundIt() throws IOException {
        var bare = List.of(PromptReader.Interjection.pager(Pattern.compile("--More--"), " "));
        var reader = afterPrompt("r1#", "show run\r\nline 1\r\n --More-- ", LATER, "\b".repeat(10) + "line 2\r\nend\r\nr1#");
        reader.skipToEcho("show run", "r1#"::equals);
        String text = reader.readReply("r1#", bare, typed::add, probing(Optional.of(Pattern.compile("end")))).text();
        assertThat(OutputCleaner.clean(text)).isEqualTo("line 1\nline 2\nend");
        assertThat(typed).containsExactly(" ");
    }

    /** The same device, with a banner line that is exactly the prompt (the cold review's case). */
    @Test
    void aPromptOnALineOfItsOwnIsProbedOnlyOnceTheDeviceIsQuietToo() throws IOException {
        var chunks = new Chunks(List.of("sw1#", LATER, "show run\r\nbanner motd ^C\r\nsw1#", SOON,
                "\r\n^C\r\ninterface E2\r\n  no shutdown\r\n\r\nsw1# ", LATER, "% Invalid command\r\nsw1# "));
        var reader = new PromptReader(chunks, 64 * 1024 * 1024);
        PromptReader.Keyboard echoingAtOnce = echoingAtOnce(chunks);
        reader.readUntil("sw1#"::equals, PAGER, echoingAtOnce);
        reader.skipToEcho("show run", "sw1#"::equals);
        assertThat(reader.readReply("sw1#", PAGER, echoingAtOnce, probing(Optional.empty())).text())
                .isEqualTo("banner motd ^C\r\nsw1#\r\n^C\r\ninterface E2\r\n  no shutdown\r\n\r\n");
        assertThat(typed).containsExactly("!p\r");
    }

    /**
     * After an answered pager the raw line begins with the pager prompt and its erasure: a banner that starts
     * there is still followed, and its end marker ends nothing (the cold review; a regression of text_blocks).
     */
    @Test
    void aBannerRightAfterAnAnsweredPagerIsStillFollowed() throws IOException {
        String erase = "\b".repeat(10) + " ".repeat(10) + "\b".repeat(10);
        var reader = afterPrompt("R1#", "show run\r\nhostname R1\r\n --More-- ", LATER, erase + "banner exec ^C\r\nend\r\nR1#",
                LATER, "\r\n^C\r\nusername x secret y\r\nend\r\nR1#", LATER, "!p\r\n", "% Invalid\r\nR1#");
        reader.skipToEcho("show run", "R1#"::equals);
        String text = reader.readReply("R1#", PAGER, typed::add, probing(Optional.of(Pattern.compile("end")))).text();
        assertThat(OutputCleaner.clean(text)).isEqualTo("hostname R1\nbanner exec ^C\nend\nR1#\n^C\nusername x secret y\nend");
        assertThat(typed).containsExactly(" ", "!p\r");
    }

    @Test
    void aLastLineEndingInThePromptsTextIsKeptWhenTheRealPromptFollowsOnItsOwnLine() throws IOException {
        var reader = afterPrompt("r1#", "show run | include desc\r\n description to r1#", LATER, "\r\nr1#", LATER,
                "!p\r\n", "% Invalid\r\nr1#");
        reader.skipToEcho("show run | include desc", "r1#"::equals);
        assertThat(reader.readReply("r1#", PAGER, typed::add, probing(Optional.empty())).text())
                .isEqualTo(" description to r1#\r\n");
    }

    @Test
    void aPromptReallyGluedToTheEndOfACaptureIsConfirmedAndCut() throws IOException {
        var reader = afterPrompt("r1#", "show run\r\nline 1\r\nAuthorized access only > r1#", LATER, "!p\r\n",
                "% Invalid\r\nr1#");
        reader.skipToEcho("show run", "r1#"::equals);
        assertThat(reader.readReply("r1#", PAGER, typed::add, probing(Optional.empty())).text())
                .isEqualTo("line 1\r\nAuthorized access only > \n");
        assertThat(typed).containsExactly("!p\r");
    }

    @Test
    void aStrayPromptBeforeTheProbesEchoIsNotOutput() throws IOException {
        var reader = afterPrompt("r1#", "show run\r\nline 1\r\nr1#", LATER, "\r\nr1#!p\r\n", "% Invalid\r\nr1#");
        reader.skipToEcho("show run", "r1#"::equals);
        assertThat(reader.readReply("r1#", PAGER, typed::add, probing(Optional.empty())).text()).isEqualTo("line 1\r\n");
    }

    @Test
    void aLogMessagePrintedAtThePromptBeforeTheProbesEchoIsNotOutput() throws IOException {
        Pattern volatileLines = Pattern.compile("\\*?[A-Z][a-z]{2} +\\d+ \\d\\d:\\d\\d:\\d\\d(\\.\\d+)?: %[A-Z0-9_]+-\\d-[A-Z0-9_]+: .*");
        var reader = afterPrompt("r1#", "show run\r\nhostname r1\r\n\r\nr1#", LATER,
                "\r\n*Nov 27 15:40:00.123: %SYS-5-CONFIG_I: Configured from console by admin on vty0\r\nr1#!p\r\n",
                "% Invalid\r\nr1#");
        reader.skipToEcho("show run", "r1#"::equals);
        assertThat(reader.readReply("r1#", PAGER, typed::add,
                PromptReader.Ending.capture(Optional.empty(), Optional.of("!p"), volatileLines, BUILT_IN_BLOCKS)).text())
                .isEqualTo("hostname r1\r\n\r\n");
    }

    private static PromptReader.Ending probing(Optional<Pattern> complete) {
        return PromptReader.Ending.capture(complete, Optional.of("!p"), BUILT_IN_BLOCKS);
    }

    @Test
    void aQuestionThatArrivesInTwoPiecesIsAnsweredOnce() throws IOException {
        var save = List.of(new PromptReader.Interjection(Pattern.compile(".*\\(y/n\\) ?"), "y"));
        var reader = afterPrompt("console#", "copy running-config startup-config\r\nAre you sure you want to save? (y/n)",
                LATER, " ", LATER, "\r\n\r\nConfiguration Saved!\r\nconsole#");
        reader.skipToEcho("copy running-config startup-config", "console#"::equals);
        reader.readReply("console#", save, typed::add, PromptReader.Ending.COMMAND);
        assertThat(typed).containsExactly("y");
    }

    @Test
    void cursorMovesAroundAPromptDrawnOnTheLastRowDoNotHideIt() throws IOException {
        String esc = "\u001b";
        var reader = reader(esc + "[24;1H" + esc + "[2K" + esc + "[1;32mHP-2530-1#" + esc + "[0m " + esc + "[?25h" + esc
                + "[24;1H" + esc + "[24;12H" + esc + "[24;1H" + esc + "[?25h" + esc + "[24;12H");
        assertThat(reader.readUntil(line -> line.matches("[\\w.-]+# ?"), PAGER, typed::add).lastLine()).isEqualTo("HP-2530-1# ");
    }

    @Test
    void pressAnyKeyFollowedByACursorMoveIsStillAnswered() throws IOException {
        var login = List.of(new PromptReader.Interjection(Pattern.compile("(?i).*press any key to continue.*"), " "));
        String esc = "\u001b";
        var reader = reader("Press any key to continue" + esc + "[1;24r" + esc + "[24;1H", LATER, "\r\nHP-2530-1# ");
        reader.readUntil(line -> line.matches("[\\w.-]+# ?"), login, typed::add);
        assertThat(typed).containsExactly(" ");
    }

    @Test
    void escapeSequencesAreRemovedBeforePromptsAreMatchedAndNeverKept() throws IOException {
        String esc = "\u001b";
        var reader = reader(esc + "[2J" + esc + "[1;1H" + esc + "[?25l" + esc + "[1;32msw1#" + esc + "[0m ",
                LATER, esc + "[?25hshow run\r\n" + esc + "[2Khostname sw1" + esc + "[K\r\nend\r\n" + esc + "]0;sw1" + (char) 7
                        + esc + "[1;32msw1#" + esc + "[0m ");
        assertThat(reader.readUntil(line -> IOS_PROMPT.matcher(line).matches(), PAGER, typed::add).lastLine()).isEqualTo("sw1# ");
        assertThat(reader.skipToEcho("show run", seen -> seen.strip().equals("sw1#")).prompt()).isEqualTo("sw1# ");
        String text = reader.readReply("sw1# ", PAGER, typed::add, PromptReader.Ending.COMMAND).text();
        assertThat(OutputCleaner.clean(text)).isEqualTo("hostname sw1\nend");
    }

    /** CR NUL is how telnet sends a bare CR, and terminals pad after a line end: NULs there show nothing. */
    @Test
    void nulPaddingAfterALineEndIsDroppedEvenAcrossReads() throws IOException {
        var reader = afterPrompt("sw1#", "show run\r\0\n\0\0hostname sw1\r\n", "\0end\r\0\n", "sw1#");
        reader.skipToEcho("show run", "sw1#"::equals);
        String text = reader.readReply("sw1#", PAGER, typed::add, PromptReader.Ending.COMMAND).text();
        assertThat(OutputCleaner.clean(text)).isEqualTo("hostname sw1\nend");
    }

    /** A NUL inside a line is a byte of its text: kept, so that the configuration check refuses it. */
    @Test
    void aNulInsideALineIsKept() throws IOException {
        var reader = afterPrompt("sw1#", "show run\r\n description nul\0byte\0\r\n", "end\r\nsw1#");
        reader.skipToEcho("show run", "sw1#"::equals);
        String text = reader.readReply("sw1#", PAGER, typed::add, PromptReader.Ending.COMMAND).text();
        assertThat(OutputCleaner.clean(text)).isEqualTo(" description nul\0byte\0\nend");
    }

    @Test
    void aPagerIsAnsweredWithASpace() throws IOException {
        var reader = afterPrompt("sw1#", "show run\r\nline 1\r\n --More-- ", LATER, "\b\b\b\b\b\b\b\b\b\b          \b\b\b\b\b\b\b\b\b\bend\r\nsw1#");
        reader.skipToEcho("show run", "sw1#"::equals);
        String text = reader.readReply("sw1#", PAGER, typed::add, PromptReader.Ending.COMMAND).text();
        assertThat(typed).containsExactly(" ");
        assertThat(OutputCleaner.clean(text)).isEqualTo("line 1\nend");
    }

    @Test
    void aConfigurationLineThatLooksLikeThePagerIsNeitherAnsweredNorRemoved() throws IOException {
        var reader = afterPrompt("sw1#", "show run\r\nbanner exec ^C\r\n --More-- ", "\r\n^C\r\nend\r\nsw1#");
        reader.skipToEcho("show run", "sw1#"::equals);
        String text = reader.readReply("sw1#", PAGER, typed::add, PromptReader.Ending.COMMAND).text();
        assertThat(typed).isEmpty();
        assertThat(OutputCleaner.clean(text)).isEqualTo("banner exec ^C\n --More-- \n^C\nend");
    }

    /**
     * Text that reads like the pager prompt and is then continued a moment later (a line split across packets,
     * a banner line) is not answered: a device that pages waits for its key.
     */
    @Test
    void textThatLooksLikeThePagerAndGoesOnAMomentLaterIsNeitherAnsweredNorChanged() throws IOException {
        var reader = afterPrompt("sw1#", "show run\r\nbanner exec ^C\r\n --More-- ", SOON, "is not a prompt here\r\n",
                "--More--", SOON, "\r\n^C\r\nend\r\nsw1#");
        reader.skipToEcho("show run", "sw1#"::equals);
        String text = reader.readReply("sw1#", PAGER, typed::add, PromptReader.Ending.COMMAND).text();
        assertThat(typed).isEmpty();
        assertThat(OutputCleaner.clean(text)).isEqualTo("banner exec ^C\n --More-- is not a prompt here\n--More--\n^C\nend");
    }

    @Test
    void outputBeyondTheCapFailsTheCommand() {
        var reader = new PromptReader(new Chunks(List.of("sw1#show run\r\n", "x".repeat(600), "y".repeat(600))), 1000);
        assertThatThrownBy(() -> {
            reader.skipToEcho("show run", "sw1#"::equals);
            reader.readReply("sw1#", PAGER, typed::add, PromptReader.Ending.COMMAND);
        }).isInstanceOf(PromptReader.OutputTooLargeException.class);
    }

    @Test
    void aLineLongerThanTheCapFailsTheCommandEvenWhenMoreLinesFollowInTheSameRead() {
        String longLine = "x".repeat(PromptReader.MAX_LINE_CHARS) + "\r\n";
        var reader = reader("sw1#show run\r\n", longLine + "end\r\n", "sw1#");
        assertThatThrownBy(() -> {
            reader.skipToEcho("show run", "sw1#"::equals);
            reader.readReply("sw1#", PAGER, typed::add, PromptReader.Ending.COMMAND);
        }).isInstanceOf(PromptReader.LineTooLongException.class).hasMessageContaining("longer than 128 KiB");
    }

    @Test
    void aLineWithoutEndFailsAsSoonAsItPassesTheCapAcrossReads() {
        String piece = "y".repeat(PromptReader.MAX_LINE_CHARS / 2);
        var reader = reader("sw1#show run\r\n", piece, piece, "z", "never read\r\nsw1#");
        assertThatThrownBy(() -> {
            reader.skipToEcho("show run", "sw1#"::equals);
            reader.readReply("sw1#", PAGER, typed::add, PromptReader.Ending.COMMAND);
        }).isInstanceOf(PromptReader.LineTooLongException.class);
    }

    @Test
    void aLineJustUnderTheCapIsOutputLikeAnyOther() throws IOException {
        String longest = "z".repeat(PromptReader.MAX_LINE_CHARS - 1);
        var reader = reader("sw1#show run\r\n", longest + "\r\n", "end\r\nsw1#");
        reader.skipToEcho("show run", "sw1#"::equals);
        assertThat(reader.readReply("sw1#", PAGER, typed::add, PromptReader.Ending.COMMAND).text()).isEqualTo(longest + "\r\nend\r\n");
    }

    /** A keyboard whose keys the device echoes the moment they arrive, before what it still had to send. */
    private PromptReader.Keyboard echoingAtOnce(Chunks chunks) {
        return text -> {
            typed.add(text);
            chunks.echoAtOnce(text.replace("\r", "\r\n"));
        };
    }

    /** A reader positioned as after a previous reply: {@code prompt} is the line left over. */
    private PromptReader afterPrompt(String prompt, String... chunks) throws IOException {
        var all = new ArrayList<String>();
        all.add(prompt);
        all.add(LATER);
        all.addAll(List.of(chunks));
        PromptReader reader = reader(all.toArray(String[]::new));
        reader.readUntil(prompt::equals, PAGER, typed::add);
        return reader;
    }

    private static PromptReader reader(String... chunks) {
        return new PromptReader(new Chunks(List.of(chunks)), 64 * 1024 * 1024);
    }

    /**
     * Hands out one chunk per read; the next chunk counts as available at once, unless a {@link #LATER}
     * stands before it (the device sends it only after a while, or after it was typed to).
     */
    private static final class Chunks extends InputStream {
        private static final byte[] GAP = new byte[0];
        private static final byte[] SHORT_GAP = new byte[0];
        private static final long SHORT_GAP_NANOS = 20_000_000;
        private final Deque<byte[]> chunks = new ArrayDeque<>();
        private long lastRead = System.nanoTime();

        Chunks(List<String> texts) {
            texts.forEach(t -> chunks.add(t.equals(LATER) ? GAP : t.equals(SOON) ? SHORT_GAP
                    : t.getBytes(StandardCharsets.ISO_8859_1)));
        }

        /** The echo of what was just typed, sent before anything the device still had to send. */
        void echoAtOnce(String echo) {
            chunks.addFirst(echo.getBytes(StandardCharsets.ISO_8859_1));
        }

        @Override
        public int read() {
            throw new UnsupportedOperationException();
        }

        @Override
        public int read(byte[] b, int off, int len) {
            byte[] next = chunks.poll();
            while (next == GAP || next == SHORT_GAP) {
                next = chunks.poll();
            }
            lastRead = System.nanoTime();
            if (next == null) {
                return -1;
            }
            if (next.length > len) {
                // A chunk larger than the reader asked for comes in reads of its size, as from a socket.
                chunks.addFirst(java.util.Arrays.copyOfRange(next, len, next.length));
                next = java.util.Arrays.copyOf(next, len);
            }
            System.arraycopy(next, 0, b, off, next.length);
            return next.length;
        }

        /**
         * A short gap's chunk counts once its time has come: availability only grows with time, so however late
         * the reader looks, it never sees the gap as longer than it is.
         */
        @Override
        public int available() {
            if (chunks.peek() == SHORT_GAP) {
                var rest = new ArrayList<>(chunks);
                return System.nanoTime() - lastRead >= SHORT_GAP_NANOS && rest.size() > 1 ? rest.get(1).length : 0;
            }
            return chunks.isEmpty() ? 0 : chunks.peek().length; // GAP has length 0
        }
    }
}
