package net.backup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.DeflaterOutputStream;
import net.backup.lab.Lab;
import net.backup.lab.LabSettings;
import net.backup.testing.LabRun;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A history that cannot be used (a config git cannot parse, a corrupt last commit) is one line naming the
 * directory and the reason, exit 2, for a run as for log and diff: never a Java exception, exit 1.
 */
class DamagedHistoryTest {
    @TempDir
    Path dir;

    private LabRun lab() throws IOException {
        return new LabRun(Lab.start(Lab.healthyFleet("csr", 1), LabSettings.defaults()), dir);
    }

    /** Replaces the last commit's tree with an object of no known type, as a bad disk block would. */
    private static ObjectId corruptLastTree(Path output) throws IOException {
        ObjectId tree;
        try (Git git = Git.open(output.toFile())) {
            tree = git.getRepository().resolve("HEAD^{tree}");
        }
        Path object = output.resolve(".git/objects/" + tree.name().substring(0, 2) + "/" + tree.name().substring(2));
        var deflated = new ByteArrayOutputStream();
        try (var out = new DeflaterOutputStream(deflated)) {
            out.write("junk 3\0abc".getBytes(StandardCharsets.US_ASCII));
        }
        Files.delete(object); // 0444, as JGit writes it
        Files.write(object, deflated.toByteArray());
        return tree;
    }

    private static void assertOneLine(CliRun result, String prefix, String suffix) {
        assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).startsWith(prefix).endsWith(suffix).hasLineCount(1)
                .doesNotContain("Exception", "the next run commits them");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void aConfigGitCannotParseStopsTheRunWithOneLine() throws IOException {
        try (LabRun run = lab()) {
            run.backup();
            Files.writeString(run.output().resolve(".git/config"), "[core\n", StandardOpenOption.APPEND);

            CliRun result = run.backup();

            assertOneLine(result, "backup: cannot use the history in " + run.output() + ": ", " (or run with --no-history)\n");
            assertThat(result.err()).contains(run.output().resolve(".git/config").toString());

            CliRun log = CliRun.of("log", "csr1", "-o", run.output().toString());

            assertOneLine(log, "backup: cannot use the history in " + run.output() + ": ", "\n");
        }
    }

    @Test
    void aCorruptLastCommitStopsTheRunAndLogAndDiffWithOneLine() throws IOException {
        try (LabRun run = lab()) {
            run.backup();
            ObjectId tree = corruptLastTree(run.output());
            String prefix = "backup: cannot use the history in " + run.output() + ": ";

            CliRun result = run.backup();

            assertOneLine(result, prefix, " (or run with --no-history)\n");
            assertThat(result.err()).contains(tree.name());
            assertOneLine(CliRun.of("log", "csr1", "-o", run.output().toString()), prefix, "\n");
            assertOneLine(CliRun.of("diff", "csr1", "-o", run.output().toString()), prefix, "\n");
        }
    }
}
