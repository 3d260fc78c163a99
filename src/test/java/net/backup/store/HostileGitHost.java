package net.backup.store;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.storage.file.FileBasedConfig;
import org.eclipse.jgit.util.FS;
import org.eclipse.jgit.util.FS_POSIX;
import org.eclipse.jgit.util.SystemReader;

/**
 * A host whose git set-up would change the history, as JGit's default {@link SystemReader} would show it, built
 * in a temporary directory instead of the real home: {@code PATH} leads to a fake {@code git} (which writes a
 * marker when run, and names a system config), {@code XDG_CONFIG_HOME} to a user config the test writes.
 * Installed JVM-wide for one test and put back by {@link #close} (surefire runs a fork's tests one at a time).
 */
final class HostileGitHost extends SystemReader.Delegate implements AutoCloseable {
    private final SystemReader previous;
    private final Path home;

    private HostileGitHost(SystemReader previous, Path home) {
        super(previous);
        this.previous = previous;
        this.home = home;
    }

    static HostileGitHost install(Path home) throws IOException {
        Files.createDirectories(home.resolve("xdg/git"));
        Files.createDirectories(home.resolve("bin"));
        Files.writeString(home.resolve("system-gitconfig"), "");
        Path git = home.resolve("bin/git");
        Files.writeString(git, """
                #!/bin/sh
                echo "$*" >> '%s'
                case "$1" in
                  --version) echo 'git version 2.43.0' ;;
                  config) printf 'file:%%s\\0core.autocrlf\\0true\\0' '%s' ;;
                esac
                """.formatted(home.resolve("git-ran"), home.resolve("system-gitconfig")));
        Files.setPosixFilePermissions(git, PosixFilePermissions.fromString("rwx------"));
        var host = new HostileGitHost(SystemReader.getInstance(), home);
        SystemReader.setInstance(host);
        return host;
    }

    /** The user's git config ({@code $XDG_CONFIG_HOME/git/config}). */
    HostileGitHost userConfig(String text) throws IOException {
        Files.writeString(home.resolve("xdg/git/config"), text);
        return this;
    }

    /** JGit's own config ({@code $XDG_CONFIG_HOME/jgit/config}), where JGit caches timestamp resolutions. */
    HostileGitHost jgitConfig(String text) throws IOException {
        file("xdg/jgit/config", text);
        return this;
    }

    /** The system config the fake git names. */
    HostileGitHost systemConfig(String text) throws IOException {
        Files.writeString(home.resolve("system-gitconfig"), text);
        return this;
    }

    /** A file under the host's home, for hooks, ignore and attributes files. */
    Path file(String relative, String text) throws IOException {
        Path file = home.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    /** An executable script that appends {@code name} to the marker file {@code ran} when run. */
    Path script(String relative, String name) throws IOException {
        Path script = file(relative, "#!/bin/sh\necho " + name + " >> '" + ran() + "'\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }

    /** Where scripts and filters of the test say they ran. */
    Path ran() {
        return home.resolve("ran");
    }

    /** Where the fake git says it ran. */
    Path gitRan() {
        return home.resolve("git-ran");
    }

    @Override
    public String getenv(String variable) {
        Map<String, String> hostile = Map.of("PATH", home.resolve("bin").toString(),
                "XDG_CONFIG_HOME", home.resolve("xdg").toString(), "DEVPW", "device-password");
        return hostile.containsKey(variable) ? hostile.get(variable) : super.getenv(variable);
    }

    @Override
    public FileBasedConfig openUserConfig(Config parent, FS fs) {
        return new FileBasedConfig(parent, home.resolve("xdg/git/config").toFile(), fs);
    }

    /** As JGit's default reader: under {@code XDG_CONFIG_HOME} (the default reader asks the real environment). */
    @Override
    public FileBasedConfig openJGitConfig(Config parent, FS fs) {
        return new FileBasedConfig(parent, home.resolve("xdg/jgit/config").toFile(), fs);
    }

    /**
     * As JGit's default reader: the system config is where {@code git config --system} says. A fresh FS asks,
     * since {@link FS#DETECTED} asks once per JVM and may have asked before this test.
     */
    @Override
    public FileBasedConfig openSystemConfig(Config parent, FS fs) {
        File found = new FS_POSIX() {
        }.getGitSystemConfig();
        return new FileBasedConfig(parent, found != null ? found : home.resolve("no-system-gitconfig").toFile(), fs);
    }

    @Override
    public void close() {
        SystemReader.setInstance(previous);
    }
}
