package net.backup.report;

import java.util.ArrayList;
import java.util.List;
import net.backup.run.DeviceResult;
import net.backup.run.DeviceResult.Status;
import net.backup.run.RunOutcome;

/** The commit a run makes: {@code backup: 2 changed, 1 new, 1 failed}, then one line per changed or new device. */
public final class HistoryMessage {
    private HistoryMessage() {
    }

    public static String subject(RunOutcome outcome) {
        var parts = new ArrayList<String>();
        for (Status status : List.of(Status.CHANGED, Status.NEW, Status.FAILED)) {
            long count = ConsoleReport.count(outcome.results(), status);
            if (count > 0) {
                parts.add(count + " " + status.name().toLowerCase(java.util.Locale.ROOT));
            }
        }
        return "backup: " + String.join(", ", parts);
    }

    public static List<String> body(RunOutcome outcome) {
        return outcome.results().stream().filter(HistoryMessage::isWritten)
                .map(r -> r.name() + ": " + r.status().name().toLowerCase(java.util.Locale.ROOT))
                .toList();
    }

    /** The files a run wrote: only these go into its commit. */
    public static List<String> writtenFiles(RunOutcome outcome) {
        return outcome.results().stream().filter(HistoryMessage::isWritten).map(r -> r.name() + ".cfg").toList();
    }

    private static boolean isWritten(DeviceResult result) {
        return result.status() == Status.NEW || result.status() == Status.CHANGED;
    }
}
