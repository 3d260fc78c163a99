package net.backup.inventory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.backup.yaml.Nodes;
import net.backup.yaml.Suggestions;
import net.backup.yaml.YamlSource;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;

/**
 * The settings written at one level of the inventory (defaults, one group, or one device), checked against
 * their declarations in {@link Settings}, each value kept with the node it came from so a later error can
 * name its line.
 */
final class SettingsLayer {

    /** A checked value and where it was written. */
    record Value<T>(T value, Node node, String field) {
    }

    private final String label;
    private final Map<Setting<?>, Value<?>> values;

    private SettingsLayer(String label, Map<Setting<?>, Value<?>> values) {
        this.label = label;
        this.values = values;
    }

    String label() {
        return label;
    }

    @SuppressWarnings("unchecked") // parse stores only values read by the setting's own type
    <T> Optional<Value<T>> get(Setting<T> setting) {
        return Optional.ofNullable((Value<T>) values.get(setting));
    }

    boolean has(Setting<?> setting) {
        return values.containsKey(setting);
    }

    static SettingsLayer parse(Node node, String label, Setting.Level level, YamlSource source) {
        MappingNode mapping = Nodes.mapping(node, label, source);
        var values = new LinkedHashMap<Setting<?>, Value<?>>();
        for (NodeTuple tuple : mapping.getValue()) {
            String key = Nodes.key(tuple, label, source);
            String field = label + "." + key;
            Setting<?> setting = Settings.find(key, level).orElseThrow(() -> new InventoryException(
                    source.at(tuple.getKeyNode().getStartMark()) + ": " + field + notHere(key, level)));
            if (values.containsKey(setting)) {
                throw new InventoryException(source.at(tuple.getKeyNode().getStartMark()) + ": " + field
                        + ": written twice in the same mapping");
            }
            values.put(setting, read(setting, tuple.getValueNode(), field, source));
        }
        for (SecretSetting secret : Settings.SECRETS) {
            rejectMoreThanOne(values, secret.forms(), source);
        }
        return new SettingsLayer(label, values);
    }

    /** A key that is a device's own (host, name) written for many, or one that does not exist, nearest first. */
    private static String notHere(String key, Setting.Level level) {
        if (Settings.find(key, Setting.Level.DEVICE).isPresent()) {
            return ": set per device, not " + (level == Setting.Level.DEFAULTS ? "in defaults" : "for a group")
                    + " (every device has its own)";
        }
        return ": unknown key" + Suggestions.didYouMean(key, Settings.namesAt(level));
    }

    private static <T> Value<T> read(Setting<T> setting, Node node, String field, YamlSource source) {
        return new Value<>(setting.type().read(node, field, source), node, field);
    }

    private static void rejectMoreThanOne(Map<Setting<?>, Value<?>> values, List<Setting<String>> ways, YamlSource source) {
        List<Setting<String>> written = ways.stream().filter(values::containsKey).toList();
        if (written.size() > 1) {
            Value<?> second = values.get(written.get(1));
            throw new InventoryException(source.at(second.node().getStartMark()) + ": " + second.field()
                    + ": set only one of " + String.join(", ", ways.stream().map(Setting::name).toList()));
        }
    }
}
