package net.backup.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Supplier;
import net.backup.files.FileErrors;
import net.backup.inventory.Device;
import net.backup.report.ConsoleReport;
import net.backup.report.HistoryMessage;
import net.backup.report.JsonReport;
import net.backup.report.TerminalText;
import net.backup.run.FleetBackup;
import net.backup.run.RunOutcome;
import net.backup.session.KnownHosts;
import net.backup.store.CommitAuthor;
import net.backup.store.ConfigHistory;
import net.backup.store.ConfigStore;
import net.backup.store.OutputLock;
import net.backup.store.Redactor;
import net.backup.store.UnsafeFileException;

/**
 * Backups into an output directory as {@code backup} and {@code backup demo} both make them: the directory's
 * lock held throughout, the history opened under it, Ctrl-C and SIGTERM turned into a clean stop, a line per
 * device and the summary, then the history commit and the JSON report. The commands parse their options
 * and hand what they mean to this.
 */
final class OutputRun {
    private final ConfigStore store;
    private final Optional<ConfigHistory> history;
    private final PrintWriter out;
    private final PrintWriter err;
    /** Caught from the first run of devices until the directory is let go. */
    private StopSignals signals;

    private OutputRun(ConfigStore store, Optional<ConfigHistory> history, PrintWriter out, PrintWriter err) {
        this.store = store;
        this.history = history;
        this.out = out;
        this.err = err;
    }

    /** What is done while the directory is held. */
    @FunctionalInterface
    interface Body {
        /** @return the exit code */
        int run(OutputRun output) throws IOException;
    }

    /** A run's results, and the exit code of the signal that stopped it, if one did. */
    record Finished(RunOutcome outcome, OptionalInt signalExitCode) {
    }

    /**
     * Opens (or creates) the output directory, takes its lock, opens its history unless {@code withHistory} is
     * false, and runs {@code body}; everything is let go when it returns.
     *
     * @return the body's exit code; {@link ExitCodes#LOCKED} when another run holds the directory,
     *         {@link ExitCodes#USAGE} when a planted file stands in the way (said on stderr)
     */
    static int hold(Path outputDir, boolean withHistory, PrintWriter out, PrintWriter err, Body body) throws IOException {
        ConfigStore store = openStore(outputDir);
        OutputRun run = null;
        try (OutputLock lock = lock(store); ConfigHistory history = withHistory ? openHistory(store, err) : null) {
            run = new OutputRun(store, Optional.ofNullable(history), out, err);
            return body.run(run);
        } catch (OutputLock.LockedException e) {
            printError(err, e.getMessage());
            return ExitCodes.LOCKED;
        } catch (UnsafeFileException | Redactor.UnusableKeyException e) {
            printError(err, e.getMessage());
            return ExitCodes.USAGE;
        } finally {
            if (run != null && run.signals != null) {
                run.signals.close();
            }
        }
    }

    /** The output directory, by the real path its checks were made on. */
    Path directory() {
        return store.directory();
    }

    /** The backup of devices into this directory, checking host keys against {@code knownHosts}. */
    FleetBackup fleet(KnownHosts knownHosts, Duration firstRetryDelay) {
        return new FleetBackup(knownHosts, store, firstRetryDelay);
    }

    /** The same, holding at most {@code outputBudget} bytes of device output in memory at once. */
    FleetBackup fleet(KnownHosts knownHosts, Duration firstRetryDelay, long outputBudget) {
        return new FleetBackup(knownHosts, store, firstRetryDelay, outputBudget);
    }

    /**
     * One run: a line per device as it finishes, then the summary; a first Ctrl-C, SIGTERM or SIGHUP stops it
     * cleanly. The signals stay caught until the directory is let go: one after the last device lets the history
     * commit and the report finish ({@link #stoppedBy}).
     */
    Finished backUp(FleetBackup fleet, List<Device> devices, int workers, Optional<Duration> deadline) throws IOException {
        var console = new ConsoleReport(out, devices.stream().map(Device::name).toList());
        if (signals == null) {
            signals = StopSignals.install(fleet::stop);
        } else {
            signals.devicesRunning(fleet::stop);
        }
        RunOutcome outcome = fleet.run(devices, workers, deadline, console);
        OptionalInt signal = stoppedBy();
        signals.finishing();
        console.summary(outcome);
        return new Finished(outcome, signal);
    }

    /** The exit code of the signal that stopped the run, if one came (130, 143, 129), however late. */
    OptionalInt stoppedBy() {
        return signals != null && signals.stopped() ? OptionalInt.of(signals.exitCode()) : OptionalInt.empty();
    }

    /**
     * One commit of every device file that differs from the last commit (this run's changes, and what an
     * earlier run stored but could not commit), or none; nothing without a history.
     *
     * @return false when the commit failed (said on stderr)
     */
    boolean record(RunOutcome outcome, Supplier<CommitAuthor> author) {
        if (history.isEmpty()) {
            return true;
        }
        try {
            List<String> pending = history.get().pending(HistoryMessage.deviceFiles(outcome));
            HistoryMessage message = HistoryMessage.of(outcome, pending);
            history.get().commit(pending, message.full(), author.get())
                    .ifPresentOrElse(commit -> out.println("History: " + commit.substring(0, 7) + " " + message.subject()),
                            () -> out.println("History: nothing changed, no commit"));
            sayWhatTheCommitLeftOut(outcome, pending);
            return true;
        } catch (IOException e) {
            printError(err, FileErrors.describe(e) + "; the backups are stored and the next run commits them");
            return false;
        } finally {
            out.flush();
        }
    }

    /**
     * The device files that differ from the history after the commit, or did before it, without being in it: probe M
     * read "1 changed" beside "nothing changed", and "nothing changed" while diff and log showed an older version
     * than the file.
     *
     * @param committed the files the commit took
     */
    private void sayWhatTheCommitLeftOut(RunOutcome outcome, List<String> committed) throws IOException {
        List<String> restored = HistoryMessage.writtenFiles(outcome).stream().filter(file -> !committed.contains(file)).toList();
        if (!restored.isEmpty()) {
            // Stored as changed against the file, yet the same as the last commit: the file had been edited.
            out.println("History: " + HistoryMessage.listed(restored) + (restored.size() == 1 ? " was" : " were")
                    + " not as last committed (edited by hand?); the device's configuration, the same as that commit,"
                    + " replaced " + (restored.size() == 1 ? "it" : "them"));
        }
        List<String> waiting = history.orElseThrow().pending(HistoryMessage.failedDeviceFiles(outcome));
        if (!waiting.isEmpty()) {
            // Not committed: what a failed device's file holds was not confirmed by this run, and may be a hand edit.
            out.println("History: " + HistoryMessage.listed(waiting) + " differ" + (waiting.size() == 1 ? "s" : "")
                    + " from the last commit (stored by an earlier run that could not commit, or edited by hand),"
                    + " and " + (waiting.size() == 1 ? "its device" : "their devices") + " failed: committed when backed"
                    + " up again");
        }
    }

    /** @return false when the report could not be written (said on stderr) */
    boolean report(Path file, RunOutcome outcome, Instant started) {
        try {
            JsonReport.write(file, outcome, started, Instant.now());
            return true;
        } catch (IOException e) {
            printError(err, "cannot write the report " + file + ": " + FileErrors.describe(e));
            return false;
        }
    }

    /** One line on stderr; it may quote a device or a file, so control characters are shown escaped. */
    static void printError(PrintWriter err, String message) {
        err.println("backup: " + TerminalText.escape(message));
        err.flush();
    }

    private static ConfigStore openStore(Path outputDir) {
        try {
            return ConfigStore.open(outputDir);
        } catch (IOException e) {
            throw new FailureHandler.UsageException("--output-dir " + outputDir + ": " + FileErrors.describe(e));
        }
    }

    /**
     * The directory's lock. One that cannot be taken for another reason than another run holding it or a file planted
     * in its place (a lock file another user's run left, a full disk) is said as the directory's error, exit 2: no
     * device was contacted.
     */
    private static OutputLock lock(ConfigStore store) throws IOException {
        try {
            return store.lock();
        } catch (OutputLock.LockedException | UnsafeFileException e) {
            throw e;
        } catch (IOException e) {
            throw new FailureHandler.UsageException("--output-dir " + store.directory() + ": cannot take its lock: "
                    + FileErrors.describe(e));
        }
    }

    private static ConfigHistory openHistory(ConfigStore store, PrintWriter err) {
        try {
            ConfigHistory history = ConfigHistory.open(store.directory());
            history.warnings().forEach(warning -> printError(err, "warning: " + warning));
            return history;
        } catch (IOException e) {
            // JGit calls a history it cannot read "not found": the likely reason is a run as root before.
            String why = store.historyDeniedBecause().orElse(FileErrors.describe(e) + " (or run with --no-history)");
            throw new FailureHandler.UsageException("cannot use the history in " + store.directory() + ": " + why);
        }
    }
}
