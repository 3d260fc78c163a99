package net.backup.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.errors.RepositoryNotFoundException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.RepositoryCache;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * Opens and creates the history's repository the one way it is done: JGit seeing only the repository's own
 * config ({@link RepositoryOnlyConfig}) and running no programs ({@link NoProgramsFs}).
 *
 * <p>The history is the output directory's own: its {@code .git} is a directory, never a link to another
 * repository, and its work tree is the output directory whatever {@code core.worktree} or {@code core.bare}
 * say. JGit would otherwise take both from the repository, and a run would commit another directory's files,
 * or nothing, and report success.
 */
final class HistoryRepository {
    private HistoryRepository() {
    }

    static Git open(Path directory) throws IOException {
        RepositoryOnlyConfig.install();
        Path gitDir = directory.resolve(Constants.DOT_GIT);
        requireOwn(gitDir);
        if (!RepositoryCache.FileKey.isGitRepository(gitDir.toFile(), NoProgramsFs.INSTANCE)) {
            throw new RepositoryNotFoundException(directory.toFile()); // a garbage HEAD, no objects/
        }
        try {
            Repository repository = new FileRepositoryBuilder().setGitDir(gitDir.toFile()).setWorkTree(directory.toFile())
                    .setFS(NoProgramsFs.INSTANCE).setMustExist(true).build();
            return new Git(repository, true);
        } catch (IOException | IllegalArgumentException e) {
            // A .git/config that does not parse is 'Unknown repository format', the file and line in its causes.
            throw new IOException(ConfigHistory.reason(e), e);
        }
    }

    static Git create(Path directory) throws GitAPIException {
        RepositoryOnlyConfig.install();
        return Git.init().setDirectory(directory.toFile()).setFs(NoProgramsFs.INSTANCE).setInitialBranch(ConfigHistory.MAIN).call();
    }

    /** Where a repository keeps what it has: a link in their place would have JGit write into another one. */
    private static final List<String> OWN_DIRECTORIES = List.of("objects", "refs", "logs");

    /**
     * A link (the {@code .git} itself, or its objects, refs or logs), a {@code commondir} file or alternates
     * ({@code objects/info/alternates}, whose objects JGit would then not store again) would make JGit keep
     * the history, or part of it, in another repository.
     */
    private static void requireOwn(Path gitDir) throws IOException {
        if (Files.isSymbolicLink(gitDir)) {
            throw new IOException(gitDir + " is a symbolic link (to " + Files.readSymbolicLink(gitDir)
                    + "), not the directory's own history");
        }
        for (String name : OWN_DIRECTORIES) {
            Path own = gitDir.resolve(name);
            if (Files.isSymbolicLink(own)) {
                throw new IOException(own + " is a symbolic link (to " + Files.readSymbolicLink(own)
                        + "), not the directory's own history");
            }
        }
        for (Path elsewhere : List.of(gitDir.resolve("commondir"), gitDir.resolve("objects").resolve("info").resolve("alternates"))) {
            if (Files.exists(elsewhere, LinkOption.NOFOLLOW_LINKS)) {
                throw new IOException(gitDir + " keeps its history in another repository (" + elsewhere + ")");
            }
        }
    }
}
