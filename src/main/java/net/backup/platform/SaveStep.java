package net.backup.platform;

import java.util.List;

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
}
