package net.backup.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An earlier build of backup to measure against, made as its own checkout would make it: the commit's files
 * from git, built and started by that commit's own launcher (JVM options included), so that "before" is
 * what a user of that version ran.
 */
public final class BaselineBuild {
    private static final long BUILD_LIMIT_MINUTES = 15;

    private BaselineBuild() {
    }

    /**
     * @param repository a git checkout of backup
     * @param ref        a commit, tag or branch of it
     * @throws IOException saying which step failed
     */
    public static Benchmark.Baseline checkOut(Path repository, String ref, Path work, PrintWriter progress) throws IOException {
        String commit = run(List.of("git", "-C", repository.toString(), "rev-parse", "--short", ref + "^{commit}"), repository)
                .strip();
        Path source = Files.createDirectories(work.resolve("baseline-" + commit));
        Path tar = work.resolve("baseline-" + commit + ".tar");
        run(List.of("git", "-C", repository.toString(), "archive", "--format=tar", "-o", tar.toString(), commit), repository);
        run(List.of("tar", "-xf", tar.toString(), "-C", source.toString()), repository);
        Files.delete(tar);
        Path launcher = source.resolve("backup");
        if (!Files.isExecutable(launcher)) {
            throw new IOException("commit " + commit + " has no ./backup launcher to run it with");
        }
        progress.println("baseline " + commit + ": building it with its own launcher in " + source);
        progress.flush();
        // Its launcher builds its jar on first use; --version makes that happen before anything is timed.
        run(List.of(launcher.toString(), "--version"), source);
        return new Benchmark.Baseline("baseline " + commit, List.of(launcher.toString()));
    }

    private static String run(List<String> command, Path directory) throws IOException {
        // Output to a file, not a pipe: reading a pipe to its end would wait for a hung build past any limit.
        Path log = Files.createTempFile("backup-baseline-", ".log");
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        try {
            if (!process.waitFor(BUILD_LIMIT_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", command) + ": did not finish in " + BUILD_LIMIT_MINUTES + " minutes");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        String text = Files.readString(log, StandardCharsets.UTF_8);
        Files.delete(log);
        if (process.exitValue() != 0) {
            String last = text.strip().lines().reduce((a, b) -> b).orElse("");
            throw new IOException(String.join(" ", command) + " failed (exit " + process.exitValue() + "): " + last);
        }
        return text;
    }
}
