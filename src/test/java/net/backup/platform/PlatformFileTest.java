package net.backup.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlatformFileTest {
    private static final String MINIMAL = """
            name: acme
            prompt: 'acme[>#] ?'
            backup: [show config]
            """;

    @TempDir
    Path dir;

    private Path write(String yaml) throws IOException {
        return Files.writeString(dir.resolve("acme.yaml"), yaml);
    }

    private void assertError(String yaml, String expected) throws IOException {
        Path file = write(yaml);
        assertThatThrownBy(() -> PlatformFile.read(file)).isInstanceOf(PlatformException.class)
                .hasMessage(file + ":" + expected);
    }

    @Test
    void anEmptyPlatformFileIsToldWhatAPlatformFileNeeds() throws IOException {
        Path file = write("# nothing yet\n");

        assertThatThrownBy(() -> PlatformFile.read(file)).isInstanceOf(PlatformException.class)
                .hasMessage(file + ": the file is empty: it needs at least name, prompt and backup (docs/platforms.md)");
        assertThatThrownBy(() -> PlatformFile.read(dir)).isInstanceOf(PlatformException.class)
                .hasMessage(dir + ": is a directory, not a platform file");
    }

    @Test
    void theBuiltInIosPlatformIsReadFromItsFile() {
        Platform ios = Platforms.CISCO_IOS;

        assertThat(ios.saveCommands()).extracting(SaveStep::command).containsExactly("wr mem");
        assertThat(ios.setupCommands()).containsExactly("term len 0");
        assertThat(ios.backupCommands()).containsExactly("show run");
        assertThat(ios.isUserMode("csr1>")).isTrue();
        assertThat(ios.isUserMode("csr1#")).isFalse();
        assertThat(ios.secrets()).isNotEmpty();
        assertThat(Platforms.builtIn().find("cisco_xe")).contains(ios);
    }

    @Test
    void aMinimalFileNeedsOnlyANameAPromptAndBackupCommands() throws IOException {
        Platform acme = PlatformFile.read(write(MINIMAL)).platform();

        assertThat(acme.name()).isEqualTo("acme");
        assertThat(acme.saveCommands()).isEmpty();
        assertThat(acme.isUserMode("acme>")).as("no prompt_user: never needs enable").isFalse();
        assertThat(acme.errorLines().matcher("% Invalid input").matches()).isFalse();
        assertThat(acme.completeLastLine()).isEmpty();
        assertThat(acme.exitCommand()).isEqualTo("exit");
    }

    /** Huawei VRP's login header, as it shows it: quoted, the closing quote at the end of its last line. */
    @Test
    void textBlocksAreClosedByTheirDelimiterOrByTheirEndLine() throws IOException {
        Platform acme = PlatformFile.read(write(MINIMAL + """
                text_blocks:
                  - start: 'header \\S+ information (?<delimiter>").*'
                  - start: 'script'
                    end: 'end-script'
                """)).platform();
        var blocks = new TextBlocks(acme.textBlocks(), RegexGuard.NONE);
        String config = "sysname HUAWEI\nheader login information \"Authorised use only\nreturn\n<HUAWEI>\n\"\n"
                + "header shell information \"one line\"\nscript\nreturn\n end-script \nreturn\n";
        List<Boolean> text = config.lines().map(line -> blocks.isText(line, 0, line.length())).toList();
        assertThat(text).containsExactly(false, false, true, true, true, false, false, true, true, false);
        assertThat(blocks.isOpen()).isFalse();
    }

    @Test
    void noTextBlocksIsNotTheSameAsAnEmptyList() throws IOException {
        assertThat(PlatformFile.read(write(MINIMAL)).platform().declaredTextBlocks()).isEmpty();
        assertThat(PlatformFile.read(write(MINIMAL + "text_blocks: []\n")).platform().declaredTextBlocks()).contains(List.of());
    }

    @Test
    void anItemOfAListOfMappingsWithoutItsKeyIsNamed() throws IOException {
        assertError(MINIMAL + "secrets:\n  - {name: x}\n", "5:5: secrets[0].pattern: missing");
        assertError(MINIMAL + "save:\n  - {answers: []}\n", "5:5: save[0].command: missing");
        assertError(MINIMAL + "login:\n  - {reply: y}\n", "5:5: login[0].question: missing");
    }

    @Test
    void aTextBlockNeedsEitherADelimiterOrAnEndLine() throws IOException {
        String needs = "needs either a group named delimiter in start, (?<delimiter>...), whose text closes the block,"
                + " or an end, the line that closes it (not both)";
        assertError(MINIMAL + "text_blocks:\n  - start: 'banner'\n", "5:5: text_blocks[0]: " + needs);
        assertError(MINIMAL + "text_blocks:\n  - {start: 'banner (?<delimiter>.)', end: 'EOF'}\n", "5:5: text_blocks[0]: " + needs);
        assertError(MINIMAL + "text_blocks:\n  - {end: 'EOF'}\n", "5:5: text_blocks[0].start: missing");
        assertError(MINIMAL + "text_blocks:\n  - {start: 'banner (', end: 'EOF'}\n",
                "5:13: text_blocks[0].start: not a valid regular expression: Unclosed group");
        assertError(MINIMAL + "text_blocks:\n  - {start: 'x', stop: 'EOF'}\n", "5:18: text_blocks[0].stop: unknown key");
    }

    @Test
    void userAndPrivilegedPromptsMayBeSuffixesOrRegexes() throws IOException {
        Platform cat = PlatformFile.read(write(MINIMAL.replace("acme[>#] ?", "[\\w-]+(\\(enable\\))?[>#] ?")
                + "prompt_user: '[^)]>'\nprompt_privileged: '\\(enable\\)#'\nenable: {command: enable}\n")).platform();

        assertThat(cat.isUserMode("sw1>")).isTrue();
        assertThat(cat.isUserMode("sw1(enable)#")).isFalse();
        assertThat(cat.isPrivileged("sw1(enable)#")).isTrue();
        assertThat(cat.isPrivileged("sw1#")).as("not the privileged prompt this platform declares").isFalse();
    }

    @Test
    void reportsAnUnknownKeyWithTheNearestKnownOne() throws IOException {
        assertError(MINIMAL + "volatiles: ['x']\n", "4:1: volatiles: unknown key (did you mean 'volatile'?)");
    }

    @Test
    void reportsABadRegularExpressionWhereItIs() throws IOException {
        assertError(MINIMAL + "errors:\n  - '^% .*'\n  - '(unclosed'\n",
                "6:5: errors[1]: not a valid regular expression: Unclosed group");
    }

    @Test
    void readsSaveStepsWithTheirQuestionsAndAnswers() throws IOException {
        Platform acme = PlatformFile.read(write(MINIMAL + String.join("\n",
                "save:",
                "  - write memory",
                "  - command: copy running-config startup-config",
                "    answers:",
                "      - {question: 'Destination filename .*\\? ?'}",
                "      - {question: '\\[confirm\\]', reply: y}",
                ""))).platform();

        assertThat(acme.saveCommands()).extracting(SaveStep::command)
                .containsExactly("write memory", "copy running-config startup-config");
        assertThat(acme.saveCommands().get(1).answers()).extracting(Answer::reply).containsExactly("", "y");
        assertThat(acme.saveCommands().get(1).answers().get(1).question().matcher("[confirm]").matches()).isTrue();
    }

    @Test
    void reportsWhatIsMissing() throws IOException {
        assertError("name: acme\nprompt: x\n", " backup (at least one command): missing");
        assertError(MINIMAL + "prompt_user: '>'\n", " enable (needed with prompt_user): missing");
    }

    @Test
    void aSecretRuleNeedsASecretGroup() throws IOException {
        assertError(MINIMAL + "secrets:\n  - {name: community, pattern: 'snmp community (\\\\S+)'}\n",
                "5:32: secrets[0].pattern: needs a group named secret, (?<secret>...), around the secret itself");
    }

    @Test
    void theFullExampleInTheDocsIsAValidPlatformFile() throws IOException {
        String docs = Files.readString(Path.of("docs", "platforms.md"));
        int start = docs.indexOf("```yaml\n# platforms/acme_os.yaml") + "```yaml\n".length();
        String example = docs.substring(start, docs.indexOf("```", start));

        Platform acme = PlatformFile.read(write(example)).platform();

        assertThat(acme.name()).isEqualTo("acme_os");
        assertThat(acme.isUserMode("edge1>")).isTrue();
        assertThat(acme.prompt().matcher("edge1(config-if)#").matches()).isTrue();
        assertThat(acme.completeLastLine().orElseThrow().matcher("# end of configuration").matches()).isTrue();
        assertThat(acme.secrets()).extracting(SecretRule::name).containsExactly("user password", "SNMP community");
    }

    /** A JunOS user from RADIUS or TACACS+ may be named with its domain: jsmith@corp.example@mx1> (probe J). */
    @Test
    void junosPromptsTakeAUserNamedWithItsDomain() {
        Platform junos = Platforms.builtIn().find("juniper_junos").orElseThrow();
        for (String prompt : java.util.List.of("ntc@mx1>", "jsmith@corp.example@mx1>", "j.smith@mx1.lab#")) {
            assertThat(junos.prompt().matcher(prompt).matches()).as(prompt).isTrue();
        }
        assertThat(junos.prompt().matcher("mx1>").matches()).isFalse();
    }

    @Test
    void aFolderAddsPlatformsAndCanReplaceABuiltIn() throws IOException {
        write(MINIMAL);
        Files.writeString(dir.resolve("ios.yml"), "name: cisco_ios\nprompt: 'x#'\nbackup: [show startup-config]\n");

        PlatformRegistry registry = Platforms.builtIn().withDirectory(dir);

        assertThat(registry.names()).containsExactly("acme", "arista_eos", "cisco_asa", "cisco_ios", "cisco_nxos", "cisco_xr",
                "juniper_junos");
        assertThat(registry.find("cisco_ios").orElseThrow().backupCommands()).containsExactly("show startup-config");
        assertThat(Platforms.builtIn().find("cisco_ios").orElseThrow().backupCommands()).containsExactly("show run");
    }

    @Test
    void aReplacedBuiltInKeepsItsAliasesWhicheverIsAskedFirst() throws IOException {
        Files.writeString(dir.resolve("ios.yml"), "name: cisco_ios\nprompt: 'x#'\nbackup: [show startup-config]\n");

        PlatformRegistry registry = Platforms.builtIn().withDirectory(dir);

        // Built-ins are read when first asked for: an alias asked first must still find the replacement.
        assertThat(registry.find("cisco_xe").orElseThrow().backupCommands()).containsExactly("show startup-config");
        assertThat(registry.find("cisco_ios").orElseThrow().backupCommands()).containsExactly("show startup-config");
        assertThat(registry.find("arista_eos")).isPresent();
        assertThat(registry.find("no_such_os")).isEmpty();
    }

    @Test
    void aUsersPlatformNamedLikeABuiltInAliasWinsWhateverIsAskedFirst() throws IOException {
        Files.writeString(dir.resolve("xe.yml"), "name: cisco_xe\nprompt: 'x#'\nbackup: [show startup-config]\n");

        for (String first : List.of("cisco_xe", "cisco_ios", "names")) {
            PlatformRegistry registry = Platforms.builtIn().withDirectory(dir);
            if (first.equals("names")) {
                registry.names();
            } else {
                registry.find(first);
            }
            assertThat(registry.find("cisco_xe").orElseThrow().backupCommands()).as("after " + first)
                    .containsExactly("show startup-config");
        }
    }
}
