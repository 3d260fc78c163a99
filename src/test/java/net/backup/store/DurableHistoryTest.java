package net.backup.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Config;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * JGit forces what the history writes to disk only when its config says so ({@code core.fsyncObjectFiles},
 * {@code core.fsyncRefFiles}, read by its WriteConfig); without them a power cut could leave the branch naming
 * an empty commit file, and every later run stopped. The fsync calls themselves were counted with strace (see
 * the README); this checks the settings JGit reads are there, for a new history and one that already exists.
 */
class DurableHistoryTest {
    @TempDir
    Path dir;

    private static void assertForcesObjectsAndRefs(Config config) {
        assertThat(config.getBoolean("core", "fsyncObjectFiles", false)).as("core.fsyncObjectFiles").isTrue();
        assertThat(config.getBoolean("core", "fsyncRefFiles", false)).as("core.fsyncRefFiles").isTrue();
    }

    @Test
    void aNewHistoryForcesItsObjectsAndRefsToDisk() throws IOException {
        Path output = Files.createDirectories(dir.resolve("configs"));
        ConfigHistory.open(output).close();

        try (Git git = HistoryRepository.open(output)) {
            assertForcesObjectsAndRefs(git.getRepository().getConfig());
        }
    }

    @Test
    void anExistingHistoryWithoutTheSettingsForcesThemToDiskToo() throws Exception {
        Path output = Files.createDirectories(dir.resolve("configs"));
        Git.init().setDirectory(output.toFile()).setInitialBranch("main").call().close();
        assertThat(Files.readString(output.resolve(".git/config"))).doesNotContainIgnoringCase("fsync");

        try (Git git = HistoryRepository.open(output)) {
            assertForcesObjectsAndRefs(git.getRepository().getConfig());
        }
    }
}
