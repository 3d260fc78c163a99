package net.backup.platform;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import net.backup.yaml.Nodes;
import net.backup.yaml.Suggestions;
import net.backup.yaml.YamlSource;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads one platform file (docs/platforms.md) into a {@link Platform}. Every mistake stops with one
 * {@link PlatformException} naming file, line, column and key, like a bad inventory.
 */
public final class PlatformFile {
    private static final Set<String> KEYS = Set.of("name", "aliases", "description", "prompt", "prompt_user", "prompt_privileged", "enable",
            "pager", "save", "setup", "backup", "errors", "volatile", "messages", "complete", "braces", "secrets", "exit", "echo", "login", "pipeline",
            "keyboard_interactive", "text_blocks");
    private static final Set<String> ENABLE_KEYS = Set.of("command", "password_prompt");
    private static final Set<String> KEYBOARD_INTERACTIVE_KEYS = Set.of("password_prompt");
    /**
     * The questions a keyboard-interactive login may ask for the password: {@code Password:} (IOS, EOS,
     * JunOS, ASA), {@code user@host's password:}, {@code (user@host) Password:}, {@code Password for user:}.
     * Not {@code One-time password (from your token):}, {@code Verification code:}, {@code New password:}:
     * the password must never answer a second factor or a change of password.
     */
    public static final String DEFAULT_LOGIN_PASSWORD_PROMPT =
            "(?i)\\s*(?:enter )?(?:\\S+'s |\\(\\S+\\) )?password(?: for \\S+)?\\s*:?\\s*";
    private static final Set<String> SECRET_KEYS = Set.of("name", "pattern");
    private static final Set<String> TEXT_BLOCK_KEYS = Set.of("start", "end");
    private static final Set<String> SAVE_KEYS = Set.of("command", "answers");
    private static final Set<String> ANSWER_KEYS = Set.of("question", "reply", "enter");
    /** Matches nothing: for a platform without user mode, or without a pager. */
    private static final Pattern NEVER = Pattern.compile("(?!)");
    private static final YamlSource.Kind KIND = new YamlSource.Kind("a platform file",
            "at least name, prompt and backup (docs/platforms.md)");

    /** A platform and the other names it answers to. */
    public record Loaded(Platform platform, List<String> aliases) {
    }

    private final YamlSource source;
    private final Map<String, NodeTuple> entries = new LinkedHashMap<>();

    private PlatformFile(YamlSource source, MappingNode top) {
        this.source = source;
        for (NodeTuple tuple : top.getValue()) {
            String key = Nodes.key(tuple, "top level", source);
            if (!KEYS.contains(key)) {
                throw source.fail(source.at(tuple.getKeyNode().getStartMark()) + ": " + key + ": unknown key"
                        + Suggestions.didYouMean(key, KEYS));
            }
            if (entries.put(key, tuple) != null) {
                throw source.fail(source.at(tuple.getKeyNode().getStartMark()) + ": " + key + ": written twice");
            }
        }
    }

    public static Loaded read(Path file) {
        var source = new YamlSource(file.toString(), KIND, PlatformException::new);
        return new PlatformFile(source, Nodes.mapping(source.compose(file), "top level", source)).platform();
    }

    /** A platform that ships in the jar, as {@code /platforms/NAME.yaml}. */
    static Loaded builtIn(String name) {
        try (InputStream in = PlatformFile.class.getResourceAsStream("/platforms/" + name + ".yaml")) {
            if (in == null) {
                throw new IllegalStateException("built-in platform " + name + " is missing from the jar");
            }
            var source = new YamlSource("platforms/" + name + ".yaml (built in)", KIND,
                    PlatformException::new);
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return new PlatformFile(source, Nodes.mapping(source.composeText(text), "top level", source)).platform();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read built-in platform " + name, e);
        }
    }

    private Loaded platform() {
        String name = text("name").orElseThrow(() -> missing("name"));
        Optional<Pattern> userPrompt = regex("prompt_user");
        Map<String, NodeTuple> enable = userPrompt.isPresent()
                ? mapping("enable", ENABLE_KEYS).orElseThrow(() -> missing("enable (needed with prompt_user)"))
                : Map.of();
        var platform = new Platform(name, text("description").orElse(name),
                regex("prompt").orElseThrow(() -> missing("prompt")),
                userPrompt, regex("prompt_privileged"),
                enable.isEmpty() ? "" : Optional.ofNullable(enable.get("command")).map(c -> text(c, "enable.command"))
                        .orElseThrow(() -> missing("enable.command")),
                enable.containsKey("password_prompt") ? regex(enable.get("password_prompt"), "enable.password_prompt") : NEVER,
                loginPasswordPrompt(),
                saveSteps(), list("setup"), required(list("backup"), "backup"),
                regex("pager").orElse(NEVER),
                alternatives("errors"),
                alternatives("volatile", "messages"),
                alternatives("messages"),
                secrets(),
                regex("complete"),
                bool("braces").orElse(false),
                text("exit").orElse("exit"),
                bool("echo").orElse(true),
                answers(entries.get("login"), "login"),
                bool("pipeline").orElse(false),
                textBlocks());
        if (platform.pipeline() && !platform.echo()) {
            throw source.fail(source.at(entries.get("pipeline").getKeyNode().getStartMark())
                    + ": pipeline: needs a device that echoes (echo: true): without echoes, replies typed in one go cannot be told apart");
        }
        return new Loaded(platform, list("aliases"));
    }

    private Pattern loginPasswordPrompt() {
        return mapping("keyboard_interactive", KEYBOARD_INTERACTIVE_KEYS)
                .flatMap(keys -> Optional.ofNullable(keys.get("password_prompt")))
                .map(tuple -> regex(tuple, "keyboard_interactive.password_prompt"))
                .orElseGet(() -> Pattern.compile(DEFAULT_LOGIN_PASSWORD_PROMPT));
    }

    private Optional<String> text(String key) {
        return Optional.ofNullable(entries.get(key)).map(tuple -> text(tuple, key));
    }

    private String text(NodeTuple tuple, String field) {
        return Nodes.text(tuple.getValueNode(), field, source);
    }

    private Optional<Pattern> regex(String key) {
        return Optional.ofNullable(entries.get(key)).map(tuple -> regex(tuple, key));
    }

    private Pattern regex(NodeTuple tuple, String field) {
        String text = text(tuple, field);
        try {
            return Pattern.compile(text);
        } catch (PatternSyntaxException e) {
            throw source.fail(source.at(tuple.getValueNode().getStartMark()) + ": " + field
                    + ": not a valid regular expression: " + e.getDescription());
        }
    }

    private List<String> list(String key) {
        NodeTuple tuple = entries.get(key);
        if (tuple == null) {
            return List.of();
        }
        SequenceNode sequence = Nodes.sequence(tuple.getValueNode(), key, source);
        var values = new ArrayList<String>();
        for (int i = 0; i < sequence.getValue().size(); i++) {
            values.add(Nodes.text(sequence.getValue().get(i), key + "[" + i + "]", source));
        }
        return values;
    }

    /** A list of regexes, checked one by one (so an error names the bad one) and joined into one pattern. */
    /** One pattern matching what any regex of the lists under these keys matches. */
    private Pattern alternatives(String... keys) {
        var parts = new ArrayList<String>();
        for (String key : keys) {
            NodeTuple tuple = entries.get(key);
            if (tuple == null) {
                continue;
            }
            SequenceNode sequence = Nodes.sequence(tuple.getValueNode(), key, source);
            for (int i = 0; i < sequence.getValue().size(); i++) {
                Node node = sequence.getValue().get(i);
                String field = key + "[" + i + "]";
                String text = Nodes.text(node, field, source);
                try {
                    Pattern.compile(text);
                } catch (PatternSyntaxException e) {
                    throw source.fail(source.at(node.getStartMark()) + ": " + field + ": not a valid regular expression: "
                            + e.getDescription());
                }
                parts.add("(?:" + text + ")");
            }
        }
        return parts.isEmpty() ? NEVER : Pattern.compile(String.join("|", parts));
    }

    /** Each item a command, or {command, answers: [{question, reply}]} for a save that asks questions. */
    private List<SaveStep> saveSteps() {
        NodeTuple tuple = entries.get("save");
        if (tuple == null) {
            return List.of();
        }
        SequenceNode sequence = Nodes.sequence(tuple.getValueNode(), "save", source);
        var steps = new ArrayList<SaveStep>();
        for (int i = 0; i < sequence.getValue().size(); i++) {
            Node item = sequence.getValue().get(i);
            String field = "save[" + i + "]";
            if (!(item instanceof MappingNode mapping)) {
                steps.add(SaveStep.of(Nodes.text(item, field, source)));
                continue;
            }
            Map<String, NodeTuple> keys = keys(mapping, field, SAVE_KEYS);
            NodeTuple command = required(keys, "command", mapping, field);
            List<Answer> answers = answers(keys.get("answers"), field + ".answers");
            steps.add(new SaveStep(text(command, field + ".command"), answers));
        }
        return steps;
    }

    /** A list of {question, reply, enter}; absent means none. */
    private List<Answer> answers(NodeTuple tuple, String field) {
        if (tuple == null) {
            return List.of();
        }
        SequenceNode list = Nodes.sequence(tuple.getValueNode(), field, source);
        var answers = new ArrayList<Answer>();
        for (int j = 0; j < list.getValue().size(); j++) {
            String answerField = field + "[" + j + "]";
            MappingNode answer = Nodes.mapping(list.getValue().get(j), answerField, source);
            Map<String, NodeTuple> answerKeys = keys(answer, answerField, ANSWER_KEYS);
            NodeTuple question = required(answerKeys, "question", answer, answerField);
            String reply = answerKeys.containsKey("reply") ? replyText(answerKeys.get("reply")) : "";
            boolean enter = answerKeys.containsKey("enter") ? bool(answerKeys.get("enter"), answerField + ".enter") : true;
            answers.add(new Answer(regex(question, answerField + ".question"), reply, enter));
        }
        return answers;
    }

    private Optional<Boolean> bool(String key) {
        return Optional.ofNullable(entries.get(key)).map(tuple -> bool(tuple, key));
    }

    private boolean bool(NodeTuple tuple, String field) {
        String text = text(tuple, field);
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw source.fail(source.at(tuple.getValueNode().getStartMark()) + ": " + field
                    + ": must be true or false, not '" + text + "'");
        };
    }

    /** A reply may be empty (just Enter), which YAML writes as '' or leaves null. */
    private String replyText(NodeTuple reply) {
        return reply.getValueNode() instanceof org.yaml.snakeyaml.nodes.ScalarNode scalar ? scalar.getValue() : "";
    }

    private List<SecretRule> secrets() {
        return eachMapping("secrets", SECRET_KEYS, (field, rule, keys) -> {
            NodeTuple pattern = required(keys, "pattern", rule, field);
            Pattern compiled = regex(pattern, field + ".pattern");
            if (!SecretRule.marksTheSecret(compiled)) {
                throw source.fail(source.at(pattern.getValueNode().getStartMark()) + ": " + field
                        + ".pattern: needs a group named secret, (?<secret>...), around the secret itself");
            }
            String name = keys.containsKey("name") ? text(keys.get("name"), field + ".name") : field;
            return new SecretRule(name, compiled);
        }).orElse(List.of());
    }

    /**
     * Each {start, end}: a start with a group named delimiter is closed by it, any other by its end. Absent is not
     * the same as an empty list: it does not say that there is no free text.
     */
    private Optional<List<TextBlock>> textBlocks() {
        return eachMapping("text_blocks", TEXT_BLOCK_KEYS, (field, block, keys) -> {
            Pattern start = regex(required(keys, "start", block, field), field + ".start");
            Optional<Pattern> end = Optional.ofNullable(keys.get("end")).map(e -> regex(e, field + ".end"));
            if (TextBlock.hasDelimiter(start) == end.isPresent()) {
                throw source.fail(source.at(block.getStartMark()) + ": " + field + ": needs either a group named "
                        + TextBlock.DELIMITER + " in start, (?<" + TextBlock.DELIMITER + ">...), whose text closes the block,"
                        + " or an end, the line that closes it (not both)");
            }
            return new TextBlock(start, end);
        });
    }

    /** Reads one item of a list of mappings, given its field name ({@code secrets[2]}) and its checked keys. */
    @FunctionalInterface
    private interface MappingItem<T> {
        T read(String field, MappingNode item, Map<String, NodeTuple> keys);
    }

    /** A list of mappings with the keys {@code allowed}, each read by {@code item}; empty if the key is absent. */
    private <T> Optional<List<T>> eachMapping(String key, Set<String> allowed, MappingItem<T> item) {
        NodeTuple tuple = entries.get(key);
        if (tuple == null) {
            return Optional.empty();
        }
        SequenceNode sequence = Nodes.sequence(tuple.getValueNode(), key, source);
        var items = new ArrayList<T>();
        for (int i = 0; i < sequence.getValue().size(); i++) {
            String field = key + "[" + i + "]";
            MappingNode mapping = Nodes.mapping(sequence.getValue().get(i), field, source);
            items.add(item.read(field, mapping, keys(mapping, field, allowed)));
        }
        return Optional.of(items);
    }

    private NodeTuple required(Map<String, NodeTuple> keys, String name, MappingNode mapping, String field) {
        return Optional.ofNullable(keys.get(name)).orElseThrow(() -> source.fail(
                source.at(mapping.getStartMark()) + ": " + field + "." + name + ": missing"));
    }

    private Optional<Map<String, NodeTuple>> mapping(String key, Set<String> allowed) {
        return Optional.ofNullable(entries.get(key))
                .map(tuple -> keys(Nodes.mapping(tuple.getValueNode(), key, source), key, allowed));
    }

    private Map<String, NodeTuple> keys(MappingNode mapping, String field, Set<String> allowed) {
        var keys = new LinkedHashMap<String, NodeTuple>();
        for (NodeTuple tuple : mapping.getValue()) {
            String key = Nodes.key(tuple, field, source);
            if (!allowed.contains(key)) {
                throw source.fail(source.at(tuple.getKeyNode().getStartMark()) + ": " + field + "." + key
                        + ": unknown key" + Suggestions.didYouMean(key, allowed));
            }
            keys.put(key, tuple);
        }
        return keys;
    }

    private List<String> required(List<String> values, String key) {
        if (values.isEmpty()) {
            throw missing(key + " (at least one command)");
        }
        return values;
    }

    private RuntimeException missing(String key) {
        return source.fail(source.label() + ": " + key + ": missing");
    }
}
