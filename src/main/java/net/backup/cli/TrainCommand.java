package net.backup.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Timer;
import java.util.TimerTask;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code backup train-startup} (hidden): one real backup of one simulated device, with the history and a JSON
 * report, so that the launcher can record which classes a run loads. The launcher runs it once per build, with
 * the JVM writing the AOT cache (Java 25 and later) or the list of classes loaded, from which a second JVM dumps
 * a static AppCDS archive (Java 17 to 24), and starts every later run from that archive. The simulated device
 * runs in a process of its own: in this one, the lab's SSH server and its cryptography would go into the
 * archive too, and a larger archive makes every start slower (even {@code --version}). What it prints is
 * nobody's business; it succeeds or it does not.
 */
@Command(name = "train-startup", hidden = true,
        description = "Backs up one simulated device (a lab in a child process), for the launcher's class-data archive.")
final class TrainCommand implements Callable<Integer> {
    private static final long LAB_START_SECONDS = 60;

    @Override
    public Integer call() throws IOException, InterruptedException {
        Path work = Files.createTempDirectory("backup-train-");
        var labs = new CopyOnWriteArrayList<Process>();
        // Ended by a signal (the launcher's timeout, a kill), the training takes its lab and files with it.
        Thread cleanUp = new Thread(() -> stop(labs, work), "train-clean-up");
        Runtime.getRuntime().addShutdownHook(cleanUp);
        try {
            Path inventory = work.resolve("inventory.yaml");
            startLab(work, inventory, labs);
            var quiet = new PrintWriter(Writer.nullWriter());
            CommandLine backup = BackupCommand.commandLine();
            backup.setOut(quiet);
            backup.setErr(quiet);
            // As a user runs it, history and report included; a second run takes the "unchanged" path.
            String[] args = {"--inventory", inventory.toString(), "--output-dir", work.resolve("configs").toString(),
                "--known-hosts", work.resolve("known_hosts").toString(), "--report", work.resolve("report.json").toString()};
            int first = backup.execute(args);
            int second = backup.execute(args);
            return first == ExitCodes.OK && second == ExitCodes.OK ? ExitCodes.OK : ExitCodes.SOME_FAILED;
        } finally {
            stop(labs, work);
            Runtime.getRuntime().removeShutdownHook(cleanUp);
        }
    }

    private static void stop(List<Process> labs, Path work) {
        for (Process lab : labs) {
            lab.destroy();
            try {
                lab.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try (Stream<Path> paths = Files.walk(work)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException | UncheckedIOException e) {
            // A temporary folder the system cleans up: nothing to report for a training run.
        }
    }

    /**
     * {@code backup lab} with one device, in a JVM of its own; returns once it serves. It stops by itself after
     * two minutes, whatever happens to this process.
     */
    private static void startLab(Path work, Path inventory, List<Process> labs) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = List.of(java, "-XX:+UseSerialGC", "-jar", ownJar().toString(), "lab", "--devices", "1",
                "--latency", "0ms", "--write-inventory", inventory.toString(), "--host-key", work.resolve("lab-key").toString(),
                "--stop-after", "2m");
        Process lab = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        labs.add(lab);
        // A lab that neither serves nor ends is ended, which ends the wait for its line.
        var timer = new Timer("lab-start-deadline", true);
        timer.schedule(new TimerTask() {
            @Override
            public void run() {
                lab.destroyForcibly();
            }
        }, TimeUnit.SECONDS.toMillis(LAB_START_SECONDS));
        var out = new BufferedReader(new InputStreamReader(lab.getInputStream(), StandardCharsets.UTF_8));
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.startsWith("back it up:")) {
                timer.cancel();
                Thread drain = new Thread(() -> out.lines().forEach(ignored -> { }), "lab-output");
                drain.setDaemon(true);
                drain.start();
                return;
            }
        }
        timer.cancel();
        lab.destroyForcibly();
        throw new IOException("the lab did not start");
    }

    private static Path ownJar() {
        try {
            return Path.of(TrainCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
