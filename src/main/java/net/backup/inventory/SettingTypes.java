package net.backup.inventory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import net.backup.size.Sizes;
import net.backup.time.Durations;
import net.backup.yaml.Nodes;
import net.backup.yaml.YamlSource;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/** The kinds of value an inventory key holds, each read from its YAML node and checked, with the message to print. */
final class SettingTypes {
    /** max_output: enough for a banner and a prompt; at most what one Java string can hold, with room. */
    static final long MIN_OUTPUT = Sizes.KIB;
    static final long MAX_OUTPUT = Sizes.GIB;
    static final int MAX_RETRIES = 10;
    /** How YAML types a plain value: the same resolver the files are read with. */
    private static final Resolver UNQUOTED = new Resolver();

    static final Setting.Type<String> TEXT = Nodes::text;
    static final Setting.Type<String> TEXT_OR_QUOTED_EMPTY = Nodes::textOrQuotedEmpty;
    static final Setting.Type<String> HOST = SettingTypes::host;
    static final Setting.Type<Integer> PORT = SettingTypes::port;
    static final Setting.Type<Integer> RETRIES = SettingTypes::retries;
    static final Setting.Type<Boolean> BOOLEAN = SettingTypes::bool;
    static final Setting.Type<Duration> DURATION = SettingTypes::duration;
    static final Setting.Type<Long> OUTPUT_SIZE = SettingTypes::size;
    static final Setting.Type<List<String>> COMMANDS = SettingTypes::commands;
    static final Setting.Type<List<String>> GROUP_NAMES = (node, field, source) ->
            list(node, field, source, "a list of group names, like [core, branch]");

    private SettingTypes() {
    }

    private static String host(Node node, String field, YamlSource source) {
        String text = Nodes.text(node, field, source);
        HostSyntax.problem(text).ifPresent(problem -> {
            throw new InventoryException(source.at(node.getStartMark()) + ": " + field + ": " + problem + ", got '"
                    + text + "'");
        });
        return text;
    }

    private static int port(Node node, String field, YamlSource source) {
        String text = Nodes.text(node, field, source);
        if (readsAs(node, Tag.INT)) {
            try {
                int port = Integer.parseInt(text);
                if (port >= 1 && port <= 65535) {
                    return port;
                }
            } catch (NumberFormatException ignored) {
                // falls through to the error below
            }
        }
        throw new InventoryException(source.at(node.getStartMark()) + ": " + field
                + ": expected a port number from 1 to 65535, got '" + text + "'");
    }

    private static int retries(Node node, String field, YamlSource source) {
        String text = Nodes.text(node, field, source);
        if (readsAs(node, Tag.INT) && text.matches("\\d{1,2}")
                && Integer.parseInt(text) <= MAX_RETRIES) {
            return Integer.parseInt(text);
        }
        throw new InventoryException(source.at(node.getStartMark()) + ": " + field
                + ": expected a number of retries from 0 to " + MAX_RETRIES + ", got '" + text + "'");
    }

    private static boolean bool(Node node, String field, YamlSource source) {
        String text = Nodes.text(node, field, source);
        if (readsAs(node, Tag.BOOL)) {
            return Set.of("true", "yes", "on").contains(text.toLowerCase(Locale.ROOT));
        }
        throw new InventoryException(source.at(node.getStartMark()) + ": " + field
                + ": expected true or false, got '" + text + "'");
    }

    /**
     * Whether the value is of that type as written, or would be without its quotes: people quote values in YAML
     * ({@code port: "22"}, {@code save: "false"}), and a quoted number or boolean is read as the same text unquoted
     * would be, as a quoted duration already is (and a platform file's booleans are).
     */
    private static boolean readsAs(Node node, Tag tag) {
        ScalarNode scalar = (ScalarNode) node;
        return scalar.getTag().equals(tag) || scalar.getTag().equals(Tag.STR)
                && scalar.getScalarStyle() != DumperOptions.ScalarStyle.PLAIN
                && UNQUOTED.resolve(NodeId.scalar, scalar.getValue(), true).equals(tag);
    }

    private static Duration duration(Node node, String field, YamlSource source) {
        String text = Nodes.text(node, field, source);
        try {
            Duration duration = Durations.parse(text);
            if (duration.isZero() || duration.compareTo(Durations.LONGEST) > 0) {
                throw new IllegalArgumentException("'" + text + "' must be more than 0 and at most 24 hours");
            }
            return duration;
        } catch (IllegalArgumentException e) {
            throw new InventoryException(source.at(node.getStartMark()) + ": " + field + ": " + e.getMessage());
        }
    }

    private static long size(Node node, String field, YamlSource source) {
        String text = Nodes.text(node, field, source);
        try {
            long size = Sizes.parse(text);
            if (size < MIN_OUTPUT || size > MAX_OUTPUT) {
                throw new IllegalArgumentException("'" + text + "' must be from " + Sizes.human(MIN_OUTPUT) + " to "
                        + Sizes.human(MAX_OUTPUT));
            }
            return size;
        } catch (IllegalArgumentException e) {
            throw new InventoryException(source.at(node.getStartMark()) + ": " + field + ": " + e.getMessage());
        }
    }

    private static List<String> commands(Node node, String field, YamlSource source) {
        List<String> commands = list(node, field, source, "a list of commands, like [show running-config]");
        if (commands.isEmpty()) {
            throw new InventoryException(source.at(node.getStartMark()) + ": " + field
                    + ": the list is empty; leave 'commands' out to use the platform's");
        }
        return commands;
    }

    private static List<String> list(Node node, String field, YamlSource source, String expected) {
        if (!(node instanceof SequenceNode sequence)) {
            throw new InventoryException(source.at(node.getStartMark()) + ": " + field + ": expected " + expected);
        }
        var items = new ArrayList<String>();
        for (int i = 0; i < sequence.getValue().size(); i++) {
            items.add(Nodes.text(sequence.getValue().get(i), field + "[" + i + "]", source));
        }
        return List.copyOf(items);
    }
}
