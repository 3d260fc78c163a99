package net.backup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.regex.Pattern;
import net.backup.lab.Lab;
import net.backup.lab.LabSettings;
import net.backup.testing.BackupProcess;
import net.backup.testing.LabRun;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * JGit measures the file system's timestamp resolution once (over three seconds) and keeps it in its own config,
 * {@code ~/.config/jgit/config}; a later run reads it back there instead of measuring again. Each run is a process
 * of its own, since JGit also keeps what it measured in memory for the rest of the JVM.
 */
class TimestampResolutionCacheTest {
    @TempDir
    Path dir;

    private Path history() throws Exception {
        Path output = Files.createDirectories(dir.resolve("configs"));
        Files.writeString(output.resolve("csr1.cfg"), "hostname csr1\n!\nend\n");
        try (Git git = Git.init().setDirectory(output.toFile()).setInitialBranch("main").call()) {
            git.add().addFilepattern("csr1.cfg").call();
            git.commit().setMessage("backup: 1 new").setAuthor("backup", "backup@example.net")
                    .setCommitter("backup", "backup@example.net").call();
        }
        return output;
    }

    private void log(Path home, Path output) throws Exception {
        try (var log = BackupProcess.startAtHome(dir, home, "log", "csr1", "--output-dir", output.toString())) {
            assertThat(log.waitFor(Duration.ofSeconds(60))).as(log.err()).isZero();
            assertThat(log.out()).contains("backup: 1 new");
        }
    }

    @Test
    void aSecondRunReadsTheSavedTimestampResolutionAndLeavesJGitsConfigAsItWas() throws Exception {
        Path output = history();
        Path home = Files.createDirectories(dir.resolve("home"));
        Path jgitConfig = home.resolve(".config/jgit/config");

        log(home, output);
        assertThat(jgitConfig).as("the first run measured and saved").content().contains("timestampResolution");
        String saved = Files.readString(jgitConfig);
        FileTime savedAt = Files.getLastModifiedTime(jgitConfig);

        log(home, output);

        assertThat(jgitConfig).as("measured again and rewritten").hasContent(saved);
        assertThat(Files.getLastModifiedTime(jgitConfig)).as("rewritten").isEqualTo(savedAt);
    }

    @Test
    void aMalformedJGitConfigLeavesTheLogWorkingAndTheFileAsItWas() throws Exception {
        Path output = history();
        Path home = Files.createDirectories(dir.resolve("home"));
        Path jgitConfig = Files.createDirectories(home.resolve(".config/jgit")).resolve("config");
        Files.writeString(jgitConfig, "[bad\n");

        log(home, output);

        assertThat(jgitConfig).hasContent("[bad\n");
    }

    /**
     * A service account whose home does not exist and cannot be made: JGit cannot keep what it measures, and
     * every run waited about four seconds for it to measure again. Now the run goes on at once with JGit's
     * coarse fallback (which JGit logs, with --verbose, from the thread that would have waited) while the
     * measurement runs beside it.
     */
    @Test
    void aRunWhoseHomeCannotBeMadeGoesOnWithTheFallbackInsteadOfWaitingForTheMeasurement() throws Exception {
        Path home = Files.writeString(dir.resolve("not-a-folder"), "").resolve("home");
        try (LabRun run = new LabRun(Lab.start(Lab.healthyFleet("csr", 1), LabSettings.defaults()), dir);
                var backup = BackupProcess.startAtHome(dir, home, "--inventory", run.inventory().toString(), "--output-dir",
                        run.output().toString(), "--known-hosts", run.knownHosts().toString(), "--verbose")) {
            assertThat(backup.waitFor(Duration.ofSeconds(60))).as(backup.err()).isZero();
            assertThat(backup.out()).contains("History: ");
            assertThat(backup.err()).containsPattern("\\[main\\] DEBUG FS - .*use fallback timestamp resolution for directory "
                    + Pattern.quote(run.output().resolve(".git").toString()));
            assertThat(backup.err()).as("the logging could not print a config of ours").doesNotContain("SLF4J(E)");
        }
    }
}
