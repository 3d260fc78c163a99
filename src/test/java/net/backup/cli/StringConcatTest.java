package net.backup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The pom compiles string concatenation inline (-XDstringConcat=inline), a hidden javac option: a javac that
 * dropped it would go back to invokedynamic without a word, and every run would again link each
 * concatenation the first time it ran. This looks at what was compiled.
 */
class StringConcatTest {
    @Test
    void noCompiledClassConcatenatesStringsThroughInvokedynamic() throws Exception {
        Path classes = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Path> files;
        try (Stream<Path> walk = Files.walk(classes)) {
            files = walk.filter(file -> file.toString().endsWith(".class")).toList();
        }

        assertThat(files).as("classes under %s", classes).hasSizeGreaterThan(100);
        assertThat(files).filteredOn(StringConcatTest::usesIndyConcatenation).as("classes linking concatenations at run time")
                .isEmpty();
    }

    /** The bootstrap method's name stands in the constant pool of any class that uses it. */
    private static boolean usesIndyConcatenation(Path classFile) {
        try {
            return new String(Files.readAllBytes(classFile), StandardCharsets.ISO_8859_1).contains("makeConcatWithConstants");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
