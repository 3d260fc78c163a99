package net.backup.store;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The temporary files JGit deletes when it is done, and leaves forever when it is killed first: a loose object
 * being written ({@code objects/noz<number>.tmp}, renamed into {@code objects/xx/} once complete), a large index
 * being written ({@code jgit_<number>.buf}), and its measurement of the file system's timestamp resolution
 * ({@code .probe-<uuid>}, at each run when it cannot save the result). Only those exact names, in the one
 * folder JGit makes each in, and only regular files: nothing else under {@code .git} is touched, and a link is
 * never followed.
 *
 * <p>Only one older than JGit ever keeps it is removed: another JGit program (an IDE's git, say) may be writing
 * one into the same repository right now, and its commit would fail without it. An object is given an hour
 * (a large one on a slow disk); a probe a minute, since JGit's measurement ends within seconds, and runs whose
 * user has no home to keep its result in measure in the background and may leave one at every exit
 * ({@link TimestampMeasurement}). A leftover younger than that is removed by a later run.
 */
final class TemporaryLeftovers {

    private static final Pattern UUID = Pattern.compile("\\p{XDigit}{8}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{12}");

    /** Where JGit makes each, and its name there: {@code File.createTempFile} puts an unsigned number between. */
    private static final List<Place> PLACES = List.of(
            new Place("objects", Pattern.compile("noz\\d+\\.tmp"), Duration.ofHours(1)),
            new Place(".", Pattern.compile("jgit_\\d+\\.buf"), Duration.ofHours(1)),
            new Place(".", Pattern.compile("\\.probe-" + UUID), Duration.ofMinutes(1)));

    private record Place(String folder, Pattern name, Duration age) {
    }

    private TemporaryLeftovers() {
    }

    /** Removes them. @return the warning to give, when any was removed */
    static Optional<String> remove(Path gitDir, Instant now) throws IOException {
        int removed = 0;
        for (Place place : PLACES) {
            removed += remove(gitDir.resolve(place.folder()).normalize(), place.name(), now.minus(place.age()));
        }
        if (removed == 0) {
            return Optional.empty();
        }
        return Optional.of("removed " + removed + (removed == 1 ? " temporary file" : " temporary files") + " JGit left in "
                + gitDir + " when it was interrupted");
    }

    private static int remove(Path folder, Pattern name, Instant olderThan) throws IOException {
        int removed = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder, entry -> name.matcher(entry.getFileName().toString()).matches())) {
            for (Path entry : entries) {
                Optional<BasicFileAttributes> attributes = ExclusiveFiles.attributes(entry);
                if (attributes.isPresent() && attributes.get().isRegularFile()
                        && attributes.get().lastModifiedTime().toInstant().isBefore(olderThan)) {
                    Files.deleteIfExists(entry); // unlink: a link swapped in meanwhile is removed, not followed
                    removed++;
                }
            }
        } catch (NoSuchFileException noFolder) {
            return removed;
        }
        return removed;
    }
}
