package net.backup.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.util.SystemReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The history ignores the host's git set-up (its system and user configs, PATH) and runs no program: each test
 * gives JGit a host with one hostile setting ({@link HostileGitHost}) and commits through {@link ConfigHistory},
 * as a backup run does.
 */
class HostGitSetupTest {
    private static final String CONFIG = "hostname csr1\n!\nsnmp-server community s3cret RO\nend\n";

    @TempDir
    Path dir;

    private Path output() throws IOException {
        return Files.createDirectories(dir.resolve("configs"));
    }

    /** Stores {@code content} as csr1.cfg and commits it as a run does. */
    private static Path backUp(Path output, byte[] content) throws IOException {
        Files.write(output.resolve("csr1.cfg"), content);
        try (ConfigHistory history = ConfigHistory.open(output)) {
            history.commit(history.pending(List.of("csr1.cfg")), "backup: 1 new", new CommitAuthor("backup", "backup@example.net"));
        }
        return output;
    }

    private static Path backUp(Path output) throws IOException {
        return backUp(output, CONFIG.getBytes(StandardCharsets.UTF_8));
    }

    /** The bytes of {@code file} in the last commit; read as raw objects, so no config of any kind applies. */
    private static byte[] committed(Path output, String file) throws IOException {
        try (Git git = Git.open(output.toFile()); var walk = new TreeWalk(git.getRepository())) {
            walk.addTree(git.getRepository().resolve(Constants.HEAD + "^{tree}"));
            while (walk.next()) {
                if (walk.getPathString().equals(file)) {
                    ObjectId blob = walk.getObjectId(0);
                    return git.getRepository().open(blob).getBytes();
                }
            }
            return null;
        }
    }

    private static RevCommit head(Path output) throws Exception {
        try (Git git = Git.open(output.toFile())) {
            return git.log().setMaxCount(1).call().iterator().next();
        }
    }

    @Test
    void hooksNamedByTheUsersConfigDoNotRun() throws Exception {
        try (var host = HostileGitHost.install(dir.resolve("host"))) {
            host.script("hooks/pre-commit", "pre-commit");
            host.script("hooks/commit-msg", "commit-msg");
            host.script("hooks/post-commit", "post-commit");
            host.userConfig("[core]\n\thooksPath = " + dir.resolve("host/hooks") + "\n");

            Path output = backUp(output());

            assertThat(committed(output, "csr1.cfg")).asString(StandardCharsets.UTF_8).isEqualTo(CONFIG);
            assertThat(host.ran()).doesNotExist();
        }
    }

    @Test
    void hooksInTheRepositoryItselfDoNotRunEither() throws Exception {
        Path output = output();
        try (var host = HostileGitHost.install(dir.resolve("host"))) {
            backUp(output);
            host.script("../configs/.git/hooks/post-commit", "post-commit");
            host.script("../configs/.git/hooks/pre-commit", "pre-commit");

            backUp(output, (CONFIG + "! changed\n").getBytes(StandardCharsets.UTF_8));

            assertThat(committed(output, "csr1.cfg")).asString(StandardCharsets.UTF_8).endsWith("! changed\n");
            assertThat(host.ran()).doesNotExist();
        }
    }

    @Test
    void autocrlfInTheUsersConfigLeavesTheBytesAsStored() throws Exception {
        byte[] crlf = "hostname csr1\r\nbanner motd ^C hi ^C\r\nend\r\n".getBytes(StandardCharsets.UTF_8);
        try (var host = HostileGitHost.install(dir.resolve("host"))) {
            host.userConfig("[core]\n\tautocrlf = true\n");

            Path output = backUp(output(), crlf);

            assertThat(committed(output, "csr1.cfg")).isEqualTo(crlf);
        }
    }

    /**
     * JGit reads the timestamp resolution it saved in its own config through the user config; the rest of its
     * own config stays out of the history's view, like the user's.
     */
    @Test
    void jgitsOwnConfigLendsTheHistoryItsTimestampResolutionsAndNothingElse() throws Exception {
        byte[] crlf = "hostname csr1\r\nend\r\n".getBytes(StandardCharsets.UTF_8);
        try (var host = HostileGitHost.install(dir.resolve("host"))) {
            host.jgitConfig("[core]\n\tautocrlf = true\n[filesystem \"Vendor|21|/ (ext4)\"]\n"
                    + "\ttimestampResolution = 7 milliseconds\n\tminRacyThreshold = 3 milliseconds\n");

            Path output = backUp(output(), crlf);

            assertThat(committed(output, "csr1.cfg")).isEqualTo(crlf);
            var seenByJGit = SystemReader.getInstance().getUserConfig(); // where FS.FileStoreAttributes looks
            assertThat(seenByJGit.getString("filesystem", "Vendor|21|/ (ext4)", "timestampResolution")).isEqualTo("7 milliseconds");
            assertThat(seenByJGit.getString("filesystem", "Vendor|21|/ (ext4)", "minRacyThreshold")).isEqualTo("3 milliseconds");
            assertThat(seenByJGit.getString("core", null, "autocrlf")).isNull();
        }
    }

    /** JGit's own config is read only for its timestamp resolutions: one that does not parse costs a measurement. */
    @Test
    void aMalformedJGitConfigNeitherStopsTheHistoryNorIsRewritten() throws Exception {
        try (var host = HostileGitHost.install(dir.resolve("host"))) {
            host.jgitConfig("[bad\n");

            Path output = backUp(output());
            Files.writeString(output.resolve("csr1.cfg"), CONFIG + "! changed\n");
            try (ConfigHistory history = ConfigHistory.open(output)) {
                history.commit(history.pending(List.of("csr1.cfg")), "backup: 1 changed",
                        new CommitAuthor("backup", "backup@example.net"));
            }

            assertThat(head(output).getFullMessage()).isEqualTo("backup: 1 changed");
            assertThat(dir.resolve("host/xdg/jgit/config")).hasContent("[bad\n");
        }
    }

    @Test
    void theUsersExcludesFileAndGitIgnoreDoNotHideBackups() throws Exception {
        try (var host = HostileGitHost.install(dir.resolve("host"))) {
            Path excludes = host.file("excludes", "*.cfg\n");
            host.file("xdg/git/ignore", "*.cfg\n");
            host.userConfig("[core]\n\texcludesFile = " + excludes + "\n");

            Path output = backUp(output());

            assertThat(committed(output, "csr1.cfg")).asString(StandardCharsets.UTF_8).isEqualTo(CONFIG);
        }
    }

    @Test
    void aCleanFilterFromTheUsersAttributesFileNeitherRunsNorRewritesTheBackup() throws Exception {
        try (var host = HostileGitHost.install(dir.resolve("host"))) {
            Path attributes = host.file("attributes", "*.cfg filter=scrub\n");
            host.script("scrub", "scrub");
            host.userConfig("[core]\n\tattributesFile = " + attributes + "\n[filter \"scrub\"]\n\tclean = "
                    + dir.resolve("host/scrub") + "\n\trequired = true\n");

            Path output = backUp(output());

            assertThat(committed(output, "csr1.cfg")).asString(StandardCharsets.UTF_8).isEqualTo(CONFIG);
            assertThat(host.ran()).doesNotExist();
        }
    }

    @Test
    void commitsAreUnsignedAndMadeEvenWhenTheUsersConfigAsksForSigning() throws Exception {
        try (var host = HostileGitHost.install(dir.resolve("host"))) {
            host.userConfig("[commit]\n\tgpgSign = true\n[user]\n\tsigningKey = ABCDEF\n");

            Path output = backUp(output());

            assertThat(head(output).getRawGpgSignature()).isNull();
            assertThat(committed(output, "csr1.cfg")).isNotNull();
        }
    }

    @Test
    void noGitFromThePathRunsAndTheSystemConfigItNamesDoesNotApply() throws Exception {
        byte[] crlf = "hostname csr1\r\nend\r\n".getBytes(StandardCharsets.UTF_8);
        try (var host = HostileGitHost.install(dir.resolve("host"))) {
            host.systemConfig("[core]\n\tautocrlf = true\n[commit]\n\tgpgSign = true\n");

            Path output = backUp(output(), crlf);

            assertThat(host.gitRan()).as("the fake git on PATH was run").doesNotExist();
            assertThat(committed(output, "csr1.cfg")).isEqualTo(crlf);
            assertThat(NoProgramsFs.INSTANCE.getGitSystemConfig()).as("the history's FS asks no git either").isNull();
            assertThat(host.gitRan()).doesNotExist();
        }
    }

    @Test
    void aFilterInTheRepositorysOwnConfigFailsTheCommitInsteadOfRunning() throws Exception {
        Path output = output();
        try (var host = HostileGitHost.install(dir.resolve("host"))) {
            backUp(output);
            host.script("scrub", "scrub");
            Files.writeString(output.resolve(".gitattributes"), "*.cfg filter=scrub\n");
            try (Git git = Git.open(output.toFile())) {
                var config = git.getRepository().getConfig();
                config.setString("filter", "scrub", "clean", dir.resolve("host/scrub").toString());
                config.save();
            }
            Files.writeString(output.resolve("csr1.cfg"), CONFIG + "! changed\n");

            try (ConfigHistory history = ConfigHistory.open(output)) {
                assertThatThrownBy(() -> history.commit(List.of("csr1.cfg"), "backup: 1 changed",
                        new CommitAuthor("backup", "backup@example.net")))
                        .hasMessageContaining("the history runs no programs, so not '" + dir.resolve("host/scrub"));
            }
            assertThat(host.ran()).doesNotExist();
        }
    }

    /** The test's hostile host is real: plain JGit, on the host's terms, runs its git and its hooks. */
    @Test
    void plainJGitOnTheHostileHostRunsItsGitAndItsHooks() throws Exception {
        try (var host = HostileGitHost.install(dir.resolve("host"))) {
            host.script("hooks/post-commit", "post-commit");
            host.userConfig("[core]\n\thooksPath = " + dir.resolve("host/hooks") + "\n");
            var plain = new org.eclipse.jgit.util.FS_POSIX() {
            };
            try (Git git = Git.init().setDirectory(output().toFile()).setFs(plain).call()) {
                git.commit().setAllowEmpty(true).setMessage("plain").setAuthor("a", "a@example.net")
                        .setCommitter("a", "a@example.net").call();
            }

            assertThat(host.gitRan()).content().contains("--version");
            assertThat(host.ran()).content().contains("post-commit");
        }
    }
}
