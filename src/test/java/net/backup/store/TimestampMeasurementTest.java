package net.backup.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where JGit can keep the timestamp resolution it measured, it is waited for once; elsewhere never. */
class TimestampMeasurementTest {
    @TempDir
    Path dir;

    @Test
    void aConfigInAnExistingFolderCanBeKept() throws IOException {
        Path jgit = Files.createDirectories(dir.resolve("home/.config/jgit"));

        assertThat(TimestampMeasurement.canBeKept(jgit.resolve("config"))).isTrue();
    }

    @Test
    void aHomeThatDoesNotExistYetIsMadeByJGitSoItCanBeKept() {
        assertThat(TimestampMeasurement.canBeKept(dir.resolve("new-home/.config/jgit/config"))).isTrue();
    }

    /** As a service account's home under a file, or anywhere it cannot be made: every run measured again. */
    @Test
    void aHomeThatCannotBeMadeCannotKeepIt() throws IOException {
        Path file = Files.writeString(dir.resolve("not-a-folder"), "");

        assertThat(TimestampMeasurement.canBeKept(file.resolve("home/.config/jgit/config"))).isFalse();
    }
}
