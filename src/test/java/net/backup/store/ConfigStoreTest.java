package net.backup.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigStoreTest {
    @TempDir
    Path dir;

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
        java.nio.file.attribute.FileTime written = Files.getLastModifiedTime(dir.resolve("r1.cfg"));
        Files.setLastModifiedTime(dir.resolve("r1.cfg"), java.nio.file.attribute.FileTime.fromMillis(0));

        assertThat(store.write("r1", "same\nend\n").change()).isEqualTo(ConfigStore.Change.UNCHANGED);

        assertThat(Files.getLastModifiedTime(dir.resolve("r1.cfg")).toMillis()).as("not rewritten").isZero();
        assertThat(written.toMillis()).isPositive();
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

    @Test
    void createsAMissingOutputDirectoryForItsOwnerOnly() throws IOException {
        Path nested = dir.resolve("a/configs");

        ConfigStore.open(nested).write("r1", "end\n");

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(nested))).isEqualTo("rwx------");
    }

    @Test
    void refusesAnOutputDirectoryThatIsAFile() throws IOException {
        Path file = Files.writeString(dir.resolve("file"), "x");

        assertThatThrownBy(() -> ConfigStore.open(file)).hasMessage(file + " exists and is not a directory");
    }
}
