package net.backup.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import net.backup.lab.Lab;
import net.backup.lab.LabSettings;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code backup train-startup} (hidden): one real backup of one simulated device, in-process, with the history
 * and a JSON report, so that the launcher can record which classes a run loads. The launcher runs it once per
 * build with the JVM writing a class-data archive (AppCDS on Java 17 to 24, the AOT cache on Java 25 and
 * later) and starts every later run from that archive. What it prints is nobody's business; it succeeds or
 * it does not.
 */
@Command(name = "train-startup", hidden = true,
        description = "Backs up one simulated device in-process, for the launcher's class-data archive.")
final class TrainCommand implements Callable<Integer> {
    @Override
    public Integer call() throws IOException {
        Path work = Files.createTempDirectory("backup-train-");
        try (Lab lab = Lab.start(Lab.healthyFleet("train", 1), LabSettings.defaults().withLatency(Duration.ZERO, Duration.ZERO))) {
            Path inventory = work.resolve("inventory.yaml");
            lab.writeInventory(inventory);
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
            try (Stream<Path> paths = Files.walk(work)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            }
        }
    }
}
