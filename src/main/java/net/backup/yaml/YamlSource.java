package net.backup.yaml;

import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.function.Function;
import net.backup.files.FileErrors;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads a YAML file into snakeyaml's node tree, which keeps the line and column of every key and value.
 * Nothing is ever constructed from the document's tags: the tree is walked by the loader (inventory,
 * platform files), and every mistake becomes one exception of the loader's kind naming file, line and column.
 */
public final class YamlSource {
    private static final int MAX_BYTES = 16 * 1024 * 1024;

    private final String fileLabel;
    private final Kind kind;
    private final Function<String, RuntimeException> failure;

    /**
     * What a file read this way is meant to be, for the messages that come before its content is known.
     *
     * @param name     {@code an inventory file}
     * @param needs    what an empty file lacks: {@code a 'devices:' list}
     * @param howToName how to give another path when a relative one is not found ({@code give its path with -i
     *                 FILE}), or nothing
     */
    public record Kind(String name, String needs, String howToName) {
        public Kind(String name, String needs) {
            this(name, needs, "");
        }
    }

    /** @param failure makes the loader's own exception from a message fit to print */
    public YamlSource(String fileLabel, Kind kind, Function<String, RuntimeException> failure) {
        this.fileLabel = fileLabel;
        this.kind = kind;
        this.failure = failure;
    }

    /** An exception of the loader's kind: {@code file:line:column: message}. */
    public RuntimeException fail(String message) {
        return failure.apply(message);
    }

    public Node compose(Path file) {
        return composeText(readUtf8(file));
    }

    /** The same, for a document that is not a file (a resource in the jar). */
    public Node composeText(String text) {
        var options = new LoaderOptions();
        options.setMaxAliasesForCollections(20);
        options.setNestingDepthLimit(20);
        options.setCodePointLimit(MAX_BYTES);
        try {
            // The composer alone, as Yaml.compose builds it: a Yaml object would also build a constructor we never
            // use, whose first use starts java.util.logging (about 20 ms of every start).
            var parser = new ParserImpl(new StreamReader(new StringReader(text)), options);
            Node root = new Composer(parser, new Resolver(), options).getSingleNode();
            if (root == null) {
                throw fail(fileLabel + ": the file is empty: it needs " + kind.needs());
            }
            return root;
        } catch (MarkedYAMLException e) {
            SyntaxErrors.Explained explained = SyntaxErrors.explain(e, text);
            throw fail(at(explained.where()) + ": " + explained.message());
        } catch (YAMLException e) {
            throw fail(fileLabel + ": malformed YAML: " + oneLine(e.getMessage()));
        }
    }

    public String label() {
        return fileLabel;
    }

    public String at(Mark mark) {
        return mark == null ? fileLabel : fileLabel + ":" + (mark.getLine() + 1) + ":" + (mark.getColumn() + 1);
    }

    private String readUtf8(Path file) {
        try {
            if (Files.isDirectory(file)) {
                throw fail(fileLabel + ": is a directory, not " + kind.name());
            }
            if (Files.size(file) > MAX_BYTES) {
                throw fail(fileLabel + ": larger than 16 MiB; is this really " + kind.name() + "?");
            }
            byte[] bytes = Files.readAllBytes(file);
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (NoSuchFileException e) {
            throw fail(fileLabel + ": file not found" + whereLookedFor(file));
        } catch (CharacterCodingException e) {
            throw fail(fileLabel + ": not UTF-8 text");
        } catch (IOException e) {
            throw fail(fileLabel + ": cannot read: " + FileErrors.reason(e));
        }
    }

    /**
     * A relative path is taken from the current directory, which is not always the one people think of (cron's is the
     * home directory): where it was looked for is said, and how to name the file. An absolute path was given on
     * purpose, and is said as it is.
     */
    private String whereLookedFor(Path file) {
        if (file.isAbsolute()) {
            return "";
        }
        return " (looked for " + file.toAbsolutePath() + ", relative to the current directory)"
                + (kind.howToName().isEmpty() ? "" : "; " + kind.howToName());
    }

    private static String oneLine(String text) {
        return text == null ? "unreadable document" : text.replaceAll("\\s+", " ").trim();
    }
}
