package net.backup.platform;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What one kind of device needs, declared as data: the session engine reads it and knows nothing about
 * any vendor.
 *
 * @param name                   the value of {@code platform:} in the inventory
 * @param prompt                 matches a whole prompt line ({@code csr1#}); the exact prompt is learned at login
 * @param userPrompt             found at the end of an unprivileged prompt ({@code >}), so {@link #enableCommand}
 *                               is sent; empty where the platform has no user mode
 * @param privilegedPrompt       found at the end of a privileged prompt ({@code #}); enable succeeded only if the
 *                               new prompt has it (when given)
 * @param enableCommand          raises privilege
 * @param passwordPrompt         matches the device asking for the enable secret
 * @param loginPasswordPrompt    matches a keyboard-interactive login prompt that asks for the password; any other
 *                               question (a one-time code) gets an empty answer, never the password
 * @param saveCommands           run first, to save the running configuration ({@code wr mem}), answering its questions
 * @param setupCommands          run after saving, before the backup; a rejection is tolerated (pager off)
 * @param backupCommands         their output, in order, is the backup
 * @param pagerPrompt            matches a whole pager line ({@code --More--}) that is answered with a space
 * @param errorLines             matches a line of CLI error output ({@code % Invalid input ...})
 * @param volatileLines          matches whole lines dropped before storing and comparing: they change without
 *                               the configuration changing (timestamps, byte counts), and the messages below
 * @param messageLines           matches the lines of a message the device prints into any output at any moment
 *                               (a log message under {@code terminal monitor}, a broadcast to logged-in users):
 *                               dropped too, but one may have cut a configuration line in two, so an output that
 *                               holds one is fetched again
 * @param secrets                where secrets sit in a configuration, for {@code --redact}
 * @param completeLastLine       the last non-empty line of a complete configuration matches it, if present
 * @param braces                 a configuration is a tree in braces (JunOS): one whose braces do not pair up,
 *                               outside quoted strings and comments, was cut short
 * @param exitCommand            sent to leave
 * @param echo                   whether the device echoes what is typed; a reply is then taken from after the
 *                               echo of its command, and anything before that echo is dropped
 * @param loginAnswers           questions before the first prompt ({@code Press any key to continue}) and their answers
 * @param pipeline               setup and backup commands may be typed in one go, their replies told apart by
 *                               the echoes (one round trip instead of one per command); needs echo
 * @param declaredTextBlocks     the free text a configuration may hold (banners, macros), whose lines are the
 *                               operator's: never an error, a pager prompt or the end of the output. Empty where
 *                               the file does not say (then the end marker alone never ends an output: free text
 *                               may hold it); an empty list where it says there is none
 */
public record Platform(
        String name,
        String description,
        Pattern prompt,
        Optional<Pattern> userPrompt,
        Optional<Pattern> privilegedPrompt,
        String enableCommand,
        Pattern passwordPrompt,
        Pattern loginPasswordPrompt,
        List<SaveStep> saveCommands,
        List<String> setupCommands,
        List<String> backupCommands,
        Pattern pagerPrompt,
        Pattern errorLines,
        Pattern volatileLines,
        Pattern messageLines,
        List<SecretRule> secrets,
        Optional<Pattern> completeLastLine,
        boolean braces,
        String exitCommand,
        boolean echo,
        List<Answer> loginAnswers,
        boolean pipeline,
        Optional<List<TextBlock>> declaredTextBlocks) {

    public Platform {
        loginAnswers = List.copyOf(loginAnswers);
        saveCommands = List.copyOf(saveCommands);
        setupCommands = List.copyOf(setupCommands);
        backupCommands = List.copyOf(backupCommands);
        secrets = List.copyOf(secrets);
        declaredTextBlocks = declaredTextBlocks.map(List::copyOf);
    }

    /** The free text the platform declares; none where it does not say. */
    public List<TextBlock> textBlocks() {
        return declaredTextBlocks.orElse(List.of());
    }

    /** A platform without a user mode never needs enable. */
    public boolean isUserMode(String prompt) {
        return userPrompt.isPresent() && endsWith(userPrompt.get(), prompt);
    }

    /** True where the platform says nothing about privileged prompts, or this prompt is one. */
    public boolean isPrivileged(String prompt) {
        return !isUserMode(prompt) && privilegedPrompt.map(p -> endsWith(p, prompt)).orElse(true);
    }

    /** A suffix ({@code >}) or a regex ({@code \(enable\)#}) found at the very end of the prompt. */
    private static boolean endsWith(Pattern pattern, String prompt) {
        String line = prompt.stripTrailing();
        var m = pattern.matcher(line);
        while (m.find()) {
            if (m.end() == line.length()) {
                return true;
            }
        }
        return false;
    }
}
