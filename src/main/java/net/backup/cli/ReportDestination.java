package net.backup.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.backup.report.JsonReport;

/**
 * Where {@code --report FILE} may be written. The report is written after every device is done, by a rename
 * that replaces whatever has its name: so a path that is the inventory, the known_hosts file, a key file or
 * anything in the output directory would silently replace it with JSON, and a directory that cannot take the
 * file would only be found out after the whole run. Both are refused before any device is contacted.
 */
final class ReportDestination {
    /** A file the run reads and the report must never replace, and what to call it in the error. */
    record KeptFile(String role, Path path) {
    }

    private ReportDestination() {
    }

    /**
     * @throws FailureHandler.UsageException naming {@code report} and why it cannot be written there
     */
    static void check(Path report, Path outputDir, List<KeptFile> kept) {
        Set<Path> landings = forms(report);
        for (KeptFile file : kept) {
            if (landings.stream().anyMatch(forms(file.path())::contains)) {
                throw refuse(report, "that is " + file.role() + " (" + file.path() + "); the report would replace it");
            }
        }
        for (Path outputForm : forms(outputDir)) {
            if (landings.stream().anyMatch(landing -> landing.startsWith(outputForm))) {
                throw refuse(report, "it is in the output directory " + outputDir
                        + ", where the report would replace a backup or the history's files; write it elsewhere");
            }
        }
        if (!JsonReport.isStream(report)) { // /dev/stdout, a pipe: written as they are, in no directory
            checkWritable(report, landingOf(report));
        }
    }

    private static void checkWritable(Path report, Path landing) {
        if (Files.isDirectory(landing)) {
            throw refuse(report, "is a directory");
        }
        Path directory = landing.getParent();
        if (!Files.exists(directory)) {
            throw refuse(report, "no such directory (" + directory + ")");
        } else if (!Files.isDirectory(directory)) {
            throw refuse(report, "not a directory (" + directory + ")");
        } else if (!Files.isWritable(directory)) {
            throw refuse(report, "directory not writable (" + directory + ")");
        }
    }

    /**
     * Both places a path may stand for: where a rename puts a file of that name (a link there is replaced, not
     * followed) and the file a link there leads to. Comparing both refuses {@code --report} through a link,
     * through {@code ..}, or at a link to the inventory, as well as at the inventory itself.
     */
    private static Set<Path> forms(Path path) {
        return new HashSet<>(List.of(landingOf(path), realPath(path))); // one path when no link is involved
    }

    /** The real directory the file is in, then its name: the path a rename to {@code path} replaces. */
    private static Path landingOf(Path path) {
        Path absolute = path.toAbsolutePath();
        Path parent = absolute.getParent();
        return parent == null ? absolute : realPath(parent).resolve(absolute.getFileName()).normalize();
    }

    /** Links and {@code ..} resolved as far as the path exists; the part that does not yet exist is appended. */
    private static Path realPath(Path path) {
        Path missing = Path.of("");
        for (Path existing = path.toAbsolutePath(); existing != null; existing = existing.getParent()) {
            try {
                return existing.toRealPath().resolve(missing).normalize();
            } catch (IOException notThere) {
                missing = existing.getFileName() == null ? missing : existing.getFileName().resolve(missing);
            }
        }
        return path.toAbsolutePath().normalize();
    }

    private static FailureHandler.UsageException refuse(Path report, String why) {
        return new FailureHandler.UsageException("--report " + report + ": " + why);
    }
}
