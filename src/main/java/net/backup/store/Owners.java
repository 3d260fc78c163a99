package net.backup.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import net.backup.files.ShellWords;

/**
 * Who runs, and who owns a file. A run as root (sudo, a system cron job) leaves the output directory's lock, history
 * and backups to root, and the user's next run is then denied them; the JDK says "permission denied" and the path,
 * not why, and JGit says a history it cannot read is not there.
 */
final class Owners {
    static final long ROOT = 0;
    /**
     * This process's user, on Linux: the effective uid of {@code /proc/self/status} ("Uid: real effective saved
     * fs"). Not the owner of {@code /proc/self}, which is root for a process that is not dumpable (a JVM with file
     * capabilities), nor the JDK's UnixSystem, which says 0 for a uid the user database does not know.
     */
    private static final Path OWN_STATUS = Path.of("/proc/self/status");

    private Owners() {
    }

    /**
     * By number: a uid the user database does not know (a container's --user) has no name to compare. Empty where
     * there is no {@code /proc}.
     */
    static Optional<Long> ownUid() {
        try {
            return ownUid(Files.readAllLines(OWN_STATUS));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    static Optional<Long> ownUid(List<String> status) {
        return status.stream().filter(line -> line.startsWith("Uid:")).findFirst()
                .map(line -> line.substring("Uid:".length()).trim().split("\\s+"))
                .filter(ids -> ids.length >= 2).map(ids -> Long.parseLong(ids[1]));
    }

    static long uidOf(Path path) throws IOException {
        return ((Number) Files.getAttribute(path, "unix:uid")).longValue();
    }

    /** The name this process runs as, for messages. */
    static String userName(long uid) {
        String name = System.getProperty("user.name");
        return name == null || name.isBlank() || name.equals("?") ? "uid " + uid : name;
    }

    /** Why this run may be denied {@code file} of the output directory {@code directory}, if its owner is why. */
    static Optional<String> deniedBecause(Path file, Path directory) {
        return ownUid().flatMap(user -> deniedBecause(file, directory, user, userName(user)));
    }

    /**
     * {@code it belongs to root, not to alice (left by a run as root?): give the output directory back with sudo chown -R
     * alice DIR}, when {@code file} belongs to another user than {@code user} (named {@code me}); empty for root, who
     * is denied nothing for its owner, and where the owner cannot be told.
     */
    static Optional<String> deniedBecause(Path file, Path directory, long user, String me) {
        if (user == ROOT) {
            return Optional.empty();
        }
        try {
            long owner = uidOf(file);
            if (owner == user) {
                return Optional.empty();
            }
            String ownerName = Files.getOwner(file).getName();
            return Optional.of("it belongs to " + ownerName + ", not to " + me + " (left by a run as " + ownerName
                    + "?): give the output directory back with sudo chown -R " + ShellWords.quote(me) + " "
                    + ShellWords.quote(directory.toString()));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
