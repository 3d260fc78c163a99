package net.backup.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** The file system operations a backup needs to survive a crash; an interface so a full disk can be simulated. */
public interface DurableFiles {

    /** Creates or truncates {@code file} (owner-only), writes {@code bytes} and forces them to disk. */
    void writeAndSync(Path file, byte[] bytes) throws IOException;

    /** The real file system. */
    DurableFiles LOCAL = (file, bytes) -> {
        var ownerOnly = PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
        try (FileChannel channel = FileChannel.open(file, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING), ownerOnly)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
    };
}
