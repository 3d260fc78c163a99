package net.backup.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.backup.files.FileErrors;

/**
 * The output directory: one {@code <name>.cfg} per device, each replaced atomically, so a reader (or a
 * restore at 3 a.m.) sees either the previous backup or the new one, never half of one.
 */
public final class ConfigStore {
    private final Path directory;
    private final DurableFiles files;

    private ConfigStore(Path directory, DurableFiles files) {
        this.directory = directory;
        this.files = files;
    }

    /** Opens the directory, creating it owner-only if it does not exist. */
    public static ConfigStore open(Path directory, DurableFiles files) throws IOException {
        if (!Files.isDirectory(directory)) {
            if (Files.exists(directory)) {
                throw new IOException(directory + " exists and is not a directory");
            }
            // The directory alone, never its parents: a volume that did not mount (/mnt/backup) would otherwise get
            // a fresh directory tree on the disk beneath it, and every night a new history there, exit 0 (probe M).
            Path parent = directory.toAbsolutePath().getParent();
            if (parent != null && Files.notExists(parent)) {
                throw new IOException("the directory it is to be made in, " + parent + ", does not exist (a volume not"
                        + " mounted?): make it first");
            }
            Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        if (!Files.isWritable(directory)) {
            throw new AccessDeniedException(directory.toString(), null, "the output directory is not writable");
        }
        checkOwnerAndMode(directory);
        checkParents(directory);
        // The directory the checks were made on, from now on: the path as given is looked up again at every use,
        // through links and '..' the checks did not follow, whose directories someone else may be able to change
        // (the cold review: a chain of links, 'open/x/../..').
        return new ConfigStore(directory.toRealPath(), files);
    }

    /**
     * Like OpenSSH's StrictModes: whoever else may write in the directory could plant links or swap files
     * between our checks and our writes, so it must belong to us (or root) and be writable by nobody else.
     */
    static void checkOwnerAndMode(Path directory) throws IOException {
        PosixFileAttributes attributes;
        try {
            attributes = Files.readAttributes(directory, PosixFileAttributes.class);
        } catch (UnsupportedOperationException notPosix) {
            return;
        }
        String owner = attributes.owner().getName();
        Optional<Long> user = Owners.ownUid();
        boolean ours = user.isPresent() ? Owners.uidOf(directory) == user.get() || Owners.uidOf(directory) == Owners.ROOT
                : owner.equals(System.getProperty("user.name")) || owner.equals("root");
        if (!ours) {
            String me = user.map(Owners::userName).orElse(System.getProperty("user.name"));
            throw new UnsafeFileException(directory + " belongs to " + owner + ", not to " + me
                    + (user.orElse(-1L) == Owners.ROOT ? "" : " (or root)")
                    + ": whoever owns it could make this run write elsewhere; use a directory of your own");
        }
        Set<PosixFilePermission> mode = attributes.permissions();
        if (mode.contains(PosixFilePermission.OTHERS_WRITE)
                || mode.contains(PosixFilePermission.GROUP_WRITE) && !PrivateGroup.isOwnGroupOf(directory)) {
            throw new UnsafeFileException(directory + " can be written by others (" + PosixFilePermissions.toString(mode)
                    + "), who could plant links in it: chmod go-w " + directory);
        }
    }

    /**
     * The directories above the output directory as it really is (the store then uses that real path alone):
     * whoever may rename an entry in one of them could swap the output directory for a link of theirs while a run
     * is under way, and
     * every backup, the history's objects with them, would be written where they can read it (probe I, against a
     * parent another user could write). So each must belong to us or root, and be writable by nobody else, but
     * where the sticky bit keeps others from renaming what is ours ({@code /tmp}), or the group is ours alone.
     */
    static void checkParents(Path directory) throws IOException {
        Optional<Long> user = Owners.ownUid();
        for (Path parent = directory.toRealPath().getParent(); parent != null; parent = parent.getParent()) {
            int mode;
            long uid;
            try {
                mode = ((Number) Files.getAttribute(parent, "unix:mode")).intValue();
                uid = Owners.uidOf(parent);
            } catch (UnsupportedOperationException | IllegalArgumentException notUnix) {
                return;
            }
            boolean sticky = (mode & 01000) != 0;
            if (user.isPresent() && uid != user.get() && uid != Owners.ROOT) {
                throw new UnsafeFileException(parent + ", a directory above the output directory " + directory
                        + ", belongs to " + Files.getOwner(parent).getName() + ", who could put a link of theirs in its "
                        + "place during a run: use an output directory whose parents belong to you or root");
            }
            boolean othersMayRename = !sticky && ((mode & 0002) != 0 || (mode & 0020) != 0 && !PrivateGroup.isOwnGroupOf(parent));
            if (othersMayRename) {
                throw new UnsafeFileException(parent + ", a directory above the output directory " + directory
                        + ", can be written by others (" + PosixFilePermissions.toString(Files.getPosixFilePermissions(parent))
                        + "), who could put a link of theirs in its place during a run: chmod go-w " + parent
                        + ", or use another output directory");
            }
        }
    }

    public static ConfigStore open(Path directory) throws IOException {
        return open(directory, DurableFiles.LOCAL);
    }

    public Path directory() {
        return directory;
    }

    /**
     * Takes the directory for this run, then removes temporary files a killed run may have left.
     *
     * @throws OutputLock.LockedException when another run holds it
     */
    public OutputLock lock() throws IOException {
        OutputLock lock;
        try {
            lock = OutputLock.acquire(directory);
        } catch (AccessDeniedException e) {
            throw explained(e);
        }
        try (var leftovers = Files.newDirectoryStream(directory, OutputFiles.temporaryConfigs())) {
            for (Path leftover : leftovers) {
                try {
                    Files.deleteIfExists(leftover); // a link is removed, not followed
                } catch (DirectoryNotEmptyException e) {
                    // No run of ours leaves a directory there: someone put it in a device's way (it was a raw
                    // DirectoryNotEmptyException, exit 1, as if a device had failed).
                    throw UnsafeFileException.inTheWay(leftover);
                }
            }
        } catch (IOException e) {
            lock.close();
            throw e;
        }
        return lock;
    }

    public Path pathOf(String deviceName) {
        return directory.resolve(OutputFiles.configOf(deviceName));
    }

    /** What {@link #write} did. */
    public enum Change { NEW, CHANGED, UNCHANGED }

    /** The outcome of one write: what changed and how many bytes the backup has. */
    public record Written(Change change, long bytes) {
    }

    /**
     * Stores a configuration unless it equals the one already stored. A new one is written next to its
     * final place, synced, then renamed over the old one: on any failure the old file is untouched and the
     * temporary file is gone.
     */
    public Written write(String deviceName, String config) throws IOException {
        return write(deviceName, config, false);
    }

    /**
     * The same, for a configuration whose secrets were replaced with markers ({@code redacted}) or not. One that was
     * not may not replace a backup whose markers it would put back in clear (see {@link Redactor#requireMarkersKept}).
     *
     * @throws Redactor.RedactionDroppedException when it would, the backup kept
     */
    public Written write(String deviceName, String config, boolean redacted) throws IOException {
        try {
            return storeIfChanged(deviceName, config, redacted);
        } catch (AccessDeniedException e) {
            throw explained(e);
        }
    }

    /**
     * Why this run may have been denied {@code file}, if another user owning it is why: a run as root leaves the
     * directory's files to root.
     */
    public Optional<String> deniedBecause(Path file) {
        return Owners.deniedBecause(file, directory);
    }

    /** The same for the history ({@code .git}), which JGit reports as not found when it cannot read it. */
    public Optional<String> historyDeniedBecause() {
        Path history = directory.resolve(OutputFiles.HISTORY);
        return deniedBecause(history).map(reason -> "cannot read " + history + ": " + reason);
    }

    /** {@code e} with why, where the file it names belongs to another user; else {@code e} itself. */
    private IOException explained(AccessDeniedException e) {
        Optional<String> why = e.getFile() == null ? Optional.empty() : deniedBecause(Path.of(e.getFile()));
        return why.<IOException>map(reason -> new DeniedFileException(FileErrors.describe(e) + ": " + reason, e)).orElse(e);
    }

    private Written storeIfChanged(String deviceName, String config, boolean redacted) throws IOException {
        byte[] bytes = config.getBytes(StandardCharsets.ISO_8859_1);
        Path target = pathOf(deviceName);
        Change change = Change.NEW;
        Optional<BasicFileAttributes> existing = ExclusiveFiles.attributes(target);
        if (existing.isPresent()) {
            // Anything but a regular file (a planted link, a FIFO) is replaced, never read or followed; a file of
            // another size differs without being read whole (a stray file of gigabytes failed the device on memory).
            byte[] old = existing.get().isRegularFile() && existing.get().size() == bytes.length
                    ? ExclusiveFiles.readRegularFile(target) : null;
            boolean same = old != null && Arrays.equals(old, bytes);
            if (!redacted && !same) {
                Redactor.requireMarkersKept(target, config);
            }
            if (same) {
                if (!ownerOnly(target)) {
                    // A backup another tool left readable by others (RANCID's, Oxidized's, a copy) is written
                    // again as ours, owner-only, by the same safe replace: not a chmod of a file that may not
                    // be ours.
                    replace(deviceName, bytes);
                }
                return new Written(Change.UNCHANGED, bytes.length);
            }
            change = Change.CHANGED;
        }
        replace(deviceName, bytes);
        return new Written(change, bytes.length);
    }

    private static boolean ownerOnly(Path file) throws IOException {
        return Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS).stream()
                .allMatch(permission -> permission.name().startsWith("OWNER_"));
    }

    private void replace(String deviceName, byte[] bytes) throws IOException {
        Path temp = directory.resolve(OutputFiles.temporaryConfigOf(deviceName));
        try {
            files.writeAndSync(temp, bytes);
            ExclusiveFiles.moveOver(temp, pathOf(deviceName));
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        syncDirectory();
    }

    /** Makes the rename itself durable: without it a crash can bring the old directory entry back. */
    private void syncDirectory() {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException ignored) {
            // Some file systems cannot sync a directory; the file itself is already on disk.
        }
    }
}
