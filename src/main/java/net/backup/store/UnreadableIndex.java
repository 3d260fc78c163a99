package net.backup.store;

import java.io.EOFException;
import java.io.File;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.errors.CorruptObjectException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;

/**
 * The index ({@code .git/index}) is only a cache: the last commit's tree plus what is staged. JGit refuses to
 * commit through one it cannot read ({@code Short read of block.}, a checksum mismatch: a crash while it was
 * written, a bad block), and nothing ever rewrites it, so every later commit would fail the same way. It is
 * rebuilt from HEAD's tree, never left empty: an empty index reads, to the next {@code git commit} someone
 * makes by hand, as every device's file deleted. What was staged in it is lost; the unreadable file is kept
 * beside it for whoever wants to look.
 */
final class UnreadableIndex {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private UnreadableIndex() {
    }

    /**
     * Rebuilds the index if it cannot be read. Left alone when someone else holds its lock: that is said when
     * the commit is skipped for it.
     *
     * @return the warning to give when it was rebuilt
     */
    static Optional<String> rebuild(Repository repository) throws IOException {
        File index = repository.getIndexFile();
        Optional<String> reason = whyUnreadable(repository);
        if (reason.isEmpty()) {
            return Optional.empty();
        }
        var rebuilt = new DirCache(index, repository.getFS());
        try (var marker = CommitMarker.place(repository.getDirectory().toPath())) {
            if (!rebuilt.lock()) {
                return Optional.empty();
            }
            try {
                Path aside = replace(repository, rebuilt);
                return Optional.of("rebuilt " + index + " from the last commit: it could not be read (" + reason.get()
                        + "); the unreadable one is kept as " + aside);
            } finally {
                rebuilt.unlock(); // a no-op once committed; before the marker goes, in any case
            }
        }
    }

    /** @return where the unreadable index is kept */
    private static Path replace(Repository repository, DirCache rebuilt) throws IOException {
        File index = repository.getIndexFile();
        fillFromHead(repository, rebuilt);
        rebuilt.write();
        // Kept aside only once the new index is written in full: a crash before the rename below leaves the
        // unreadable index in place, and the next run rebuilds it again.
        Path aside = keepAside(index.toPath());
        if (!rebuilt.commit()) {
            throw new IOException("cannot replace " + index + " with one rebuilt from the last commit");
        }
        return aside;
    }

    /**
     * Why JGit cannot read the index, where it is damaged (cut short, its checksum or signature wrong); empty when it
     * can, when there is none (an empty index, to JGit), or when it is an index JGit does not know how to read (git's
     * split or sparse index: an extension JGit lacks, which is no damage, and rebuilt it would lose what a person
     * staged, the cold review). Such an index makes the commit fail instead, with JGit's words.
     */
    private static Optional<String> whyUnreadable(Repository repository) throws IOException {
        try {
            DirCache.read(repository);
            return Optional.empty();
        } catch (CorruptObjectException | EOFException e) {
            return isDamage(e) ? Optional.of(ConfigHistory.reason(e)) : Optional.empty();
        }
    }

    /** Cut short, or not what was written (JGit's words for a wrong checksum or signature). */
    static boolean isDamage(IOException e) {
        String said = String.valueOf(e.getMessage());
        return e instanceof EOFException || said.contains("checksum mismatch") || said.contains("Not a DIRC file");
    }

    private static void fillFromHead(Repository repository, DirCache index) throws IOException {
        ObjectId tree = repository.resolve(Constants.HEAD + "^{tree}");
        DirCacheBuilder builder = index.builder();
        if (tree != null) { // before the first commit, the right index is an empty one
            try (ObjectReader reader = repository.newObjectReader()) {
                builder.addTree(new byte[0], DirCacheEntry.STAGE_0, reader, tree);
            }
        }
        builder.finish();
    }

    private static Path keepAside(Path index) throws IOException {
        Path aside = index.resolveSibling(index.getFileName() + ".damaged-" + STAMP.format(Instant.now()));
        try {
            Files.copy(index, aside, LinkOption.NOFOLLOW_LINKS, StandardCopyOption.COPY_ATTRIBUTES);
        } catch (FileAlreadyExistsException sameMillisecond) {
            // kept already
        }
        return aside;
    }
}
