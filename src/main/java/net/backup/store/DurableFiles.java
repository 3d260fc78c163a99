package net.backup.store;

import java.io.IOException;
import java.nio.file.Path;

/** The file system operations a backup needs to survive a crash; an interface so a full disk can be simulated. */
public interface DurableFiles {

    /**
     * Creates {@code file} (owner-only; it must not exist, not even as a link), writes {@code bytes} and forces
     * them to disk.
     */
    void writeAndSync(Path file, byte[] bytes) throws IOException;

    /** The real file system. */
    DurableFiles LOCAL = (file, bytes) -> ExclusiveFiles.createAndSync(file, bytes, ExclusiveFiles.OWNER_ONLY);
}
