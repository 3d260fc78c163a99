package net.backup.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OwnersTest {
    @TempDir
    Path dir;

    /** The run's user is the effective uid the kernel reports, a uid the user database need not know. */
    @Test
    void theRunsUserIsTheEffectiveUidOfTheProcess() throws IOException {
        assertThat(Owners.ownUid(List.of("Name:\tjava", "Umask:\t0022", "Uid:\t4242\t4343\t4343\t4343")))
                .contains(4343L);
        assertThat(Owners.ownUid(List.of("Name:\tjava"))).isEmpty();
        Path mine = Files.createFile(dir.resolve("mine"));
        assertThat(Owners.ownUid(Files.readAllLines(Path.of("/proc/self/status"))))
                .contains(uidOf(mine));
    }

    /**
     * After a run as root, the user's run was denied the lock file and stopped with the JDK's own words
     * ("java.nio.file.AccessDeniedException: .../.backup.lock"), its history was "not found": the owner is why.
     */
    @Test
    void aFileOfAnotherUserIsWhyItWasDenied() throws IOException {
        Path lock = Files.createFile(dir.resolve(".backup.lock"));
        long owner = uidOf(lock);
        String ownerName = Files.getOwner(lock).getName();

        assertThat(Owners.deniedBecause(lock, dir, owner + 4343, "alice")).contains("it belongs to " + ownerName
                + ", not to alice (left by a run as " + ownerName + "?): give the output directory back with sudo chown -R alice "
                + dir);
    }

    /** The command is typed as shown: a path with a blank made it a chown of two other paths (the cold review). */
    @Test
    void theCommandQuotesWhatTheShellWouldSplit() throws IOException {
        Path lock = Files.createFile(dir.resolve(".backup.lock"));

        assertThat(Owners.deniedBecause(lock, Path.of("/srv/net backups"), uidOf(lock) + 4343, "o'brien")).get().asString()
                .endsWith("give the output directory back with sudo chown -R 'o'\\''brien' '/srv/net backups'");
    }

    @Test
    void noReasonForItsOwnerForRootOrForAFileThatIsNotThere() throws IOException {
        Path lock = Files.createFile(dir.resolve(".backup.lock"));

        assertThat(Owners.deniedBecause(lock, dir, uidOf(lock), "alice")).isEmpty();
        assertThat(Owners.deniedBecause(lock, dir, Owners.ROOT, "root")).isEmpty();
        assertThat(Owners.deniedBecause(dir.resolve("gone"), dir, uidOf(lock) + 4343, "alice")).isEmpty();
    }

    private static long uidOf(Path file) throws IOException {
        return ((Number) Files.getAttribute(file, "unix:uid")).longValue();
    }
}
