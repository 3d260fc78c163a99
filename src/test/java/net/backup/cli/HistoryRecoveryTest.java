package net.backup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import net.backup.lab.Fault;
import net.backup.lab.Lab;
import net.backup.lab.LabSettings;
import net.backup.testing.BackupProcess;
import net.backup.testing.LabRun;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The history catches up after a killed run, a stale lock or a failed commit, and is kept owner-only. */
class HistoryRecoveryTest {
    @TempDir
    Path dir;

    private LabRun lab(Lab.DeviceSpec... devices) throws IOException {
        return new LabRun(Lab.start(List.of(devices), LabSettings.defaults()), dir);
    }

    private static List<RevCommit> commits(Path repository) throws Exception {
        try (Git git = Git.open(repository.toFile())) {
            var commits = new ArrayList<RevCommit>();
            if (git.getRepository().resolve("HEAD") != null) {
                git.log().call().forEach(commits::add);
            }
            return commits;
        }
    }

    private static void dropDevice(Path inventory, String name) throws IOException {
        String text = Files.readString(inventory);
        String without = text.replaceAll("(?m)^  - \\{name: " + name + ",.*\\n", "");
        assertThat(without).isNotEqualTo(text);
        Files.writeString(inventory, without);
    }

    @Test
    void aFileStoredByAKilledRunIsCommittedByTheNextRunThoughTheDeviceIsUnchanged() throws Exception {
        try (LabRun run = lab(Lab.DeviceSpec.healthy("csr1"), new Lab.DeviceSpec("csr2", Set.of(Fault.HANG)))) {
            try (var backup = BackupProcess.start(dir, "--inventory", run.inventory().toString(), "--output-dir",
                    run.output().toString(), "--known-hosts", run.knownHosts().toString(), "--command-timeout", "10m")) {
                assertThat(backup.awaitLine(line -> line.startsWith("NEW        csr1"), Duration.ofSeconds(60))).isTrue();
                backup.signal("KILL"); // csr2 still hangs: the run never reached its commit
                backup.waitFor(Duration.ofSeconds(60));
            }
            assertThat(run.backupOf("csr1")).isEqualTo(run.lab().device("csr1").stableConfig());
            assertThat(commits(run.output())).isEmpty();
            dropDevice(run.inventory(), "csr2");

            CliRun rerun = run.backup();

            assertThat(rerun.exitCode()).as(rerun.all()).isEqualTo(ExitCodes.OK);
            assertThat(rerun.out()).containsPattern("(?m)^UNCHANGED +csr1 ")
                    .containsPattern("History: [0-9a-f]{7} backup: 1 caught up");
            assertThat(commits(run.output())).singleElement().extracting(RevCommit::getFullMessage)
                    .isEqualTo("backup: 1 caught up\n\ncsr1: stored by an earlier run that did not commit it\n");
            CliRun log = CliRun.of("log", "csr1", "--output-dir", run.output().toString());
            assertThat(log.exitCode()).as(log.all()).isEqualTo(ExitCodes.OK);
            assertThat(log.out()).contains("backup: 1 caught up");
        }
    }

    /** What a run of ours leaves when it is killed while committing: its marker, and the locks JGit held. */
    private static void killedWhileCommitting(Path output, Path... locks) throws IOException {
        Files.writeString(output.resolve(".git/backup-commit"), "pid 1, started 2026-11-26T02:15:00Z\n");
        for (Path lock : locks) {
            Files.createFile(lock);
        }
    }

    @Test
    void aStaleIndexLockIsRemovedAndTheRunCommits() throws Exception {
        try (LabRun run = lab(Lab.DeviceSpec.healthy("csr1"))) {
            run.backup();
            Path indexLock = run.output().resolve(".git/index.lock");
            killedWhileCommitting(run.output(), indexLock);
            run.lab().device("csr1").setDescription("Loopback7", "reconfigured");

            CliRun second = run.backup();

            assertThat(second.exitCode()).as(second.all()).isEqualTo(ExitCodes.OK);
            assertThat(second.err()).isEqualTo("backup: warning: removed " + indexLock + ", left behind by an interrupted run\n");
            assertThat(second.out()).containsPattern("(?m)^CHANGED +csr1 ").containsPattern("History: [0-9a-f]{7} backup: 1 changed");
            assertThat(commits(run.output())).hasSize(2);
            assertThat(indexLock).doesNotExist();
            assertThat(run.output().resolve(".git/backup-commit")).doesNotExist();
        }
    }

    @Test
    void staleRefLocksAreRemovedAndTheRunCommits() throws Exception {
        try (LabRun run = lab(Lab.DeviceSpec.healthy("csr1"))) {
            run.backup();
            Path branchLock = run.output().resolve(".git/refs/heads/main.lock");
            killedWhileCommitting(run.output(), branchLock);
            run.lab().device("csr1").setDescription("Loopback7", "reconfigured");

            CliRun second = run.backup();

            assertThat(second.exitCode()).as(second.all()).isEqualTo(ExitCodes.OK);
            assertThat(second.err()).isEqualTo("backup: warning: removed " + branchLock + ", left behind by an interrupted run\n");
            assertThat(second.out()).containsPattern("History: [0-9a-f]{7} backup: 1 changed");
            assertThat(commits(run.output())).hasSize(2);
            assertThat(branchLock).doesNotExist();
            assertThat(run.output().resolve(".git/backup-commit")).doesNotExist();
        }
    }

    /** Killed after placing its marker but before locking, or after unlocking: the marker alone is removed. */
    @Test
    void aMarkerLeftWithoutALockIsRemovedQuietly() throws Exception {
        try (LabRun run = lab(Lab.DeviceSpec.healthy("csr1"))) {
            run.backup();
            killedWhileCommitting(run.output());
            run.lab().device("csr1").setDescription("Loopback7", "reconfigured");

            CliRun second = run.backup();

            assertThat(second.exitCode()).as(second.all()).isEqualTo(ExitCodes.OK);
            assertThat(second.err()).isEmpty();
            assertThat(second.out()).containsPattern("History: [0-9a-f]{7} backup: 1 changed");
            assertThat(run.output().resolve(".git/backup-commit")).doesNotExist();
        }
    }

    /**
     * The tester's 'git commit' waiting on a slow pre-commit hook held the index's lock; the run deleted it and
     * committed, and the hand-made commit then failed. A lock no run of ours left is someone's: it stays, this
     * run does not commit, and says why; once it is gone the next run catches up.
     */
    @Test
    void aLockAnotherGitProcessHoldsIsLeftAloneAndTheCommitWaitsForTheNextRun() throws Exception {
        try (LabRun run = lab(Lab.DeviceSpec.healthy("csr1"))) {
            run.backup();
            run.lab().device("csr1").setDescription("Loopback7", "reconfigured");
            Path index = run.output().resolve(".git/index");
            Path indexLock = run.output().resolve(".git/index.lock");
            byte[] indexBefore = Files.readAllBytes(index);
            Files.createFile(indexLock); // as a 'git commit' running now holds it, with no marker of ours
            try {
                CliRun second = run.backup();

                assertThat(second.exitCode()).as(second.all()).isEqualTo(ExitCodes.SOME_FAILED);
                assertThat(second.err()).isEqualTo("backup: cannot commit to the history in " + run.output() + ": "
                        + indexLock + " is there, so another git process seems to be using it (if none is running, remove"
                        + " that file); the backups are stored and the next run commits them\n");
                assertThat(second.out()).containsPattern("(?m)^CHANGED +csr1 ").doesNotContain("History:");
                assertThat(indexLock).as("still the other process's").exists();
                assertThat(index).as("nothing of ours staged").hasBinaryContent(indexBefore);
                assertThat(commits(run.output())).hasSize(1);
            } finally {
                Files.delete(indexLock); // that commit is done
            }

            CliRun third = run.backup();

            assertThat(third.exitCode()).as(third.all()).isEqualTo(ExitCodes.OK);
            assertThat(third.out()).containsPattern("History: [0-9a-f]{7} backup: 1 caught up");
        }
    }

    /**
     * A file that differs from its last commit while its device fails (stored by a killed run, or edited) is not
     * committed, as this run did not confirm it; but it was passed over in silence, "nothing changed", while diff
     * and log showed an older version than the file (probe M).
     */
    @Test
    void aFailedDevicesFileThatDiffersFromItsLastCommitIsSaid() throws Exception {
        try (LabRun run = lab(Lab.DeviceSpec.healthy("csr1"))) {
            assertThat(run.backup().exitCode()).isEqualTo(ExitCodes.OK);
            run.writeBackup("csr1", "hostname csr1\nntp server 10.9.9.77\nend\n");
            Files.writeString(run.inventory(), Files.readString(run.inventory()).replace("ntc123", "wrong"));

            CliRun second = run.backup("--retries", "0");

            assertThat(second.exitCode()).as(second.all()).isEqualTo(ExitCodes.SOME_FAILED);
            assertThat(second.out()).contains("History: nothing changed, no commit\nHistory: csr1.cfg differs from the last"
                    + " commit (stored by an earlier run that could not commit, or edited by hand), and its device failed:"
                    + " committed when backed up again\n");
            assertThat(commits(run.output())).hasSize(1);
        }
    }

    /**
     * A hand edit is replaced by the device's configuration, which is the last commit's: the device's line said
     * CHANGED (against the file) and the history "nothing changed" (against the commit), with no word of the edit
     * (probe M).
     */
    @Test
    void aHandEditReplacedByTheCommittedConfigurationIsSaid() throws Exception {
        try (LabRun run = lab(Lab.DeviceSpec.healthy("csr1"))) {
            assertThat(run.backup().exitCode()).isEqualTo(ExitCodes.OK);
            String committed = run.backupOf("csr1");
            run.writeBackup("csr1", committed + " ! hand note\n");

            CliRun second = run.backup();

            assertThat(second.exitCode()).as(second.all()).isEqualTo(ExitCodes.OK);
            assertThat(second.out()).containsPattern("(?m)^CHANGED +csr1 ").contains("History: nothing changed, no commit\n"
                    + "History: csr1.cfg was not as last committed (edited by hand?); the device's configuration, the same as"
                    + " that commit, replaced it\n");
            assertThat(run.backupOf("csr1")).isEqualTo(committed);
            assertThat(commits(run.output())).hasSize(1);
        }
    }

    /**
     * An index cut short (a crash while it was written): JGit cannot read it, and without a rebuild every commit
     * failed on it ('Short read of block.'), run after run. Rebuilt from the last commit, not from nothing, so
     * the commit and the index both still hold the devices this run did not change.
     */
    @Test
    void anUnreadableIndexIsRebuiltFromTheLastCommitAndTheRunCommits() throws Exception {
        try (LabRun run = lab(Lab.DeviceSpec.healthy("csr1"), Lab.DeviceSpec.healthy("csr2"), Lab.DeviceSpec.healthy("csr3"))) {
            run.backup();
            Path index = run.output().resolve(".git/index");
            byte[] damaged = Arrays.copyOf(Files.readAllBytes(index), 100);
            Files.write(index, damaged);
            run.lab().device("csr2").setDescription("Loopback7", "reconfigured");

            CliRun second = run.backup();

            assertThat(second.exitCode()).as(second.all()).isEqualTo(ExitCodes.OK);
            assertThat(second.err()).matches("backup: warning: rebuilt " + Pattern.quote(index.toString())
                    + " from the last commit: it could not be read \\(Short read of block\\.\\); the unreadable one is kept as "
                    + Pattern.quote(index.toString()) + "\\.damaged-\\d{8}T\\d{6}\\.\\d{3}Z\n");
            assertThat(second.out()).containsPattern("History: [0-9a-f]{7} backup: 1 changed");
            Path aside = Path.of(second.err().substring(second.err().lastIndexOf(' ') + 1).strip());
            assertThat(aside).hasBinaryContent(damaged);
            List<RevCommit> commits = commits(run.output());
            assertThat(commits).hasSize(2);
            assertThat(filesIn(run.output(), commits.get(0))).containsExactly(".gitignore", "csr1.cfg", "csr2.cfg", "csr3.cfg");
            assertThat(filesIn(run.output(), commits.get(1))).containsExactly(".gitignore", "csr1.cfg", "csr2.cfg", "csr3.cfg");
            try (Git git = Git.open(run.output().toFile())) {
                assertThat(git.status().call().isClean()).as("the rebuilt index holds every device").isTrue();
            }
        }
    }

    private static List<String> filesIn(Path repository, RevCommit commit) throws IOException {
        try (Git git = Git.open(repository.toFile()); var walk = new TreeWalk(git.getRepository())) {
            walk.addTree(commit.getTree());
            var files = new ArrayList<String>();
            while (walk.next()) {
                files.add(walk.getPathString());
            }
            return files;
        }
    }

    private static Path writtenAgo(Path file, Duration age) throws IOException {
        Files.writeString(file, "partial");
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(age)));
        return file;
    }

    /**
     * A kill -9 while JGit wrote an object, or measured the file system's timestamps, left its temporary file
     * for good. Those are removed at the next run; a young one (another JGit program may be writing it now), a
     * link, and names JGit does not make stay.
     */
    @Test
    void temporaryFilesAnInterruptedJGitLeftAreRemovedAndNothingElse() throws Exception {
        try (LabRun run = lab(Lab.DeviceSpec.healthy("csr1"))) {
            run.backup();
            Path gitDir = run.output().resolve(".git");
            Duration twoHours = Duration.ofHours(2);
            List<Path> leftovers = List.of(writtenAgo(gitDir.resolve("objects/noz8047386157463459512.tmp"), twoHours),
                    writtenAgo(gitDir.resolve("jgit_17.buf"), twoHours),
                    writtenAgo(gitDir.resolve(".probe-1145ff24-7503-4126-877f-c9b08eb25503"), Duration.ofMinutes(2)));
            Path victim = Files.writeString(dir.resolve("victim"), "not JGit's");
            List<Path> kept = List.of(Files.createSymbolicLink(gitDir.resolve(".probe-a83c12e3-e8aa-459c-aef8-49454fe8bf9c"), victim),
                    writtenAgo(gitDir.resolve("objects/noz5.tmp"), Duration.ofMinutes(2)),
                    writtenAgo(gitDir.resolve(".probe-df60f79a-e250-4477-b83e-d5552bef7f9e"), Duration.ZERO),
                    writtenAgo(gitDir.resolve("objects/nozzle.tmp"), twoHours), writtenAgo(gitDir.resolve("probe-notes"), twoHours),
                    writtenAgo(gitDir.resolve("noz12.tmp"), twoHours));

            CliRun second = run.backup();

            assertThat(second.exitCode()).as(second.all()).isEqualTo(ExitCodes.OK);
            assertThat(second.err()).isEqualTo("backup: warning: removed 3 temporary files JGit left in " + gitDir
                    + " when it was interrupted\n");
            assertThat(leftovers).allSatisfy(leftover -> assertThat(leftover).doesNotExist());
            assertThat(kept).allSatisfy(keep -> assertThat(Files.exists(keep, LinkOption.NOFOLLOW_LINKS)).as(keep.toString()).isTrue());
            assertThat(victim).hasContent("not JGit's");
        }
    }

    /** A history left on a detached HEAD (someone looked at an old commit) is said, every run, until it is not. */
    @Test
    void aDetachedHeadIsSaidSoThatNightlyCommitsAreNotLeftOnNoBranch() throws Exception {
        try (LabRun run = lab(Lab.DeviceSpec.healthy("csr1"))) {
            run.backup();
            String first;
            try (Git git = Git.open(run.output().toFile())) {
                first = git.getRepository().resolve("HEAD").abbreviate(7).name();
                git.checkout().setName(git.getRepository().resolve("HEAD").name()).call();
            }

            CliRun second = run.backup();

            assertThat(second.exitCode()).as(second.all()).isEqualTo(ExitCodes.OK);
            assertThat(second.err()).isEqualTo("backup: warning: the history in " + run.output().resolve(".git")
                    + " is on a detached HEAD (" + first + "): this run's commit goes on no branch; check a branch out"
                    + " again (git checkout main)\n");
            try (Git git = Git.open(run.output().toFile())) {
                git.checkout().setName("main").call();
            }
            assertThat(run.backup().err()).as("on its branch again").isEmpty();
        }
    }

    /**
     * Another branch checked out to look at something and left so: the nights went on it, main fell behind, with no
     * word (probe M). Said every run while main exists and is not checked out; a history without main is left alone.
     */
    @Test
    void anotherBranchCheckedOutIsSaid() throws Exception {
        try (LabRun run = lab(Lab.DeviceSpec.healthy("csr1"))) {
            run.backup();
            try (Git git = Git.open(run.output().toFile())) {
                git.checkout().setCreateBranch(true).setName("review").call();
            }
            run.lab().device("csr1").setDescription("Loopback7", "reconfigured");

            CliRun second = run.backup();

            assertThat(second.exitCode()).as(second.all()).isEqualTo(ExitCodes.OK);
            assertThat(second.err()).isEqualTo("backup: warning: the history in " + run.output().resolve(".git")
                    + " has branch review checked out, not main: this run's commit goes on review; if that was not meant,"
                    + " take main back and the nights with it, in " + run.output() + ": git checkout main && git merge review\n");
            try (Git git = Git.open(run.output().toFile())) {
                var review = git.getRepository().resolve("refs/heads/review");
                assertThat(review).as("the night's commit went on review").isNotEqualTo(git.getRepository().resolve("refs/heads/main"));
                assertThat(git.log().add(review).setMaxCount(1).call().iterator().next().getShortMessage()).startsWith("backup: ");
                git.checkout().setName("main").call();
                git.branchRename().setOldName("main").setNewName("trunk").call();
            }
            assertThat(run.backup().err()).as("a history whose branch has another name").isEmpty();
        }
    }

    /** Every loose object's directory taken by a file: JGit cannot write one object (as with a full disk). */
    private static void breakObjectDirectory(Path output) throws IOException {
        Path objects = output.resolve(".git/objects");
        for (int i = 0; i < 256; i++) {
            Files.writeString(objects.resolve(HexFormat.of().toHexDigits((byte) i)), "not a directory");
        }
    }

    private static void repairObjectDirectory(Path output) throws IOException {
        try (Stream<Path> entries = Files.list(output.resolve(".git/objects"))) {
            for (Path entry : entries.filter(Files::isRegularFile).toList()) {
                Files.delete(entry);
            }
        }
    }

    @Test
    void aFailedCommitIsOneLineExitOneWithTheReportWrittenAndTheNextRunCatchesUp() throws Exception {
        try (LabRun run = lab(Lab.DeviceSpec.healthy("csr1"))) {
            Files.createDirectories(run.output());
            Git.init().setDirectory(run.output().toFile()).setInitialBranch("main").call().close();
            Files.setPosixFilePermissions(run.output().resolve(".git"), PosixFilePermissions.fromString("rwx------"));
            breakObjectDirectory(run.output());
            Path report = dir.resolve("report.json");

            CliRun failed = run.backup("--report", report.toString());

            assertThat(failed.exitCode()).isEqualTo(ExitCodes.SOME_FAILED);
            assertThat(failed.err()).startsWith("backup: cannot commit to the history in " + run.output() + ": ")
                    .endsWith("; the backups are stored and the next run commits them\n")
                    .doesNotContain("JGitInternalException").hasLineCount(1);
            assertThat(failed.out()).containsPattern("(?m)^NEW +csr1 ").doesNotContain("History:");
            assertThat(Files.readString(report)).contains("\"name\": \"csr1\"", "\"status\": \"NEW\"");
            assertThat(run.backupOf("csr1")).isEqualTo(run.lab().device("csr1").stableConfig());

            repairObjectDirectory(run.output());
            CliRun next = run.backup();

            assertThat(next.exitCode()).as(next.all()).isEqualTo(ExitCodes.OK);
            assertThat(next.out()).containsPattern("(?m)^UNCHANGED +csr1 ").containsPattern("History: [0-9a-f]{7} backup: 1 caught up");
        }
    }

    private static List<String> openToOthers(Path gitDir) throws IOException {
        Set<PosixFilePermission> others = Set.of(PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
                PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE,
                PosixFilePermission.OTHERS_EXECUTE);
        try (Stream<Path> all = Files.walk(gitDir)) {
            var open = new ArrayList<String>();
            for (Path path : all.toList()) {
                Set<PosixFilePermission> mode = Files.getPosixFilePermissions(path);
                if (mode.stream().anyMatch(others::contains)) {
                    open.add(gitDir.relativize(path) + " " + PosixFilePermissions.toString(mode));
                }
            }
            return open;
        }
    }

    @Test
    void theHistoryIsOwnerOnlyInAnOutputDirectoryOthersCanRead() throws Exception {
        try (LabRun run = lab(Lab.DeviceSpec.healthy("csr1"), Lab.DeviceSpec.healthy("csr2"))) {
            Files.createDirectories(run.output());
            Files.setPosixFilePermissions(run.output(), PosixFilePermissions.fromString("rwxr-xr-x"));

            run.backup();
            run.lab().device("csr2").setDescription("Loopback7", "reconfigured");
            CliRun second = run.backup(); // objects written into an existing history, too

            assertThat(second.out()).containsPattern("History: [0-9a-f]{7} backup: 1 changed");
            Path gitDir = run.output().resolve(".git");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(gitDir))).isEqualTo("rwx------");
            assertThat(openToOthers(gitDir)).isEmpty();
            assertThat(second.err()).isEmpty();
        }
    }

    @Test
    void anExistingHistoryOthersCanReadIsWarnedAboutOnceWithTheFix() throws Exception {
        try (LabRun run = lab(Lab.DeviceSpec.healthy("csr1"))) {
            run.backup();
            Path gitDir = run.output().resolve(".git");
            Files.setPosixFilePermissions(gitDir, PosixFilePermissions.fromString("rwxr-xr-x"));

            CliRun second = run.backup();

            assertThat(second.exitCode()).isEqualTo(ExitCodes.OK);
            assertThat(second.err()).isEqualTo("backup: warning: the history in " + gitDir + " holds every configuration "
                    + "stored so far and others can read it (rwxr-xr-x): chmod -R go-rwx " + gitDir + "\n");
        }
    }
}
