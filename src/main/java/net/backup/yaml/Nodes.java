package net.backup.yaml;

import java.util.Set;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Type checks on snakeyaml nodes, each failure the loader's own exception (made by its {@link YamlSource}:
 * an {@code InventoryException} for the inventory, a {@code PlatformException} for a platform file) naming
 * line and field.
 */
public final class Nodes {
    /** Plain scalars only: a tag such as {@code !!java.net.URL} is refused, never resolved. */
    private static final Set<Tag> SCALAR_TAGS = Set.of(Tag.STR, Tag.INT, Tag.FLOAT, Tag.BOOL);

    private Nodes() {
    }

    public static MappingNode mapping(Node node, String field, YamlSource source) {
        if (node instanceof MappingNode mapping && mapping.getTag().equals(Tag.MAP)) {
            return mapping;
        }
        throw source.fail(source.at(node.getStartMark()) + ": " + field
                + ": expected a mapping of key: value, got " + describe(node));
    }

    public static SequenceNode sequence(Node node, String field, YamlSource source) {
        if (node instanceof SequenceNode sequence && sequence.getTag().equals(Tag.SEQ)) {
            return sequence;
        }
        throw source.fail(source.at(node.getStartMark()) + ": " + field
                + ": expected a list (lines starting with '- '), got " + describe(node));
    }

    /** A non-empty scalar's text; numbers and booleans are taken as written ({@code password: 1234}). */
    public static String text(Node node, String field, YamlSource source) {
        if (node instanceof ScalarNode scalar && SCALAR_TAGS.contains(scalar.getTag())
                && !scalar.getValue().isEmpty()) {
            return scalar.getValue();
        }
        throw source.fail(source.at(node.getStartMark()) + ": " + field
                + ": expected a value, got " + describe(node));
    }

    /**
     * As {@link #text}, but an empty text written in quotes ({@code ""}) is a value: an empty enable password
     * (a Cisco ASA's before 9.12) is said that way. A key with nothing after it stays an error: that is far
     * more often a value forgotten than one meant empty.
     */
    public static String textOrQuotedEmpty(Node node, String field, YamlSource source) {
        if (node instanceof ScalarNode scalar && scalar.getTag().equals(Tag.STR) && scalar.getValue().isEmpty()
                && scalar.getScalarStyle() != DumperOptions.ScalarStyle.PLAIN) {
            return "";
        }
        return text(node, field, source);
    }

    public static String key(NodeTuple tuple, String field, YamlSource source) {
        Node key = tuple.getKeyNode();
        if (key instanceof ScalarNode scalar && scalar.getTag().equals(Tag.STR)) {
            return scalar.getValue();
        }
        throw source.fail(source.at(key.getStartMark()) + ": " + field
                + ": keys must be plain words, got " + describe(key));
    }

    /**
     * What was written instead of a value, in words that do not need YAML: a value YAML read as something else
     * (null, an anchor, a tag) says so and to quote it, since that is what a password such as {@code ~}, {@code &x1}
     * or {@code !pass} needs. The null's text is not repeated: it may be the secret.
     */
    public static String describe(Node node) {
        if (node instanceof ScalarNode scalar) {
            if (scalar.getValue().isEmpty() && node.getAnchor() != null) {
                return "only an anchor ('&' starts one in YAML; put a value that starts with '&' in quotes)";
            }
            if (scalar.getTag().equals(Tag.NULL) && !scalar.getValue().isEmpty()) {
                return "YAML's null (a bare ~ or null means no value; put it in quotes if it is the value itself)";
            }
            if (scalar.getTag().equals(Tag.NULL) || scalar.getValue().isEmpty()) {
                return "nothing";
            }
            if (!SCALAR_TAGS.contains(scalar.getTag())) {
                return unsupportedTag(node);
            }
            return "'" + scalar.getValue() + "'";
        }
        if (!Set.of(Tag.MAP, Tag.SEQ).contains(node.getTag())) {
            return unsupportedTag(node);
        }
        return node instanceof MappingNode ? "a mapping" : "a list";
    }

    private static String unsupportedTag(Node node) {
        return "the unsupported tag " + node.getTag().getValue() + " ('!' starts one in YAML; put a value that starts "
                + "with '!' in quotes)";
    }
}
