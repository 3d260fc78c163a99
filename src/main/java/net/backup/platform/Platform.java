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
 * @param userModeSuffix         a prompt ending with this is unprivileged, so {@link #enableCommand} is sent
 * @param enableCommand          raises privilege
 * @param passwordPrompt         matches the device asking for the enable secret
 * @param saveCommands           run first, to save the running configuration ({@code wr mem}), answering its questions
 * @param setupCommands          run after saving, before the backup; a rejection is tolerated (pager off)
 * @param backupCommands         their output, in order, is the backup
 * @param pagerPrompt            matches a whole pager line ({@code --More--}) that is answered with a space
 * @param errorLines             matches a line of CLI error output ({@code % Invalid input ...})
 * @param volatileLines          matches whole lines dropped before storing and comparing: they change without
 *                               the configuration changing (timestamps, byte counts)
 * @param secrets                where secrets sit in a configuration, for {@code --redact}
 * @param completeLastLine       the last non-empty line of a complete configuration matches it, if present
 * @param exitCommand            sent to leave
 */
public record Platform(
        String name,
        String description,
        Pattern prompt,
        String userModeSuffix,
        String enableCommand,
        Pattern passwordPrompt,
        List<SaveStep> saveCommands,
        List<String> setupCommands,
        List<String> backupCommands,
        Pattern pagerPrompt,
        Pattern errorLines,
        Pattern volatileLines,
        List<SecretRule> secrets,
        Optional<Pattern> completeLastLine,
        String exitCommand) {

    public Platform {
        saveCommands = List.copyOf(saveCommands);
        setupCommands = List.copyOf(setupCommands);
        backupCommands = List.copyOf(backupCommands);
        secrets = List.copyOf(secrets);
    }

    /** A platform without a user mode (an empty suffix) never needs enable. */
    public boolean isUserMode(String prompt) {
        return !userModeSuffix.isEmpty() && prompt.stripTrailing().endsWith(userModeSuffix);
    }
}
