package net.backup.store;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.backup.yaml.Suggestions;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.JGitInternalException;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.diff.Edit;
import org.eclipse.jgit.errors.AmbiguousObjectException;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.errors.RevWalkException;
import org.eclipse.jgit.errors.RevisionSyntaxException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.AbstractTreeIterator;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;
import org.eclipse.jgit.treewalk.EmptyTreeIterator;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.PathFilter;
import org.eclipse.jgit.util.io.DisabledOutputStream;

/** Reads one device's history back: its versions ({@code backup log}) and what changed ({@code backup diff}). */
public final class HistoryReader implements AutoCloseable {
    /** One stored version of a device's configuration. */
    public record Version(String commit, Instant when, int added, int removed, String subject) {
    }

    /** A commit's name, then steps back along first parents only: HEAD~3, a1b2c3d^^. */
    private static final Pattern ANCESTRY_STEPS = Pattern.compile("(.+?)((?:~\\d*|\\^1?)+)");

    private final Path directory;
    private final Git git;
    private final Repository repository;

    private HistoryReader(Path directory, Git git) {
        this.directory = directory;
        this.git = git;
        this.repository = git.getRepository();
    }

    /** @throws HistoryException when the directory has no history */
    public static HistoryReader open(Path directory) throws IOException {
        if (!Files.exists(directory.resolve(Constants.DOT_GIT), LinkOption.NOFOLLOW_LINKS)) {
            throw new HistoryException(directory + " has no history (it is not a git repository; was every run made "
                    + "with --no-history?)");
        }
        try {
            return new HistoryReader(directory, HistoryRepository.open(directory));
        } catch (IOException e) {
            throw cannotUse(directory, e);
        }
    }

    /** The history is there but cannot be read: damaged, or not the directory's own. */
    private static HistoryException cannotUse(Path directory, Exception e) {
        return new HistoryException("cannot use the history in " + directory + ": " + ConfigHistory.reason(e));
    }

    /** Newest first. */
    public List<Version> versions(String device) throws IOException {
        return reading(() -> readVersions(device));
    }

    private List<Version> readVersions(String device) throws IOException, GitAPIException {
        String path = OutputFiles.configOf(device);
        var versions = new ArrayList<Version>();
        try (RevWalk walk = new RevWalk(repository)) {
            for (RevCommit listed : git.log().addPath(path).call()) {
                RevCommit commit = walk.parseCommit(listed);
                RevCommit parent = commit.getParentCount() > 0 ? walk.parseCommit(commit.getParent(0)) : null;
                int added = 0;
                int removed = 0;
                try (var formatter = formatter(DisabledOutputStream.INSTANCE, path)) {
                    for (DiffEntry entry : formatter.scan(tree(parent), tree(commit))) {
                        for (Edit edit : formatter.toFileHeader(entry).toEditList()) {
                            added += edit.getLengthB();
                            removed += edit.getLengthA();
                        }
                    }
                }
                versions.add(new Version(commit.abbreviate(7).name(), Instant.ofEpochSecond(commit.getCommitTime()),
                        added, removed, commit.getShortMessage()));
            }
        }
        if (versions.isEmpty()) {
            throw new HistoryException("no backup of " + device + " in the history of " + repository.getWorkTree()
                    + nearName(device));
        }
        return versions;
    }

    /**
     * The device meant, among those of the last commit: a file's name ({@code r1.cfg}), another case ({@code R1}),
     * a typo. Probe M's {@code backup log r1.cfg} was told only that there was no such backup.
     */
    private String nearName(String typed) throws IOException {
        var names = new ArrayList<String>();
        ObjectId head = repository.resolve(Constants.HEAD + "^{tree}");
        if (head == null) {
            return "";
        }
        try (var walk = new TreeWalk(repository)) {
            walk.addTree(head);
            while (walk.next()) {
                OutputFiles.deviceOf(walk.getNameString()).ifPresent(names::add);
            }
        }
        Optional<String> file = OutputFiles.deviceOf(typed).filter(names::contains);
        if (file.isPresent()) {
            return " (did you mean '" + file.get() + "'? a device's name, not its file's)";
        }
        return Suggestions.didYouMean(typed, names);
    }

    /**
     * A unified diff of the device's configuration: its last change, or everything since {@code since}
     * (a commit, {@code HEAD~3}, a date {@code 2026-11-20} or a date and time {@code 2026-11-20T06:00}).
     */
    public String diff(String device, Optional<String> since) throws IOException {
        return reading(() -> readDiff(device, since));
    }

    private String readDiff(String device, Optional<String> since) throws IOException, GitAPIException {
        String path = OutputFiles.configOf(device);
        Version newest = readVersions(device).get(0);
        try (RevWalk walk = new RevWalk(repository)) {
            RevCommit to;
            RevCommit from;
            if (since.isEmpty()) {
                to = walk.parseCommit(repository.resolve(newest.commit()));
                from = to.getParentCount() > 0 ? walk.parseCommit(to.getParent(0)) : null;
            } else {
                to = walk.parseCommit(repository.resolve("HEAD"));
                Optional<ObjectId> start = resolveSince(walk, since.get());
                from = start.isPresent() ? walk.parseCommit(start.get()) : null;
            }
            var out = new ByteArrayOutputStream();
            try (var formatter = formatter(out, path)) {
                formatter.format(formatter.scan(tree(from), tree(to)));
            }
            // The stored configurations are UTF-8 (the validator keeps nothing else); a byte that is not, in a
            // file someone else committed, becomes U+FFFD.
            return out.toString(StandardCharsets.UTF_8);
        }
    }

    /**
     * The commit to compare from: the one named, or the last one made by the date. A date before the history's
     * first commit is before the first backup: everything since then is the whole configuration, compared
     * with nothing (empty).
     */
    private Optional<ObjectId> resolveSince(RevWalk walk, String since) throws IOException, GitAPIException {
        Optional<RevCommit> commit = commitNamed(walk, since);
        if (commit.isPresent()) {
            return Optional.of(commit.get());
        }
        Optional<Instant> date = parseDate(since);
        if (date.isEmpty()) {
            throw new HistoryException(beyondHistory(walk, since).orElse("--since " + since
                    + " is neither a commit nor a date (2026-11-20 or 2026-11-20T06:00)"));
        }
        Instant when = date.get();
        for (RevCommit candidate : git.log().call()) {
            if (!Instant.ofEpochSecond(candidate.getCommitTime()).isAfter(when)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The commit {@code name} stands for, if it stands for one: a tree, a blob, an unknown id or bad syntax do not. */
    private Optional<RevCommit> commitNamed(RevWalk walk, String name) throws IOException {
        try {
            ObjectId id = repository.resolve(name);
            if (id != null && walk.peel(walk.parseAny(id)) instanceof RevCommit commit) {
                return Optional.of(commit);
            }
        } catch (RevisionSyntaxException | AmbiguousObjectException | IncorrectObjectTypeException | MissingObjectException e) {
            // not a commit's name: perhaps a date
        }
        return Optional.empty();
    }

    /**
     * Why a commit's name followed by ancestry steps ({@code HEAD~3}, {@code a1b2c3d^^}) names nothing, when the
     * commit it starts from exists: the steps go back further than its history.
     */
    private Optional<String> beyondHistory(RevWalk walk, String since) throws IOException {
        Matcher steps = ANCESTRY_STEPS.matcher(since);
        if (!steps.matches()) {
            return Optional.empty();
        }
        Optional<RevCommit> start = commitNamed(walk, steps.group(1));
        if (start.isEmpty()) {
            return Optional.empty();
        }
        int earlier = 0;
        for (RevCommit commit = start.get(); commit.getParentCount() > 0; commit = walk.parseCommit(commit.getParent(0))) {
            earlier++;
        }
        return Optional.of("--since " + since + " goes back further than the history: " + steps.group(1) + " has "
                + (earlier == 0 ? "no commit" : earlier == 1 ? "1 commit" : earlier + " commits") + " before it");
    }

    private static Optional<Instant> parseDate(String text) {
        try {
            return Optional.of(LocalDateTime.parse(text).atZone(ZoneId.systemDefault()).toInstant());
        } catch (DateTimeParseException notDateTime) {
            try {
                return Optional.of(LocalDate.parse(text).atStartOfDay(ZoneId.systemDefault()).toInstant());
            } catch (DateTimeParseException notDate) {
                return Optional.empty();
            }
        }
    }

    private DiffFormatter formatter(OutputStream out, String path) {
        var formatter = new DiffFormatter(out);
        formatter.setRepository(repository);
        formatter.setPathFilter(PathFilter.create(path));
        return formatter;
    }

    private AbstractTreeIterator tree(RevCommit commit) throws IOException {
        if (commit == null) {
            return new EmptyTreeIterator();
        }
        try (ObjectReader reader = repository.newObjectReader()) {
            return new CanonicalTreeParser(null, reader, commit.getTree());
        }
    }

    /** A read of the history that JGit may fail. */
    @FunctionalInterface
    private interface Read<T> {
        T run() throws IOException, GitAPIException;
    }

    /** What JGit throws when the history is damaged (a corrupt object, a walk that fails) becomes one line naming it. */
    private <T> T reading(Read<T> read) throws IOException {
        try {
            return read.run();
        } catch (HistoryException e) {
            throw e;
        } catch (IOException | GitAPIException | JGitInternalException | RevWalkException | RevisionSyntaxException e) {
            throw cannotUse(directory, e);
        }
    }

    @Override
    public void close() {
        git.close();
    }

    /** Something the user asked about is not in the history, or the history cannot be read; the message says which. */
    public static final class HistoryException extends IOException {
        private static final long serialVersionUID = 1L;

        HistoryException(String message) {
            super(message);
        }
    }
}
