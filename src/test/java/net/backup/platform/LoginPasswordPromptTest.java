package net.backup.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which keyboard-interactive questions get the password: keyboard_interactive.password_prompt. */
class LoginPasswordPromptTest {
    private static final String MINIMAL = "name: acme\nprompt: 'acme[>#] ?'\nbackup: [show config]\n";

    @TempDir
    Path dir;

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"Password: ", "Password:", "password", "ntc@10.0.0.1's password: ", "(ntc@csr1) Password: ",
        "Password for ntc@csr1: ", "Enter password:"})
    void everyBuiltInPlatformAnswersPasswordQuestions(String prompt) {
        for (String name : Platforms.builtIn().names()) {
            Platform platform = Platforms.builtIn().find(name).orElseThrow();
            assertThat(platform.loginPasswordPrompt().matcher(prompt).matches()).as(name).isTrue();
        }
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"One-time password (from your token): ", "Verification code:", "New password: ",
        "Enter PASSCODE:", "Password change required. New password:", "Duo two-factor login for ntc\n\nPasscode or option (1-3): ",
        "Retype new password:", "Username:"})
    void noBuiltInPlatformGivesThePasswordToAnyOtherQuestion(String prompt) {
        for (String name : Platforms.builtIn().names()) {
            Platform platform = Platforms.builtIn().find(name).orElseThrow();
            assertThat(platform.loginPasswordPrompt().matcher(prompt).matches()).as(name).isFalse();
        }
    }

    @Test
    void aPlatformFileMaySetItsOwnPasswordQuestion() throws IOException {
        Path file = Files.writeString(dir.resolve("acme.yaml"),
                MINIMAL + "keyboard_interactive: {password_prompt: 'Secret word: ?'}\n");

        Platform acme = PlatformFile.read(file).platform();

        assertThat(acme.loginPasswordPrompt().matcher("Secret word: ").matches()).isTrue();
        assertThat(acme.loginPasswordPrompt().matcher("Password: ").matches()).isFalse();
    }

    @Test
    void aMistakeInTheSectionIsNamed() throws IOException {
        Path file = Files.writeString(dir.resolve("acme.yaml"), MINIMAL + "keyboard_interactive: {pasword_prompt: 'x'}\n");

        assertThatThrownBy(() -> PlatformFile.read(file)).isInstanceOf(PlatformException.class)
                .hasMessageContaining("keyboard_interactive.pasword_prompt: unknown key (did you mean 'password_prompt'?)");
    }
}
