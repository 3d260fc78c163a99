package net.backup.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Whether a file's group is this user's own: Debian and Ubuntu give each user a group of their own (user
 * private groups) and a umask of 002, so a directory a user makes there is group-writable, and nobody else is
 * in the group. Debian's OpenSSH takes such a group for the user alone in its StrictModes checks; so does the
 * tool, on the same terms: the group is the process's, no other user has it as primary group in
 * {@code /etc/passwd}, and {@code /etc/group} names no member but the user. A group those files do not
 * describe (from a directory service) is not taken for the user's own.
 */
final class PrivateGroup {
    private static final Path STATUS = Path.of("/proc/self/status");
    private static final Path GROUPS = Path.of("/etc/group");
    private static final Path USERS = Path.of("/etc/passwd");

    private PrivateGroup() {
    }

    static boolean isOwnGroupOf(Path file) {
        try {
            long gid = ((Number) Files.getAttribute(file, "unix:gid")).longValue();
            Optional<Long> own = ownGid(Files.readAllLines(STATUS));
            return own.isPresent() && own.get() == gid
                    && isOwnGroup(gid, System.getProperty("user.name"), Files.readAllLines(GROUPS), Files.readAllLines(USERS));
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** The effective gid of {@code /proc/self/status} ("Gid: real effective saved fs"). */
    static Optional<Long> ownGid(List<String> status) {
        return status.stream().filter(line -> line.startsWith("Gid:")).findFirst()
                .map(line -> line.substring("Gid:".length()).trim().split("\\s+"))
                .filter(ids -> ids.length >= 2).map(ids -> Long.parseLong(ids[1]));
    }

    /** Whether group {@code gid} has {@code user} alone, by the group and user files' lines. */
    static boolean isOwnGroup(long gid, String user, List<String> groupLines, List<String> userLines) {
        String id = Long.toString(gid);
        boolean described = false;
        for (String line : groupLines) {
            String[] fields = line.split(":", -1); // name:password:gid:member,member
            if (fields.length >= 4 && fields[2].equals(id)) {
                described = true;
                if (Arrays.stream(fields[3].split(",")).anyMatch(member -> !member.isEmpty() && !member.equals(user))) {
                    return false;
                }
            }
        }
        for (String line : userLines) {
            String[] fields = line.split(":", -1); // name:password:uid:gid:...
            if (fields.length >= 4 && fields[3].equals(id) && !fields[0].equals(user)) {
                return false;
            }
        }
        return described;
    }
}
