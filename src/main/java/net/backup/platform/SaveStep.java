package net.backup.platform;

import java.util.List;
import java.util.regex.Pattern;

/**
 * One command that saves the configuration, with the questions it may ask on the way
 * ({@code Destination filename [startup-config]?}, {@code [confirm]}) and what to answer.
 */
public record SaveStep(String command, List<Answer> answers) {
    public SaveStep {
        answers = List.copyOf(answers);
    }

    public static SaveStep of(String command) {
        return new SaveStep(command, List.of());
    }

    /**
     * @param question matches the whole last line while the device waits
     * @param reply    typed, followed by Enter (an empty reply is just Enter)
     */
    public record Answer(Pattern question, String reply) {
    }
}
