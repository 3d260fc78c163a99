package net.backup.files;

import java.nio.file.Path;
import java.util.Optional;

/**
 * This user's home directory, for {@code ~/.ssh/known_hosts} and a {@code ~/} in the inventory. Java reads it
 * from the user database and says {@code ?} for a uid the database does not know (a container run with
 * {@code --user}, systemd's DynamicUser); such a user's {@code HOME} is then the only answer, and a path
 * under {@code ?} (a folder of that name in the working directory) never is.
 */
public final class UserHome {
    private UserHome() {
    }

    public static Optional<Path> directory() {
        return directory(System.getProperty("user.home"), System.getenv("HOME"));
    }

    static Optional<Path> directory(String fromUserDatabase, String fromEnvironment) {
        if (fromUserDatabase != null && !fromUserDatabase.isBlank() && !fromUserDatabase.equals("?")) {
            return Optional.of(Path.of(fromUserDatabase));
        }
        if (fromEnvironment != null && fromEnvironment.startsWith("/")) {
            return Optional.of(Path.of(fromEnvironment));
        }
        return Optional.empty();
    }

    /** For a message: what to do where there is no home. */
    public static final String UNKNOWN = "this user has no home directory (no entry in the user database, no HOME)";

    /** OpenSSH's known_hosts, {@code ~/.ssh/known_hosts}, where there is a home. */
    public static Optional<Path> knownHosts() {
        return directory().map(home -> home.resolve(".ssh").resolve("known_hosts"));
    }
}
