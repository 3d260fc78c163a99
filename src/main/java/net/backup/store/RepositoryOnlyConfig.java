package net.backup.store;

import java.io.IOException;
import java.nio.file.Path;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.storage.file.FileBasedConfig;
import org.eclipse.jgit.util.FS;
import org.eclipse.jgit.util.SystemReader;

/**
 * What JGit learns from the host, narrowed so that the history behaves the same on every host: only the
 * repository's own {@code .git/config} applies. Git's system config ({@code /etc/gitconfig}), the user's
 * ({@code ~/.gitconfig}, {@code $XDG_CONFIG_HOME/git/config}) and the user's {@code git/ignore} are not read,
 * since they could change what a commit stores or whether it happens ({@code core.autocrlf},
 * {@code core.excludesFile}, {@code core.attributesFile} and its filters, {@code commit.gpgSign}) or run
 * programs ({@code core.hooksPath}). JGit sees no environment variable either through this reader: none of
 * them (PATH, GIT_*) has a say in the history, and the environment holds the devices' credentials. (The wrapped
 * reader still finds JGit's own cache below by XDG_CONFIG_HOME.)
 *
 * <p>JGit takes this from one JVM-wide {@link SystemReader}, so {@link #install} wraps the current one, once;
 * everything else (the clock, the host name) still comes from it. One thing is left to the wrapped reader:
 * JGit's own config ({@code ~/.config/jgit/config}), where JGit caches the file system's timestamp resolution.
 * It is kept out of the chain the repository's config inherits from (our user and system configs have no
 * parent), and without it every run would measure the resolution again, which takes JGit over three seconds.
 */
final class RepositoryOnlyConfig extends SystemReader.Delegate {
    RepositoryOnlyConfig(SystemReader host) {
        super(host);
    }

    /** Puts it in place for the whole JVM unless it already is; call it before opening a repository. */
    static synchronized void install() {
        SystemReader current = SystemReader.getInstance();
        if (!(current instanceof RepositoryOnlyConfig)) {
            SystemReader.setInstance(new RepositoryOnlyConfig(current));
        }
    }

    @Override
    public FileBasedConfig openSystemConfig(Config parent, FS fs) {
        return new NoConfig(fs);
    }

    @Override
    public FileBasedConfig openUserConfig(Config parent, FS fs) {
        return new NoConfig(fs);
    }

    @Override
    public String getenv(String variable) {
        return null;
    }

    /** JGit reads the user's {@code git/ignore} from here, config or not. */
    @Override
    public Path getXdgConfigDirectory(FS fs) {
        return null;
    }

    /** A config with no file and no parent: empty, and it stays so. */
    private static final class NoConfig extends FileBasedConfig {
        NoConfig(FS fs) {
            super(null, null, fs);
        }

        @Override
        public void load() {
        }

        @Override
        public boolean isOutdated() {
            return false;
        }

        @Override
        public void save() throws IOException {
            throw new IOException("the history writes no git configuration outside its repository");
        }
    }
}
