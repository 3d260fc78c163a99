package net.backup.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * {@code backup} in a process of its own, as cron runs it: for what only a real process shows (signals,
 * exit codes from {@code System.exit}, everything the logging prints with {@code --verbose}).
 */
public final class BackupProcess implements AutoCloseable {
    private final Process process;
    private final List<String> out = new ArrayList<>();
    private final List<String> err = new ArrayList<>();
    private final CompletableFuture<Void> outDone;
    private final CompletableFuture<Void> errDone;

    private BackupProcess(Process process) {
        this.process = process;
        this.outDone = CompletableFuture.runAsync(() -> collect(process.getInputStream(), out));
        this.errDone = CompletableFuture.runAsync(() -> collect(process.getErrorStream(), err));
    }

    public static BackupProcess start(Path workDir, String... args) throws IOException {
        return start(workDir, List.of(), args);
    }

    /** @param jvmOptions given to {@code java} before the class path, such as {@code -Xmx256m} */
    public static BackupProcess start(Path workDir, List<String> jvmOptions, String... args) throws IOException {
        return new BackupProcess(builder(workDir, jvmOptions, args).start());
    }

    /**
     * With {@code home} for the user's home ({@code user.home}) and no {@code XDG_CONFIG_HOME}, so that what the
     * tool and its libraries keep under the home (JGit's {@code ~/.config/jgit/config}) is the test's.
     */
    public static BackupProcess startAtHome(Path workDir, Path home, String... args) throws IOException {
        ProcessBuilder builder = builder(workDir, List.of("-Duser.home=" + home), args);
        builder.environment().remove("XDG_CONFIG_HOME");
        return new BackupProcess(builder.start());
    }

    /**
     * Under a file size limit of {@code blocks} of 512 bytes ({@code ulimit -f} of POSIX sh): a write past it fails
     * with EFBIG, as on a full disk (the JVM ignores SIGXFSZ), and only for this process.
     */
    public static BackupProcess startUnderFileSizeLimit(Path workDir, int blocks, String... args) throws IOException {
        List<String> command = builder(workDir, List.of(), args).command();
        var limited = new ArrayList<>(List.of("sh", "-c", "ulimit -f " + blocks + " && exec \"$@\"", "sh"));
        limited.addAll(command);
        return new BackupProcess(new ProcessBuilder(limited).directory(workDir.toFile()).start());
    }

    private static ProcessBuilder builder(Path workDir, List<String> jvmOptions, String... args) {
        var command = new ArrayList<String>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "net.backup.cli.Main"));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).directory(workDir.toFile());
    }

    /** Waits (at most {@code limit}) until a printed line satisfies {@code condition}; false if it never does. */
    public boolean awaitLine(Predicate<String> condition, Duration limit) throws InterruptedException {
        return await(out, outDone, condition, limit);
    }

    /** The same for a line on stderr. */
    public boolean awaitErrLine(Predicate<String> condition, Duration limit) throws InterruptedException {
        return await(err, errDone, condition, limit);
    }

    private boolean await(List<String> lines, CompletableFuture<Void> done, Predicate<String> condition, Duration limit)
            throws InterruptedException {
        long until = System.nanoTime() + limit.toNanos();
        synchronized (lines) {
            while (lines.stream().noneMatch(condition)) {
                long left = until - System.nanoTime();
                if (left <= 0 || !process.isAlive() && done.isDone()) {
                    return lines.stream().anyMatch(condition);
                }
                lines.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            }
            return true;
        }
    }

    public void signal(String name) throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-" + name, String.valueOf(process.pid())).start().waitFor();
    }

    /** Waits for the exit code; the process is killed if it takes longer than {@code limit}. */
    public int waitFor(Duration limit) throws InterruptedException {
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("backup did not end within " + limit + "; it printed:\n" + out());
        }
        outDone.join();
        return process.exitValue();
    }

    public String out() {
        synchronized (out) {
            return String.join("\n", out);
        }
    }

    /** All of stderr, once the process has ended (each line with its newline). */
    public String err() {
        errDone.join();
        synchronized (err) {
            return err.stream().map(line -> line + "\n").collect(java.util.stream.Collectors.joining());
        }
    }

    private static void collect(java.io.InputStream stream, List<String> lines) {
        try (var reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                synchronized (lines) {
                    lines.add(line);
                    lines.notifyAll();
                }
            }
        } catch (IOException ignored) {
            // The process ended.
        } finally {
            synchronized (lines) {
                lines.notifyAll();
            }
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
