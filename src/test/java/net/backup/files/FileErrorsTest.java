package net.backup.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FileErrorsTest {
    @TempDir
    Path dir;

    /** Tests run as root, where chmod cannot cause these: the exceptions are made as the JDK makes them. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            java.nio.file.AccessDeniedException       | permission denied
            java.nio.file.NoSuchFileException         | no such file or directory
            java.nio.file.NotDirectoryException       | not a directory
            java.nio.file.FileAlreadyExistsException  | already exists
            java.nio.file.DirectoryNotEmptyException  | directory not empty
            java.nio.file.NotLinkException            | not a symbolic link
            java.nio.file.FileSystemException         | file system error
            """)
    void namesTheReasonOfAnExceptionThatCarriesOnlyThePath(String type, String reason) throws Exception {
        var e = (IOException) Class.forName(type).getConstructor(String.class).newInstance("/tmp/ro/sub");

        assertThat(e.getMessage()).isEqualTo("/tmp/ro/sub");
        assertThat(FileErrors.reason(e)).isEqualTo(reason);
        assertThat(FileErrors.describe(e)).isEqualTo(reason + " (/tmp/ro/sub)");
    }

    @Test
    void prefersTheReasonTheSystemGaveInLowerCase() {
        var readOnly = new FileSystemException("/mnt/ro/r.json", null, "Read-only file system");
        var own = new AccessDeniedException("configs", null, "the output directory is not writable");

        assertThat(FileErrors.describe(readOnly)).isEqualTo("read-only file system (/mnt/ro/r.json)");
        assertThat(FileErrors.describe(own)).isEqualTo("the output directory is not writable (configs)");
    }

    @Test
    void namesBothFilesOfAMove() {
        var e = new AccessDeniedException("/out/.r.json.tmp", "/out/r.json", null);

        assertThat(FileErrors.describe(e)).isEqualTo("permission denied (/out/.r.json.tmp -> /out/r.json)");
    }

    @Test
    void anIOExceptionThatIsNotAboutAFileIsItsOwnMessage() {
        assertThat(FileErrors.describe(new IOException("configs exists and is not a directory")))
                .isEqualTo("configs exists and is not a directory");
        assertThat(FileErrors.describe(new IOException())).isEqualTo("IOException");
    }

    /** A write on a full disk throws a plain IOException in strerror's words, capitalised. */
    @Test
    void aSystemErrorWithoutAFileIsInLowerCaseToo() {
        assertThat(FileErrors.describe(new IOException("No space left on device"))).isEqualTo("no space left on device");
        assertThat(FileErrors.describe(new IOException("JGit could not lock"))).isEqualTo("JGit could not lock");
    }

    @Test
    void describesWhatTheFileSystemReallyThrows() {
        Path missing = dir.resolve("missing");
        Path file = dir.resolve("file");

        IOException notFound = catchIo(() -> Files.readAllBytes(missing));
        IOException notADirectory = catchIo(() -> Files.createDirectories(Files.createFile(file).resolve("sub")));

        assertThat(FileErrors.describe(notFound)).isEqualTo("no such file or directory (" + missing + ")");
        assertThat(FileErrors.describe(notADirectory)).startsWith("not a directory (" + file);
    }

    private interface IoAction {
        void run() throws IOException;
    }

    private static IOException catchIo(IoAction action) {
        try {
            action.run();
        } catch (IOException e) {
            return e;
        }
        throw new AssertionError("expected an IOException");
    }
}
