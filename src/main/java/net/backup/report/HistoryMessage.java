package net.backup.report;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import net.backup.run.DeviceResult;
import net.backup.run.DeviceResult.Status;
import net.backup.run.RunOutcome;
import net.backup.store.OutputFiles;

/**
 * The commit a run makes: {@code backup: 2 changed, 1 new, 1 failed}, then one line per device whose file it
 * commits, and one per device that failed. A file an earlier run stored but never committed (it was killed, the disk
 * was full) is committed by the device's next successful run and counted as {@code caught up}.
 */
public record HistoryMessage(String subject, List<String> body) {

    /** @param committedFiles the device files the commit holds ({@code <name>.cfg}) */
    public static HistoryMessage of(RunOutcome outcome, List<String> committedFiles) {
        Set<String> committed = new HashSet<>(committedFiles);
        var parts = new ArrayList<String>();
        for (Status status : List.of(Status.CHANGED, Status.NEW, Status.FAILED)) {
            long count = ConsoleReport.count(outcome.results(), status);
            if (count > 0) {
                parts.add(count + " " + status.name().toLowerCase(Locale.ROOT));
            }
        }
        var body = new ArrayList<String>();
        int caughtUp = 0;
        for (DeviceResult result : outcome.results()) {
            if (!committed.contains(fileOf(result))) {
                continue;
            }
            if (isWritten(result)) {
                body.add(result.name() + ": " + result.status().name().toLowerCase(Locale.ROOT));
            } else {
                body.add(result.name() + ": stored by an earlier run that did not commit it");
                caughtUp++;
            }
        }
        if (caughtUp > 0) {
            parts.add(caughtUp + " caught up");
        }
        // The failed ones by name and cause (not their error, which may quote the device): "1 failed" named no one,
        // and a month later the history could not say since when a device had not been backed up (probe M).
        for (DeviceResult result : outcome.results()) {
            if (result.status() == Status.FAILED) {
                body.add(result.name() + ": failed (" + result.cause().map(cause -> cause.name().toLowerCase(Locale.ROOT)
                        .replace('_', ' ')).orElse("unknown") + ")");
            }
        }
        return new HistoryMessage("backup: " + String.join(", ", parts), List.copyOf(body));
    }

    /**
     * The files of the devices backed up in this run, each to be committed if it differs from the last commit.
     * A failed device's file is left out: what it holds was not confirmed by this run (a failed device never
     * commits anything), and it is caught up by the device's next successful run.
     */
    public static List<String> deviceFiles(RunOutcome outcome) {
        return outcome.results().stream().filter(DeviceResult::succeeded).map(HistoryMessage::fileOf).toList();
    }

    /** The files this run wrote (its devices NEW or CHANGED against the file before it). */
    public static List<String> writtenFiles(RunOutcome outcome) {
        return outcome.results().stream().filter(HistoryMessage::isWritten).map(HistoryMessage::fileOf).toList();
    }

    /** The files of the devices that failed in this run. */
    public static List<String> failedDeviceFiles(RunOutcome outcome) {
        return outcome.results().stream().filter(result -> !result.succeeded()).map(HistoryMessage::fileOf).toList();
    }

    /** {@code a.cfg, b.cfg and 3 more}: a few files by name. */
    public static String listed(List<String> files) {
        String named = String.join(", ", files.subList(0, Math.min(3, files.size())));
        return files.size() > 3 ? named + " and " + (files.size() - 3) + " more" : named;
    }

    public String full() {
        return subject + (body.isEmpty() ? "" : "\n\n" + String.join("\n", body)) + "\n";
    }

    private static String fileOf(DeviceResult result) {
        return OutputFiles.configOf(result.name());
    }

    private static boolean isWritten(DeviceResult result) {
        return result.status() == Status.NEW || result.status() == Status.CHANGED;
    }
}
