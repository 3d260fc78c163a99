package net.backup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.backup.lab.Lab;
import net.backup.lab.LabSettings;
import net.backup.testing.LabRun;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The history is the output directory's own: never another repository a {@code .git} link leads to, never
 * another directory's files, whatever the repository's config says its work tree is.
 */
class OwnHistoryTest {
    @TempDir
    Path dir;

    @TempDir
    Path elsewhere;

    private LabRun lab() throws IOException {
        return new LabRun(Lab.start(Lab.healthyFleet("csr", 1), LabSettings.defaults()), dir);
    }

    /** The bytes of {@code file} in the last commit of the repository in {@code directory}, or null. */
    private static String committed(Path directory, String file) throws IOException {
        try (Git git = Git.open(directory.toFile()); var walk = new TreeWalk(git.getRepository())) {
            walk.addTree(git.getRepository().resolve("HEAD^{tree}"));
            while (walk.next()) {
                if (walk.getPathString().equals(file)) {
                    return new String(git.getRepository().open(walk.getObjectId(0)).getBytes(), StandardCharsets.ISO_8859_1);
                }
            }
            return null;
        }
    }

    private static ObjectId head(Path directory) throws IOException {
        try (Git git = Git.open(directory.toFile())) {
            return git.getRepository().resolve("HEAD");
        }
    }

    /** Someone else's repository, with a csr1.cfg of its own committed. */
    private Path otherRepository() throws Exception {
        Path other = Files.createDirectories(elsewhere.resolve("other"));
        Files.writeString(other.resolve("csr1.cfg"), "not a config\n");
        try (Git git = Git.init().setDirectory(other.toFile()).setInitialBranch("main").call()) {
            git.add().addFilepattern("csr1.cfg").call();
            git.commit().setMessage("theirs").setAuthor("them", "them@example.net").setCommitter("them", "them@example.net").call();
        }
        Files.writeString(other.resolve("csr1.cfg"), "not a config, edited\n");
        return other;
    }

    private static void configure(Path output, String name, String value) throws IOException {
        try (Git git = Git.open(output.toFile())) {
            StoredConfig config = git.getRepository().getConfig();
            config.setString("core", null, name, value);
            config.save();
        }
    }

    @Test
    void aGitLinkToAnotherRepositoryIsRefusedAndThatRepositoryIsLeftAsItWas() throws Exception {
        try (LabRun run = lab()) {
            Path other = otherRepository();
            ObjectId theirHead = head(other);
            byte[] theirIndex = Files.readAllBytes(other.resolve(".git/index"));
            Files.createDirectories(run.output());
            Path link = Files.createSymbolicLink(run.output().resolve(".git"), other.resolve(".git"));

            CliRun result = run.backup();

            assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.USAGE);
            assertThat(result.err()).isEqualTo("backup: cannot use the history in " + run.output() + ": refusing to write "
                    + "through " + link + ": it is a symbolic link (to " + other.resolve(".git") + ") (or run with --no-history)\n");
            assertThat(head(other)).isEqualTo(theirHead);
            assertThat(other.resolve(".git/index")).hasBinaryContent(theirIndex);
            assertThat(committed(other, "csr1.cfg")).isEqualTo("not a config\n");

            CliRun log = CliRun.of("log", "csr1", "-o", run.output().toString());

            assertThat(log.exitCode()).isEqualTo(ExitCodes.USAGE);
            assertThat(log.err()).isEqualTo("backup: cannot use the history in " + run.output() + ": " + link
                    + " is a symbolic link (to " + other.resolve(".git") + "), not the directory's own history\n");
            assertThat(log.out()).isEmpty();
        }
    }

    /** Its objects or refs a link to another repository's, or alternates or a commondir naming one: refused. */
    @Test
    void aRepositoryThatKeepsPartOfItsHistoryElsewhereIsRefused() throws Exception {
        try (LabRun run = lab()) {
            run.backup();
            Path other = otherRepository();
            Path git = run.output().resolve(".git");
            Path objects = git.resolve("objects");
            Path kept = Files.move(objects, elsewhere.resolve("kept-objects"));
            Files.createSymbolicLink(objects, other.resolve(".git/objects"));

            CliRun linked = run.backup();

            assertThat(linked.exitCode()).as(linked.all()).isEqualTo(ExitCodes.USAGE);
            assertThat(linked.err()).isEqualTo("backup: cannot use the history in " + run.output() + ": " + objects
                    + " is a symbolic link (to " + other.resolve(".git/objects") + "), not the directory's own history"
                    + " (or run with --no-history)\n");

            Files.delete(objects);
            Files.move(kept, objects);
            for (Path elsewhereNamed : List.of(objects.resolve("info").resolve("alternates"), git.resolve("commondir"))) {
                Files.createDirectories(elsewhereNamed.getParent());
                Files.writeString(elsewhereNamed, other.resolve(".git/objects") + "\n");

                CliRun named = run.backup();

                assertThat(named.exitCode()).as(named.all()).isEqualTo(ExitCodes.USAGE);
                assertThat(named.err()).isEqualTo("backup: cannot use the history in " + run.output() + ": " + git
                        + " keeps its history in another repository (" + elsewhereNamed + ") (or run with --no-history)\n");
                Files.delete(elsewhereNamed);
            }
            assertThat(run.backup().exitCode()).as("its own again").isEqualTo(ExitCodes.OK);
        }
    }

    @Test
    void aRepositoryWhoseConfigNamesAnotherWorkTreeCommitsTheOutputDirectorysBackups() throws Exception {
        try (LabRun run = lab()) {
            run.backup();
            Path other = Files.createDirectories(elsewhere.resolve("worktree"));
            Files.writeString(other.resolve("csr1.cfg"), "not a config\n");
            configure(run.output(), "worktree", other.toString());
            run.lab().device("csr1").setDescription("Loopback7", "reconfigured");

            CliRun second = run.backup();

            assertThat(second.exitCode()).as(second.all()).isEqualTo(ExitCodes.OK);
            assertThat(second.out()).containsPattern("(?m)^CHANGED +csr1 ").containsPattern("History: [0-9a-f]{7} backup: 1 changed");
            assertThat(committed(run.output(), "csr1.cfg")).isEqualTo(run.backupOf("csr1")).contains("reconfigured");
            try (var files = Files.list(other)) {
                assertThat(files.map(p -> p.getFileName().toString())).containsExactly("csr1.cfg");
            }
            assertThat(other.resolve("csr1.cfg")).hasContent("not a config");
        }
    }

    @Test
    void aRepositoryWhoseConfigSaysBareIsUsedWithTheOutputDirectoryAsItsWorkTree() throws Exception {
        try (LabRun run = lab()) {
            run.backup();
            configure(run.output(), "bare", "true");
            run.lab().device("csr1").setDescription("Loopback7", "reconfigured");

            CliRun second = run.backup();

            assertThat(second.exitCode()).as(second.all()).isEqualTo(ExitCodes.OK);
            assertThat(second.err()).isEmpty();
            assertThat(second.out()).containsPattern("History: [0-9a-f]{7} backup: 1 changed");
            assertThat(committed(run.output(), "csr1.cfg")).isEqualTo(run.backupOf("csr1")).contains("reconfigured");
        }
    }
}
