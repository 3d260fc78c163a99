package net.backup.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExclusiveFilesTest {
    @TempDir
    Path dir;

    /**
     * A write that fails part-way leaves no file: the first run on a full disk left an empty {@code .gitignore},
     * which no later run wrote again. The fault is a real one: a child JVM under a file size limit of 512 bytes
     * ({@code ulimit -f 1}; the JVM ignores SIGXFSZ, so the write fails with EFBIG after the first 512 bytes).
     */
    @Test
    void aWriteThatFailsPartWayLeavesNoFile() throws Exception {
        Path file = dir.resolve(".gitignore");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var child = new ProcessBuilder("sh", "-c", "ulimit -f 1 && exec \"$0\" -cp \"$1\" \"$2\" \"$3\"", java,
                System.getProperty("java.class.path"), WriteUnderTheLimit.class.getName(), file.toString())
                .redirectError(dir.resolve("child.err").toFile()).start();
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String said = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(said).as(Files.readString(dir.resolve("child.err"))).startsWith("failed: ").contains("File too large");
        assertThat(file).doesNotExist();
    }

    @Test
    void aWriteThatSucceedsIsWhole() throws IOException {
        Path file = dir.resolve(".gitignore");
        byte[] bytes = "x\n".repeat(1000).getBytes(StandardCharsets.US_ASCII);

        ExclusiveFiles.createAndSync(file, bytes, ExclusiveFiles.OWNER_ONLY);

        assertThat(Files.readAllBytes(file)).isEqualTo(bytes);
        assertThat(Files.readAllLines(file)).hasSize(1000).allMatch(List.of("x")::contains);
    }

    /** Run in the child: writes 4 KB, more than the limit lets through. */
    static final class WriteUnderTheLimit {
        public static void main(String[] args) {
            try {
                ExclusiveFiles.createAndSync(Path.of(args[0]), new byte[4096], ExclusiveFiles.OWNER_ONLY);
                System.out.println("written");
            } catch (IOException e) {
                System.out.println("failed: " + e);
            }
        }
    }
}
