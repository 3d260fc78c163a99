package net.backup.inventory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.backup.time.Durations;
import net.backup.yaml.Nodes;
import net.backup.yaml.Suggestions;
import net.backup.yaml.YamlSource;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * The settings written at one level of the inventory (defaults, one group, or one device), checked for
 * known keys and types, each value kept with the node it came from so a later error can name its line.
 */
final class SettingsLayer {
    /** Secrets, each written one of three ways: literally, {@code _env} (a variable) or {@code _file} (its first line). */
    static final List<String> SECRETS = List.of("password", "enable_secret", "key_passphrase");
    static final Set<String> SETTINGS = Set.of("username", "password", "password_env", "password_file",
            "enable_secret", "enable_secret_env", "enable_secret_file", "key_file", "key_passphrase",
            "key_passphrase_env", "key_passphrase_file", "platform", "port", "command_timeout", "connect_timeout",
            "command_deadline", "device_deadline", "max_output", "retries", "legacy_algorithms", "redact", "save", "commands");
    static final Set<String> DEVICE_ONLY = Set.of("name", "host", "groups");
    /** max_output: enough for a banner and a prompt; at most what one Java string can hold, with room. */
    static final long MIN_OUTPUT = Sizes.KIB;
    static final long MAX_OUTPUT = Sizes.GIB;

    /** A checked value and where it was written. */
    record Value(Object value, Node node, String field) {
    }

    private final String label;
    private final Map<String, Value> values;

    private SettingsLayer(String label, Map<String, Value> values) {
        this.label = label;
        this.values = values;
    }

    String label() {
        return label;
    }

    Optional<Value> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    static SettingsLayer parse(Node node, String label, Set<String> allowed, YamlSource source) {
        MappingNode mapping = Nodes.mapping(node, label, source);
        var values = new LinkedHashMap<String, Value>();
        for (NodeTuple tuple : mapping.getValue()) {
            String key = Nodes.key(tuple, label, source);
            String field = label + "." + key;
            if (!allowed.contains(key)) {
                throw new InventoryException(source.at(tuple.getKeyNode().getStartMark()) + ": " + field
                        + ": unknown key" + Suggestions.didYouMean(key, allowed));
            }
            if (values.containsKey(key)) {
                throw new InventoryException(source.at(tuple.getKeyNode().getStartMark()) + ": " + field
                        + ": written twice in the same mapping");
            }
            values.put(key, new Value(typed(key, tuple.getValueNode(), field, source), tuple.getValueNode(), field));
        }
        for (String secret : SECRETS) {
            rejectMoreThanOne(values, List.of(secret, secret + "_env", secret + "_file"), source);
        }
        return new SettingsLayer(label, values);
    }

    private static Object typed(String key, Node node, String field, YamlSource source) {
        return switch (key) {
            case "port" -> port(node, field, source);
            case "command_timeout", "connect_timeout", "command_deadline", "device_deadline" -> duration(node, field, source);
            case "max_output" -> size(node, field, source);
            case "retries" -> retries(node, field, source);
            case "legacy_algorithms", "redact", "save" -> bool(node, field, source);
            case "commands" -> commands(node, field, source);
            case "groups" -> groupNames(node, field, source);
            default -> Nodes.text(node, field, source);
        };
    }

    private static int port(Node node, String field, YamlSource source) {
        String text = Nodes.text(node, field, source);
        if (((ScalarNode) node).getTag().equals(Tag.INT)) {
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
        if (((ScalarNode) node).getTag().equals(Tag.INT) && text.matches("\\d{1,2}") && Integer.parseInt(text) <= 10) {
            return Integer.parseInt(text);
        }
        throw new InventoryException(source.at(node.getStartMark()) + ": " + field
                + ": expected a number of retries from 0 to 10, got '" + text + "'");
    }

    private static boolean bool(Node node, String field, YamlSource source) {
        String text = Nodes.text(node, field, source);
        if (((ScalarNode) node).getTag().equals(Tag.BOOL)) {
            return Set.of("true", "yes", "on").contains(text.toLowerCase(java.util.Locale.ROOT));
        }
        throw new InventoryException(source.at(node.getStartMark()) + ": " + field
                + ": expected true or false, got '" + text + "'");
    }

    private static Duration duration(Node node, String field, YamlSource source) {
        String text = Nodes.text(node, field, source);
        try {
            Duration duration = Durations.parse(text);
            if (duration.isZero() || duration.compareTo(Duration.ofHours(24)) > 0) {
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
        List<String> commands = groupNames(node, field, source, "a list of commands, like [show running-config]");
        if (commands.isEmpty()) {
            throw new InventoryException(source.at(node.getStartMark()) + ": " + field
                    + ": the list is empty; leave 'commands' out to use the platform's");
        }
        return commands;
    }

    private static List<String> groupNames(Node node, String field, YamlSource source) {
        return groupNames(node, field, source, "a list of group names, like [core, branch]");
    }

    private static List<String> groupNames(Node node, String field, YamlSource source, String expected) {
        if (!(node instanceof SequenceNode sequence)) {
            throw new InventoryException(source.at(node.getStartMark()) + ": " + field + ": expected " + expected);
        }
        var names = new ArrayList<String>();
        for (int i = 0; i < sequence.getValue().size(); i++) {
            names.add(Nodes.text(sequence.getValue().get(i), field + "[" + i + "]", source));
        }
        return names;
    }

    private static void rejectMoreThanOne(Map<String, Value> values, List<String> ways, YamlSource source) {
        List<String> written = ways.stream().filter(values::containsKey).toList();
        if (written.size() > 1) {
            Value second = values.get(written.get(1));
            throw new InventoryException(source.at(second.node().getStartMark()) + ": " + second.field()
                    + ": set only one of " + String.join(", ", ways));
        }
    }
}
