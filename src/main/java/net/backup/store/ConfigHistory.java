package net.backup.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.JGitInternalException;
import org.eclipse.jgit.errors.RevisionSyntaxException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.RepositoryState;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * The output directory as a git repository (JGit: no git binary needed). A run becomes at most one commit,
 * of the device files whose content differs from the last commit: those it wrote, and those an earlier run
 * stored but could not commit (killed, a full disk, a stale lock), so the history always catches up.
 *
 * <p>The history holds every configuration ever stored, so it is kept owner-only like the files themselves:
 * JGit creates directories and objects with the process's umask (0755, 0444), whatever the directory's mode.
 */
public final class ConfigHistory implements AutoCloseable {
    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    /** The branch a history is created on, and the one its nights are expected on. */
    static final String MAIN = "main";

    /** What JGit says around the cause, which tells the user nothing. */
    private static final List<String> GENERIC = List.of("Exception caught during execution of", "Walk failure.");

    private final Git git;
    private final Path workTree;
    private final Path gitDir;
    private final boolean ownerOnly;
    private final List<String> warnings;

    private ConfigHistory(Git git, boolean ownerOnly, List<String> warnings) {
        this.git = git;
        this.workTree = git.getRepository().getWorkTree().toPath();
        this.gitDir = git.getRepository().getDirectory().toPath();
        this.ownerOnly = ownerOnly;
        this.warnings = List.copyOf(warnings);
    }

    /**
     * Uses the repository in {@code directory} as it is, or creates one there (owner-only). Call it only while
     * holding the directory's {@link OutputLock}: a lock file a killed commit left is then known to be stale
     * (no other run can be committing) and is removed ({@link StaleLocks}).
     */
    public static ConfigHistory open(Path directory) throws IOException {
        Path gitDir = directory.resolve(Constants.DOT_GIT);
        try {
            if (Files.isDirectory(gitDir, LinkOption.NOFOLLOW_LINKS)) { // a link is in the way, refused by create
                return existing(directory, gitDir);
            }
            return create(directory, gitDir);
        } catch (GitAPIException | JGitInternalException e) {
            throw new IOException("cannot create a git repository in " + directory + ": " + reason(e), e);
        }
    }

    private static ConfigHistory create(Path directory, Path gitDir) throws IOException, GitAPIException {
        Path ignore = directory.resolve(OutputFiles.GITIGNORE);
        if (ExclusiveFiles.attributes(ignore).isEmpty()) {
            ExclusiveFiles.createAndSync(ignore, OutputFiles.ignored().getBytes(StandardCharsets.UTF_8), ExclusiveFiles.OWNER_ONLY);
        } else {
            ExclusiveFiles.requireRegularFile(ignore); // someone's own .gitignore stays; a link is refused
        }
        try {
            Files.createDirectory(gitDir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (FileAlreadyExistsException e) {
            throw UnsafeFileException.inTheWay(gitDir); // not a directory, yet there: a dangling link, a file
        }
        Git git = HistoryRepository.create(directory);
        keepOwnerOnly(gitDir);
        return new ConfigHistory(git, true, List.of());
    }

    /**
     * Stale locks and JGit's temporary leftovers removed, the last commit read once, so that a damaged history
     * stops the run before any device, and an index that cannot be read rebuilt from that commit.
     */
    private static ConfigHistory existing(Path directory, Path gitDir) throws IOException {
        Git git = HistoryRepository.open(directory);
        try {
            Repository repository = git.getRepository();
            var warnings = new ArrayList<>(StaleLocks.remove(repository));
            TemporaryLeftovers.remove(gitDir, Instant.now()).ifPresent(warnings::add);
            warnIfDetached(repository, gitDir, warnings);
            boolean ownerOnly = !readableByOthers(gitDir, warnings);
            requireReadableLastCommit(repository);
            UnreadableIndex.rebuild(repository).ifPresent(warnings::add);
            return new ConfigHistory(git, ownerOnly, warnings);
        } catch (IOException | RuntimeException e) {
            git.close();
            throw e;
        }
    }

    private static void requireReadableLastCommit(Repository repository) throws IOException {
        try {
            committedRegularFiles(repository);
        } catch (IOException | RevisionSyntaxException | JGitInternalException e) {
            throw new IOException("its last commit cannot be read: " + reason(e), e);
        }
    }

    /**
     * Someone checked out an old commit to look at it and left it so: the run's commits then hang off that
     * commit, on no branch, and the next checkout of the branch leaves them behind (reachable only through
     * git's reflog). Said every run, until a branch is checked out again.
     */
    private static void warnIfDetached(Repository repository, Path gitDir, List<String> warnings) throws IOException {
        Ref head = repository.exactRef(Constants.HEAD);
        if (head != null && !head.isSymbolic()) {
            warnings.add("the history in " + gitDir + " is on a detached HEAD (" + head.getObjectId().abbreviate(7).name()
                    + "): this run's commit goes on no branch; check a branch out again (git checkout main)");
        } else if (head != null && !head.getTarget().getName().equals(Constants.R_HEADS + MAIN)
                && repository.exactRef(Constants.R_HEADS + MAIN) != null) {
            // A branch checked out to look at something, left so: the nights go on it, and main, which people read,
            // falls behind without a word (probe M).
            String branch = Repository.shortenRefName(head.getTarget().getName());
            warnings.add("the history in " + gitDir + " has branch " + branch + " checked out, not " + MAIN
                    + ": this run's commit goes on " + branch + "; if that was not meant, take main back and the nights with"
                    + " it, in " + gitDir.getParent() + ": git checkout " + MAIN + " && git merge " + branch);
        }
    }

    private static boolean readableByOthers(Path gitDir, List<String> warnings) throws IOException {
        Set<PosixFilePermission> mode;
        try {
            mode = Files.getPosixFilePermissions(gitDir);
        } catch (UnsupportedOperationException notPosix) {
            return false;
        }
        if (mode.stream().noneMatch(OTHERS::contains)) {
            return false;
        }
        warnings.add("the history in " + gitDir + " holds every configuration stored so far and others can read it ("
                + PosixFilePermissions.toString(mode) + "): chmod -R go-rwx " + gitDir);
        return true;
    }

    /** What the caller should tell the user, once: a stale lock removed, an index rebuilt, a history others can read. */
    public List<String> warnings() {
        return warnings;
    }

    /**
     * Which of {@code files} (names in the directory) differ from the last commit: new, changed, or stored by
     * an earlier run that never committed them. Only regular files count: a link is never committed.
     */
    public List<String> pending(List<String> files) throws IOException {
        var pending = new ArrayList<String>();
        try (var formatter = new ObjectInserter.Formatter()) {
            Map<String, ObjectId> committed = committedRegularFiles(git.getRepository());
            for (String file : files) {
                Path path = workTree.resolve(file);
                if (ExclusiveFiles.isRegularFile(path)
                        && !formatter.idFor(Constants.OBJ_BLOB, ExclusiveFiles.readRegularFile(path)).equals(committed.get(file))) {
                    pending.add(file);
                }
            }
        } catch (JGitInternalException e) {
            throw new IOException("cannot read the history in " + workTree + ": " + reason(e), e);
        }
        return pending;
    }

    /** The regular files at the top of the last commit (where the backups are), by name; none before the first. */
    private static Map<String, ObjectId> committedRegularFiles(Repository repository) throws IOException {
        var committed = new HashMap<String, ObjectId>();
        ObjectId head = repository.resolve(Constants.HEAD + "^{tree}");
        if (head == null) {
            return committed;
        }
        try (var walk = new TreeWalk(repository)) {
            walk.addTree(head);
            while (walk.next()) {
                if (FileMode.REGULAR_FILE.equals(walk.getRawMode(0))) {
                    committed.put(walk.getPathString(), walk.getObjectId(0));
                }
            }
        }
        return committed;
    }

    /**
     * One commit of {@code files} (from {@link #pending}), plus our {@code .gitignore} if it is not committed
     * yet; nothing if the list is empty.
     *
     * @return the new commit's id
     *
     * @throws IOException one line saying why, whatever JGit threw
     */
    public Optional<String> commit(List<String> files, String message, CommitAuthor author) throws IOException {
        if (files.isEmpty()) {
            return Optional.empty();
        }
        requireNoUnfinishedOperation();
        requireNoOtherGitProcess();
        var paths = new LinkedHashSet<>(files);
        paths.addAll(pending(List.of(OutputFiles.GITIGNORE)));
        try (var marker = CommitMarker.place(gitDir)) {
            var add = git.add().setWorkingTreeIterator(new WorkTreeWithoutIgnores(git.getRepository()));
            var commit = git.commit();
            for (String file : paths) {
                add.addFilepattern(file);
                // Only our files: whatever else someone staged in this repository stays out of our commit.
                commit.setOnly(file);
            }
            add.call();
            var person = new PersonIdent(author.name(), author.email());
            // Not signed and no pre-commit or commit-msg hook, whatever the repository's config says: a backup
            // commits without a key, a pass phrase or a program (NoProgramsFs skips the other hooks).
            commit.setSign(false).setNoVerify(true);
            RevCommit made = commit.setMessage(message).setAuthor(person).setCommitter(person).call();
            if (ownerOnly) {
                keepOwnerOnly(gitDir);
            }
            return Optional.of(made.name());
        } catch (GitAPIException | JGitInternalException | IOException e) {
            throw new IOException("cannot commit to the history in " + workTree + ": " + reason(e), e);
        }
    }

    /** Checked before anything is staged: a commit that then failed would leave our files among the person's. */
    private void requireNoUnfinishedOperation() throws IOException {
        RepositoryState state;
        try {
            state = git.getRepository().getRepositoryState();
        } catch (UncheckedIOException e) { // the index, read for unmerged paths
            throw new IOException("cannot commit to the history in " + workTree + ": " + reason(e.getCause()), e);
        }
        Optional<UnfinishedOperation> operation = UnfinishedOperation.of(state);
        if (operation.isPresent()) {
            throw new IOException("cannot commit to the history in " + workTree + ": it is in the middle of "
                    + operation.get().what() + " (" + state.name() + "); " + operation.get().advice());
        }
    }

    /**
     * A lock file in the way belongs to another git process (ours are removed when the history is opened): a
     * commit of ours now would fail, or, had the lock been removed, break that process's commit.
     */
    private void requireNoOtherGitProcess() throws IOException {
        Optional<Path> lock = CommitLocks.held(git.getRepository());
        if (lock.isPresent()) {
            throw new IOException("cannot commit to the history in " + workTree + ": " + lock.get()
                    + " is there, so another git process seems to be using it (if none is running, remove that file)");
        }
    }

    /**
     * JGit wraps the cause (a full disk, a lock, a corrupt object) in generic messages: every message that says
     * something new, outermost first (a wrapper of ours already quotes its causes).
     */
    static String reason(Throwable e) {
        var messages = new LinkedHashSet<String>();
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
            if (GENERIC.stream().noneMatch(message::startsWith) && messages.stream().noneMatch(m -> m.contains(message))) {
                messages.add(message);
            }
        }
        if (messages.isEmpty()) {
            messages.add(e.getMessage());
        }
        return String.join(": ", messages);
    }

    /** JGit writes with the umask and makes objects 0444: take group and others' bits off everything in .git. */
    static void keepOwnerOnly(Path gitDir) throws IOException {
        Files.walkFileTree(gitDir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) throws IOException {
                strip(dir);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                if (attributes.isRegularFile()) {
                    strip(file);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE; // a temporary file JGit removed meanwhile
            }
        });
    }

    private static void strip(Path path) throws IOException {
        Set<PosixFilePermission> mode;
        try {
            mode = Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
        } catch (UnsupportedOperationException notPosix) {
            return;
        }
        if (mode.removeAll(OTHERS)) {
            Files.setPosixFilePermissions(path, mode);
        }
    }

    @Override
    public void close() {
        git.close();
    }
}
