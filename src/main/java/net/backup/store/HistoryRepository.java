package net.backup.store;

import java.io.IOException;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;

/**
 * Opens and creates the history's repository the one way it is done: JGit seeing only the repository's own
 * config ({@link RepositoryOnlyConfig}) and running no programs ({@link NoProgramsFs}).
 */
final class HistoryRepository {
    private HistoryRepository() {
    }

    static Git open(Path directory) throws IOException {
        RepositoryOnlyConfig.install();
        return Git.open(directory.toFile(), NoProgramsFs.INSTANCE);
    }

    static Git create(Path directory) throws GitAPIException {
        RepositoryOnlyConfig.install();
        return Git.init().setDirectory(directory.toFile()).setFs(NoProgramsFs.INSTANCE).setInitialBranch("main").call();
    }
}
