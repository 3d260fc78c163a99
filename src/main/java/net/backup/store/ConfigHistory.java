package net.backup.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * The output directory as a git repository (JGit: no git binary needed). A run that changed something
 * becomes exactly one commit holding just the files it wrote; a run that changed nothing commits nothing.
 */
public final class ConfigHistory implements AutoCloseable {
    /** Files of ours that are not configurations and must never be committed. */
    private static final String IGNORED = ".backup.lock\n.*.cfg.tmp\n.redact-key\n.redact-key.tmp\n";

    private final Git git;

    private ConfigHistory(Git git) {
        this.git = git;
    }

    /** Uses the repository in {@code directory} as it is, or creates one there. */
    public static ConfigHistory open(Path directory) throws IOException {
        try {
            if (Files.isDirectory(directory.resolve(".git"))) {
                return new ConfigHistory(Git.open(directory.toFile()));
            }
            Git git = Git.init().setDirectory(directory.toFile()).setInitialBranch("main").call();
            Files.writeString(directory.resolve(".gitignore"), IGNORED);
            return new ConfigHistory(git);
        } catch (GitAPIException e) {
            throw new IOException("cannot create a git repository in " + directory + ": " + e.getMessage(), e);
        }
    }

    /** One commit of the given configuration files (names relative to the directory); nothing if the list is empty. */
    public Optional<RevCommit> commit(List<String> files, String subject, List<String> body, PersonIdent author)
            throws IOException {
        if (files.isEmpty()) {
            return Optional.empty();
        }
        try {
            var add = git.add();
            var commit = git.commit();
            for (String file : files) {
                add.addFilepattern(file);
                // Only our files: whatever else someone staged in this repository stays out of our commit.
                commit.setOnly(file);
            }
            if (Files.exists(git.getRepository().getWorkTree().toPath().resolve(".gitignore"))) {
                add.addFilepattern(".gitignore");
                commit.setOnly(".gitignore");
            }
            add.call();
            String message = subject + (body.isEmpty() ? "" : "\n\n" + String.join("\n", body)) + "\n";
            return Optional.of(commit.setMessage(message).setAuthor(author).setCommitter(author).call());
        } catch (GitAPIException e) {
            throw new IOException("cannot commit to the history in " + git.getRepository().getWorkTree() + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        git.close();
    }
}
