package net.backup.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import net.backup.testing.LabTerminal;
import org.junit.jupiter.api.Test;

/** What each quirk does on the wire, seen from a terminal: the lab really misbehaves the way it claims. */
class LabQuirkBehaviourTest {
    private static final String SECRET = LabSettings.ENABLE_SECRET;

    private static Lab lab(Fault quirk) throws IOException {
        return Lab.start(List.of(new Lab.DeviceSpec("q1", Set.of(quirk))), LabSettings.defaults());
    }

    @Test
    void strayPromptPrintsOneMorePromptAfterEachCommand() throws IOException {
        try (Lab lab = lab(Fault.STRAY_PROMPT)) {
            String screen = LabTerminal.type(lab, "q1", "show version");

            assertThat(screen).contains("uptime is", "q1>\r\nq1>exit");
        }
    }

    @Test
    void keystrokeConfirmActsOnTheKeyAloneAndTakesTheEnterAfterItForABlankCommand() throws IOException {
        try (Lab lab = lab(Fault.KEYSTROKE_CONFIRM)) {
            String screen = LabTerminal.type(lab, "q1", "enable", SECRET, "wr mem", "y");

            assertThat(screen).contains("Are you sure you want to save? (y/n) y\r\nBuilding configuration...\r\n[OK]\r\n"
                    + "q1#\r\nq1#exit");
            assertThat(lab.device("q1").saves()).isEqualTo(1);
        }
    }

    @Test
    void keystrokeConfirmSavesNothingOnAnotherKey() throws IOException {
        try (Lab lab = lab(Fault.KEYSTROKE_CONFIRM)) {
            LabTerminal.type(lab, "q1", "enable", SECRET, "wr mem", "n");

            assertThat(lab.device("q1").saves()).isZero();
        }
    }

    @Test
    void gluedPromptFollowsThePagerOffAnswerOnTheSameLine() throws IOException {
        try (Lab lab = lab(Fault.GLUED_PROMPT)) {
            assertThat(LabTerminal.type(lab, "q1", "term len 0")).contains("q1>term len 0\r\nPagination disabled.q1>exit");
        }
    }

    @Test
    void ansiWrapsPromptsAndOutputInEscapeSequences() throws IOException {
        try (Lab lab = lab(Fault.ANSI)) {
            String screen = LabTerminal.type(lab, "q1", "show version");

            assertThat(screen).contains("\u001b[1;24r", "\u001b[2K", "\u001b[1;32mq1>\u001b[0m", "\u001b[?25h");
            assertThat(stripAnsi(screen)).contains("q1>show version\r\n", "uptime is");
        }
    }

    @Test
    void narrowTerminalWrapsOutputAtTheWidthTheClientAskedFor() throws IOException {
        try (Lab lab = lab(Fault.NARROW_TERMINAL)) {
            String screen = LabTerminal.typeAt(lab, "q1", 80, "enable", SECRET, "term len 0", "show run");
            String unwrapped = LabTerminal.typeAt(lab, "q1", 80, "enable", SECRET, "term len 0", "terminal width 0", "show run");

            assertThat(screen.split("\r\n")).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(80));
            assertThat(screen.replace("\r\n", "")).contains(longestLine(lab.device("q1").stableConfig()));
            assertThat(unwrapped).contains(longestLine(lab.device("q1").stableConfig()));
        }
    }

    @Test
    void splitEchoSendsTheEchoInPieces() throws IOException {
        try (Lab lab = lab(Fault.SPLIT_ECHO)) {
            List<String> chunks = LabTerminal.chunks(lab, "q1", 80, "show version", "show version", "show version");

            assertThat(String.join("", chunks)).contains("q1>show version\r\n");
            // Each piece comes a moment after the last: across three echoes, not all can arrive whole.
            assertThat(chunks.stream().filter(chunk -> chunk.contains("show version")).count()).isLessThan(3);
        }
    }

    @Test
    void pressAnyKeyWaitsForAKeyBeforeTheFirstPrompt() throws IOException {
        try (Lab lab = lab(Fault.PRESS_ANY_KEY)) {
            String screen = LabTerminal.type(lab, "q1", "", "show version");

            assertThat(screen).contains("Press any key to continue\r\nq1>");
            assertThat(screen.indexOf("Press any key")).isLessThan(screen.indexOf("q1>"));
            assertThat(screen).contains("q1>show version\r\n", "uptime is");
        }
    }

    @Test
    void lineEditingRedrawsTheEchoAndScrollsALongCommandWithADollar() throws IOException {
        try (Lab lab = lab(Fault.LINE_EDITING)) {
            String screen = LabTerminal.type(lab, "q1", "show version", "show version");
            String narrow = LabTerminal.typeAt(lab, "q1", 30, "show running-config | include hostname");

            assertThat(screen).contains("show v\b\b\b\b\b\bshow version", "show version\rq1>show version");
            assertThat(narrow).contains("\rq1>$").contains("include hostname");
        }
    }

    @Test
    void noEchoDoesNotEchoTypedCommands() throws IOException {
        try (Lab lab = lab(Fault.NO_ECHO)) {
            String screen = LabTerminal.type(lab, "q1", "show version");

            assertThat(screen).doesNotContain("show version").contains("q1>\r\nCisco IOS XE Software");
        }
    }

    @Test
    void echoLineTwiceSendsTheWholeLineAgainAfterTheEnter() throws IOException {
        try (Lab lab = lab(Fault.ECHO_LINE_TWICE)) {
            String screen = LabTerminal.type(lab, "q1", "show version");

            assertThat(screen).contains("q1>show version\r\nshow version\r\nCisco IOS XE Software");
        }
    }

    @Test
    void everyQuirkHasALabelAndParses() {
        assertThat(Fault.quirks()).extracting(Fault::label).containsExactly("stray-prompt", "keystroke-confirm",
                "glued-prompt", "ansi", "narrow-terminal", "split-echo", "press-any-key", "line-editing", "no-echo",
                "echo-line-twice");
        assertThat(Fault.quirks()).allSatisfy(quirk -> assertThat(Fault.parse(quirk.label())).isEqualTo(quirk));
    }

    private static String stripAnsi(String text) {
        return text.replaceAll("\u001b\\[[?0-9;]*[A-Za-z]", "");
    }

    private static String longestLine(String text) {
        return Arrays.stream(text.split("\n")).reduce("", (a, b) -> b.length() > a.length() ? b : a);
    }
}
