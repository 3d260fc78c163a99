package net.backup.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import net.backup.testing.Victim;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigStoreTest {
    @TempDir
    Path dir;

    /** Outside the output directory: what a planted link points at, which must never be written. */
    @TempDir
    Path elsewhere;

    private List<String> files() throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void replacesTheBackupAndLeavesNoTemporaryFile() throws IOException {
        ConfigStore store = ConfigStore.open(dir);
        store.write("r1", "old\nend\n");

        ConfigStore.Written written = store.write("r1", "new\nend\n");

        assertThat(written).isEqualTo(new ConfigStore.Written(ConfigStore.Change.CHANGED, 8));
        assertThat(Files.readString(dir.resolve("r1.cfg"))).isEqualTo("new\nend\n");
        assertThat(files()).containsExactly("r1.cfg");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("r1.cfg")))).isEqualTo("rw-------");
    }

    @Test
    void leavesAnUnchangedBackupAloneAndSaysItIsNewTheFirstTime() throws IOException {
        ConfigStore store = ConfigStore.open(dir);
        assertThat(store.write("r1", "same\nend\n").change()).isEqualTo(ConfigStore.Change.NEW);
        FileTime written = Files.getLastModifiedTime(dir.resolve("r1.cfg"));
        Files.setLastModifiedTime(dir.resolve("r1.cfg"), FileTime.fromMillis(0));

        assertThat(store.write("r1", "same\nend\n").change()).isEqualTo(ConfigStore.Change.UNCHANGED);

        assertThat(Files.getLastModifiedTime(dir.resolve("r1.cfg")).toMillis()).as("not rewritten").isZero();
        assertThat(written.toMillis()).isPositive();
    }

    /** A backup another tool left readable by others (0644, as RANCID and Oxidized write) becomes owner-only. */
    @Test
    void anUnchangedBackupReadableByOthersBecomesOwnerOnlyWithTheSameBytes() throws IOException {
        ConfigStore store = ConfigStore.open(dir);
        Files.writeString(dir.resolve("r1.cfg"), "same\nend\n");
        Files.setPosixFilePermissions(dir.resolve("r1.cfg"), PosixFilePermissions.fromString("rw-r--r--"));

        assertThat(store.write("r1", "same\nend\n")).isEqualTo(new ConfigStore.Written(ConfigStore.Change.UNCHANGED, 9));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("r1.cfg")))).isEqualTo("rw-------");
        assertThat(Files.readString(dir.resolve("r1.cfg"))).isEqualTo("same\nend\n");
        assertThat(files()).containsExactly("r1.cfg");
    }

    @Test
    void keepsThePreviousBackupWhenTheDiskIsFull() throws IOException {
        ConfigStore.open(dir).write("r1", "good\nend\n");
        DurableFiles fullDisk = mock(DurableFiles.class);
        doAnswer(call -> {
            Files.writeString(call.getArgument(0), "half a conf");
            throw new IOException("No space left on device");
        }).when(fullDisk).writeAndSync(any(), any());

        ConfigStore store = ConfigStore.open(dir, fullDisk);

        assertThatThrownBy(() -> store.write("r1", "new\nend\n")).hasMessage("No space left on device");
        assertThat(Files.readString(dir.resolve("r1.cfg"))).isEqualTo("good\nend\n");
        assertThat(files()).containsExactly("r1.cfg");
    }

    /**
     * A configuration not redacted may not replace a redacted backup (its markers would turn back into secrets),
     * wherever the marker is: across the pieces the file is read in, or in a file far larger than the new
     * configuration, which was not read at all (the second review). A redacted one may.
     */
    @Test
    void aRedactedBackupIsNotReplacedByTheSameInClear() throws IOException {
        ConfigStore store = ConfigStore.open(dir);
        String acrossPieces = "x".repeat(64 * 1024 - 5) + "<redacted:1f2e3d4c>\nend\n";
        Files.writeString(dir.resolve("r1.cfg"), acrossPieces);
        String large = "! filler\n".repeat(400_000) + "snmp-server community <redacted:0a0b0c0d> RO\nend\n";
        Files.writeString(dir.resolve("r2.cfg"), large);

        assertThatThrownBy(() -> store.write("r1", "snmp-server community S3cret RO\nend\n"))
                .isInstanceOf(Redactor.RedactionDroppedException.class).hasMessageStartingWith("its backup is redacted (<redacted:1f2e3d4c>");
        assertThatThrownBy(() -> store.write("r2", "snmp-server community S3cret RO\nend\n"))
                .hasMessageStartingWith("its backup is redacted (<redacted:0a0b0c0d> in it)");
        assertThat(Files.readString(dir.resolve("r1.cfg"))).isEqualTo(acrossPieces);
        assertThat(store.write("r2", "snmp-server community <redacted:99999999> RO\nend\n", true).change())
                .isEqualTo(ConfigStore.Change.CHANGED);
        assertThat(store.write("r3", "description <redacted:00000000>\nend\n").change()).isEqualTo(ConfigStore.Change.NEW);
        assertThat(store.write("r3", "description <redacted:00000000>\nend\n").change()).as("a device's own text")
                .isEqualTo(ConfigStore.Change.UNCHANGED);
    }

    @Test
    void createsAMissingOutputDirectoryForItsOwnerOnly() throws IOException {
        Path configs = dir.resolve("configs");

        ConfigStore.open(configs).write("r1", "end\n");

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(configs))).isEqualTo("rwx------");
    }

    /**
     * Never its parents: a volume that did not mount (/mnt/backup) got a fresh directory tree on the disk beneath
     * it, and a new history there, night after night, exit 0 (probe M).
     */
    @Test
    void doesNotMakeTheDirectoriesAboveIt() {
        Path unmounted = dir.resolve("mnt/backup");

        assertThatThrownBy(() -> ConfigStore.open(unmounted.resolve("configs")))
                .hasMessage("the directory it is to be made in, " + unmounted + ", does not exist (a volume not mounted?):"
                        + " make it first");
        assertThat(dir.resolve("mnt")).doesNotExist();
    }

    @Test
    void refusesAnOutputDirectoryThatIsAFile() throws IOException {
        Path file = Files.writeString(dir.resolve("file"), "x");

        assertThatThrownBy(() -> ConfigStore.open(file)).hasMessage(file + " exists and is not a directory");
    }

    @Test
    void refusesATemporaryFilePlantedAsALinkDuringTheRun() throws IOException {
        ConfigStore store = ConfigStore.open(dir);
        store.write("r1", "good\nend\n");
        try (OutputLock lock = store.lock()) {
            Files.createSymbolicLink(dir.resolve(".r1.cfg.tmp"), Victim.in(elsewhere)); // after the lock's clean-up

            assertThatThrownBy(() -> store.write("r1", "new\nend\n")).isInstanceOf(UnsafeFileException.class)
                    .hasMessage("refusing to write through " + dir.resolve(".r1.cfg.tmp") + ": it is a symbolic link (to "
                            + Victim.in(elsewhere) + ")");
        }
        Victim.assertUntouched(elsewhere);
        assertThat(Files.readString(dir.resolve("r1.cfg"))).isEqualTo("good\nend\n");
    }

    @Test
    void aLinkSwappedInBetweenWritingAndRenamingNeverBecomesTheBackup() throws IOException {
        ConfigStore.open(dir).write("r1", "good\nend\n");
        DurableFiles swappedAfterWriting = (file, bytes) -> {
            DurableFiles.LOCAL.writeAndSync(file, bytes);
            Files.delete(file);
            Files.createSymbolicLink(file, Victim.in(elsewhere));
        };
        ConfigStore store = ConfigStore.open(dir, swappedAfterWriting);

        assertThatThrownBy(() -> store.write("r1", "new\nend\n")).isInstanceOf(UnsafeFileException.class)
                .hasMessageContaining(".r1.cfg.tmp: it is a symbolic link");

        Victim.assertUntouched(elsewhere);
        assertThat(Files.isSymbolicLink(dir.resolve("r1.cfg"))).isFalse();
        assertThat(Files.readString(dir.resolve("r1.cfg"))).isEqualTo("good\nend\n");
        assertThat(files()).containsExactly("r1.cfg");
    }

    @Test
    void aLinkAtTheBackupsNameIsReplacedByARegularFileNeverWrittenThrough() throws IOException {
        Files.writeString(Victim.in(elsewhere), "same\nend\n");
        Files.createSymbolicLink(dir.resolve("r1.cfg"), Victim.in(elsewhere));

        ConfigStore.Written written = ConfigStore.open(dir).write("r1", "same\nend\n");

        assertThat(written.change()).as("a link's target is never taken for the backup").isEqualTo(ConfigStore.Change.CHANGED);
        assertThat(Files.isSymbolicLink(dir.resolve("r1.cfg"))).isFalse();
        assertThat(Files.readString(dir.resolve("r1.cfg"))).isEqualTo("same\nend\n");
        assertThat(Files.readString(Victim.in(elsewhere))).isEqualTo("same\nend\n");
    }

    @Test
    void aTemporaryLinkPlantedBeforeTheRunIsRemovedNotFollowed() throws IOException {
        Files.createSymbolicLink(dir.resolve(".r1.cfg.tmp"), Victim.in(elsewhere));
        ConfigStore store = ConfigStore.open(dir);

        try (OutputLock lock = store.lock()) {
            store.write("r1", "new\nend\n");
        }

        Victim.assertUntouched(elsewhere);
        assertThat(Files.readString(dir.resolve("r1.cfg"))).isEqualTo("new\nend\n");
    }

    @Test
    void refusesALockFileThatIsALink() throws IOException {
        Files.createSymbolicLink(dir.resolve(".backup.lock"), Victim.in(elsewhere));

        assertThatThrownBy(() -> ConfigStore.open(dir).lock()).isInstanceOf(UnsafeFileException.class)
                .hasMessage("refusing to write through " + dir.resolve(".backup.lock") + ": it is a symbolic link (to "
                        + Victim.in(elsewhere) + ")");
        Victim.assertUntouched(elsewhere);
    }

    @Test
    void refusesALockFileThatIsADirectory() throws IOException {
        Files.createDirectory(dir.resolve(".backup.lock"));

        assertThatThrownBy(() -> ConfigStore.open(dir).lock()).isInstanceOf(UnsafeFileException.class)
                .hasMessage("refusing to write through " + dir.resolve(".backup.lock") + ": it is a directory");
    }

    @Test
    void refusesALockFileThatIsAHardLinkToAnotherFile() throws IOException {
        Path victim = Files.writeString(dir.resolve("victim-in-place"), "precious\n");
        Files.createLink(dir.resolve(".backup.lock"), victim);

        assertThatThrownBy(() -> ConfigStore.open(dir).lock()).isInstanceOf(UnsafeFileException.class)
                .hasMessageContaining(".backup.lock: it is a hard link to another file (2 names)");
        assertThat(Files.readString(victim)).isEqualTo("precious\n");
    }

    /** A directory with something in it where a device's temporary file goes is named, not a raw exception (probe I). */
    @Test
    void aFullDirectoryInPlaceOfATemporaryFileIsRefusedNamingIt() throws IOException {
        Path inTheWay = Files.createDirectory(dir.resolve(".csr1.cfg.tmp"));
        Files.writeString(inTheWay.resolve("x"), "x");

        assertThatThrownBy(() -> ConfigStore.open(dir).lock()).isInstanceOf(UnsafeFileException.class)
                .hasMessage("refusing to write through " + inTheWay + ": it is a directory");
        assertThat(inTheWay.resolve("x")).hasContent("x");
    }

    /** A stray file of gigabytes where a backup goes is replaced without being read (it failed the device on memory). */
    @Test
    void aHugeFileInPlaceOfABackupIsReplacedWithoutBeingRead() throws IOException {
        try (var file = new java.io.RandomAccessFile(dir.resolve("r1.cfg").toFile(), "rw")) {
            file.setLength(3L << 30); // sparse: no disk, but more bytes than an array holds
        }

        ConfigStore.Written written = ConfigStore.open(dir).write("r1", "end\n");

        assertThat(written.change()).isEqualTo(ConfigStore.Change.CHANGED);
        assertThat(dir.resolve("r1.cfg")).hasContent("end");
    }

    @Test
    void refusesAnOutputDirectoryOthersCanWrite() throws IOException {
        for (String mode : List.of("rwxrwxrwx", "rwx---rwx")) {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString(mode));

            assertThatThrownBy(() -> ConfigStore.open(dir)).isInstanceOf(UnsafeFileException.class)
                    .hasMessage(dir + " can be written by others (" + mode + "), who could plant links in it: chmod go-w " + dir);
        }
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        ConfigStore.open(dir).write("r1", "end\n");
    }

    /** Group-writable for a group with members besides us: refused. (Root alone can give a directory such a group.) */
    @Test
    void refusesAnOutputDirectoryItsGroupCanWriteWhereTheGroupIsNotOursAlone() throws IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getProperty("user.name").equals("root"),
                "only root can give a directory another group");
        Path shared = Files.createDirectory(dir.resolve("shared"));
        Files.getFileAttributeView(shared, java.nio.file.attribute.PosixFileAttributeView.class).setGroup(
                dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByGroupName("daemon"));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxr-x"));

        assertThatThrownBy(() -> ConfigStore.open(shared)).isInstanceOf(UnsafeFileException.class)
                .hasMessage(shared + " can be written by others (rwxrwxr-x), who could plant links in it: chmod go-w " + shared);
    }

    /**
     * Debian's user private groups: a user's directories are group-writable (umask 002) for a group nobody else is
     * in, and a checkout's configs/ with them (probe J). Where the group is ours alone, that is no one else's write.
     */
    @Test
    void acceptsAnOutputDirectoryWritableByAGroupThatIsOursAlone() throws IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue(PrivateGroup.isOwnGroupOf(dir), "this user's group is not private");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxr-x"));

        ConfigStore.open(dir).write("r1", "end\n");

        assertThat(dir.resolve("r1.cfg")).hasContent("end");
    }

    @Test
    void aGroupIsOursAloneOnlyIfNoOtherUserIsInItOrHasItAsPrimaryGroup() {
        var groups = List.of("root:x:0:", "alice:x:1000:", "staff:x:50:alice,bob", "solo:x:60:alice", "ghost:x:70:");
        var users = List.of("root:x:0:0:root:/root:/bin/bash", "alice:x:1000:1000::/home/alice:/bin/sh",
                "bob:x:1001:70::/home/bob:/bin/sh");
        assertThat(PrivateGroup.isOwnGroup(1000, "alice", groups, users)).isTrue();
        assertThat(PrivateGroup.isOwnGroup(60, "alice", groups, users)).isTrue();
        assertThat(PrivateGroup.isOwnGroup(50, "alice", groups, users)).as("bob is a member").isFalse();
        assertThat(PrivateGroup.isOwnGroup(70, "alice", groups, users)).as("bob's primary group").isFalse();
        assertThat(PrivateGroup.isOwnGroup(80, "alice", groups, users)).as("not described").isFalse();
        assertThat(PrivateGroup.ownGid(List.of("Uid:\t0\t0\t0\t0", "Gid:\t100\t200\t200\t200"))).contains(200L);
    }

    /**
     * A directory above the output directory that others may write lets them swap the output directory for a link
     * of theirs during a run: every backup and the history's objects were then written where they could read them
     * (probe I). Refused before anything is written, naming the directory; the sticky bit (/tmp) protects what is ours.
     */
    @Test
    void refusesAnOutputDirectoryUnderADirectoryOthersCanWrite() throws IOException {
        Path open = Files.createDirectory(dir.resolve("open"));
        Path configs = Files.createDirectory(open.resolve("configs"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwx------")));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxrwx"));

        assertThatThrownBy(() -> ConfigStore.open(configs)).isInstanceOf(UnsafeFileException.class)
                .hasMessage(open + ", a directory above the output directory " + configs + ", can be written by others "
                        + "(rwxrwxrwx), who could put a link of theirs in its place during a run: chmod go-w " + open
                        + ", or use another output directory");
        assertThat(configs.resolve("r1.cfg")).doesNotExist();

        Files.setAttribute(open, "unix:mode", 01777); // as /tmp: others may not rename what is ours
        ConfigStore.open(configs).write("r1", "end\n");
        assertThat(configs.resolve("r1.cfg")).exists();
    }

    /** The same for a parent reached through a link: the directories the path really goes through count too. */
    @Test
    void refusesAnOutputDirectoryWhoseRealParentOthersCanWrite() throws IOException {
        Path open = Files.createDirectory(dir.resolve("open"));
        Path configs = Files.createDirectory(open.resolve("configs"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwx------")));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path link = Files.createSymbolicLink(dir.resolve("link"), configs);

        assertThatThrownBy(() -> ConfigStore.open(link)).isInstanceOf(UnsafeFileException.class)
                .hasMessageStartingWith(open + ", a directory above the output directory " + link + ", can be written by others");
    }

    /**
     * Reached through links whose own directories others can write (a chain, or a '..' after a link), the output
     * directory is used by its real path once checked: a link swapped during the run changes nothing (the cold
     * review; the path as given was looked up again at every write).
     */
    @Test
    void theOutputDirectoryIsUsedByTheRealPathItWasCheckedAt() throws IOException {
        Path real = Files.createDirectory(dir.resolve("real"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwx------")));
        Path open = Files.createDirectory(dir.resolve("open"));
        Path hop = Files.createSymbolicLink(open.resolve("hop"), real);
        Path given = Files.createSymbolicLink(dir.resolve("given"), hop);
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path theirs = Files.createDirectory(dir.resolve("theirs"));

        ConfigStore store = ConfigStore.open(given);
        Files.delete(hop); // what whoever may write open/ can do while the run is under way
        Files.createSymbolicLink(hop, theirs);
        store.write("r1", "end\n");

        assertThat(store.directory()).isEqualTo(real.toRealPath());
        assertThat(real.resolve("r1.cfg")).hasContent("end");
        assertThat(theirs.resolve("r1.cfg")).doesNotExist();
    }

    @Test
    void refusesAnOutputDirectoryUnderADirectoryOfAnotherUser() throws IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getProperty("user.name").equals("root"),
                "only root can give a directory to another user");
        Path theirs = Files.createDirectory(dir.resolve("theirs"));
        Path configs = Files.createDirectory(theirs.resolve("configs"));
        Files.setOwner(theirs, dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody"));

        assertThatThrownBy(() -> ConfigStore.open(configs)).isInstanceOf(UnsafeFileException.class)
                .hasMessage(theirs + ", a directory above the output directory " + configs + ", belongs to nobody, who "
                        + "could put a link of theirs in its place during a run: use an output directory whose parents "
                        + "belong to you or root");
    }

    @Test
    void refusesAnOutputDirectoryOfAnotherUser() throws IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getProperty("user.name").equals("root"),
                "only root can give a directory to another user");
        var nobody = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
        Path theirs = Files.createDirectory(dir.resolve("theirs"));
        Files.setOwner(theirs, nobody);

        assertThatThrownBy(() -> ConfigStore.open(theirs)).isInstanceOf(UnsafeFileException.class)
                .hasMessageStartingWith(theirs + " belongs to nobody, not to root");
    }

    @Test
    void aRedactionKeyThatIsALinkIsRefusedNotRead() throws IOException {
        Files.writeString(Victim.in(elsewhere), "00".repeat(32));
        Files.setPosixFilePermissions(Victim.in(elsewhere), PosixFilePermissions.fromString("rw-r--r--"));
        Files.createSymbolicLink(dir.resolve(".redact-key"), Victim.in(elsewhere));

        assertThatThrownBy(() -> Redactor.forDirectory(dir)).isInstanceOf(UnsafeFileException.class)
                .hasMessage("refusing to write through " + dir.resolve(".redact-key") + ": it is a symbolic link (to "
                        + Victim.in(elsewhere) + ")");
    }
}
