package net.backup.store;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.errors.ConfigInvalidException;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.lib.ConfigConstants;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.storage.file.FileBasedConfig;
import org.eclipse.jgit.util.FS;
import org.eclipse.jgit.util.SystemReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What JGit learns from the host, narrowed so that the history behaves the same on every host: only the
 * repository's own {@code .git/config} applies. Git's system config ({@code /etc/gitconfig}), the user's
 * ({@code ~/.gitconfig}, {@code $XDG_CONFIG_HOME/git/config}) and the user's {@code git/ignore} are not read,
 * since they could change what a commit stores or whether it happens ({@code core.autocrlf},
 * {@code core.excludesFile}, {@code core.attributesFile} and its filters, {@code commit.gpgSign}) or run
 * programs ({@code core.hooksPath}). JGit sees no environment variable either through this reader: none of
 * them (PATH, GIT_*) has a say in the history, and the environment holds the devices' credentials. (The wrapped
 * reader still finds JGit's own cache below by XDG_CONFIG_HOME.) In the system config's place are the
 * history's own defaults ({@link HistoryDefaults}), the same on every host.
 *
 * <p>JGit takes this from one JVM-wide {@link SystemReader}, so {@link #install} wraps the current one, once;
 * everything else (the clock, the host name) still comes from it. One thing is left to the wrapped reader:
 * JGit's own config ({@code ~/.config/jgit/config}), where JGit caches each file store's timestamp resolution
 * (for racy-git checks of the index) after measuring it, which takes over three seconds. JGit writes that cache
 * there but reads it back through the user config, whose parents normally lead to JGit's own: so the user
 * config here holds that one section ({@code filesystem}) of JGit's config and nothing else. With an empty user
 * config JGit found nothing, measured again on every run (log and diff too) and rewrote the file each time.
 * Nothing but that cache reads the {@code filesystem} section, so the repository's config gains nothing it
 * acts on; the rest of JGit's config ({@code core.autocrlf} there, say) stays out of the repository's view.
 */
final class RepositoryOnlyConfig extends SystemReader.Delegate {
    private static final Logger LOG = LoggerFactory.getLogger(RepositoryOnlyConfig.class);

    RepositoryOnlyConfig(SystemReader host) {
        super(host);
    }

    /** Puts it in place for the whole JVM unless it already is; call it before opening a repository. */
    static synchronized void install() {
        SystemReader current = SystemReader.getInstance();
        if (!(current instanceof RepositoryOnlyConfig)) {
            var reader = new RepositoryOnlyConfig(current);
            SystemReader.setInstance(reader);
            TimestampMeasurement.decide(reader.openJGitConfig(null, FS.DETECTED).getFile().toPath());
        }
    }

    private final FileBasedConfig historyDefaults = new HistoryDefaults(FS.DETECTED);

    @Override
    public FileBasedConfig openSystemConfig(Config parent, FS fs) {
        return new HistoryDefaults(fs);
    }

    /**
     * The history's own defaults in place of the system config, without asking for JGit's own config first:
     * JGit's {@code getSystemConfig} reads that as the parent, and one that does not parse would fail every
     * repository this opens.
     */
    @Override
    public StoredConfig getSystemConfig() {
        return historyDefaults;
    }

    @Override
    public FileBasedConfig openUserConfig(Config parent, FS fs) {
        return new TimestampResolutions(historyDefaults, fs);
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

    /**
     * The {@code filesystem} section of JGit's own config, copied when first read: where JGit looks for the
     * timestamp resolution it measured and saved on an earlier run. Read once per JVM, as JGit itself measures a
     * file store at most once per JVM.
     */
    private final class TimestampResolutions extends FileBasedConfig {
        private volatile boolean loaded; // JGit's threads ask isOutdated() too

        TimestampResolutions(Config base, FS fs) {
            super(base, null, fs);
        }

        /**
         * A JGit config that cannot be read leaves the section empty: JGit then measures again, which is only
         * slower, where its exception would fail a commit, log or diff over a file the history does not need.
         */
        @Override
        public void load() {
            clear();
            StoredConfig jgit;
            try {
                jgit = getJGitConfig();
            } catch (IOException | ConfigInvalidException e) {
                LOG.debug("JGit's own config is not read, so its timestamp resolutions are measured again", e);
                loaded = true;
                return;
            }
            String section = ConfigConstants.CONFIG_FILESYSTEM_SECTION;
            for (String store : jgit.getSubsections(section)) {
                for (String name : jgit.getNames(section, store)) {
                    setStringList(section, store, name, List.of(jgit.getStringList(section, store, name)));
                }
            }
            loaded = true;
        }

        @Override
        public boolean isOutdated() {
            return !loaded;
        }

        /** FileBasedConfig's names its file, and this has none: slf4j said so in every --verbose run. */
        @Override
        public String toString() {
            return "JGit's timestamp resolutions, read from its own config";
        }

        @Override
        public void save() throws IOException {
            throw new IOException("the history writes no git configuration outside its repository");
        }
    }

    /**
     * What the history needs whatever the host: JGit to force each object, ref and reflog it writes to disk
     * before renaming it into place, as the backups themselves are. By default it does not, and after a power
     * cut the branch could name a commit whose file is empty: every later run then stops, the history unreadable.
     * (Directories are not synced after those renames; on a journaling file system, ext4 or XFS, a rename does
     * not reach the disk before one made earlier, so a ref is not there before the objects it names.) The
     * repository's own config still has the last word.
     * No file and no parent; it stays as made.
     */
    private static final class HistoryDefaults extends FileBasedConfig {
        HistoryDefaults(FS fs) {
            super(null, null, fs);
            setBoolean(ConfigConstants.CONFIG_CORE_SECTION, null, "fsyncObjectFiles", true);
            setBoolean(ConfigConstants.CONFIG_CORE_SECTION, null, "fsyncRefFiles", true);
        }

        @Override
        public String toString() {
            return "the history's defaults";
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
