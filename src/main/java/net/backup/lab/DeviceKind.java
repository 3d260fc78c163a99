package net.backup.lab;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * One kind of simulated device, read from a data file ({@code src/main/resources/lab/<name>.yaml}): what its
 * CLI prints and accepts, how it pages, saves and asks questions, and how its configuration is framed and
 * written. {@link SimulatedCli} reads it; no code knows any vendor. The keys are described in the built-in
 * {@code lab/cisco_ios.yaml}.
 *
 * @param name         the kind's name, also the client platform the lab's inventory names
 * @param description  what it simulates, for the banner and {@code show version}
 */
public record DeviceKind(String name, String description, Prompts prompts, boolean startsPrivileged,
        Optional<Enable> enable, Commands commands, Pager pager, String pagerOffReply, List<Save> saves,
        List<String> invalid, List<String> banner, List<Question> login, List<String> version,
        List<String> showPreamble, Framing framing, String hostnameLine, boolean echo, boolean ansi,
        ConfigTemplate body) {

    /** Prompt templates; {@code {{host}}} and {@code {{user}}} are filled in. */
    public record Prompts(String user, String privileged, String config, String configInterface) {
    }

    /** How to reach privileged mode; no password prompt means enable asks nothing. */
    public record Enable(CommandPattern command, Optional<String> passwordPrompt, String denied) {
    }

    /** What the CLI accepts at its exec prompt, as command patterns. */
    public record Commands(List<CommandPattern> exit, List<CommandPattern> disable, List<CommandPattern> pagerOff,
            List<CommandPattern> width, List<CommandPattern> ignored, List<CommandPattern> showConfig, List<CommandPattern> showVersion,
            List<CommandPattern> configure) {
    }

    /** How answered pager prompts are erased. */
    public enum Erase { BACKSPACE, CARRIAGE_RETURN }

    public record Pager(String prompt, Erase erase, int lines) {
        /** What the device sends once the pager prompt is answered, to remove it from the screen. */
        String eraser() {
            int n = prompt.length();
            return erase == Erase.CARRIAGE_RETURN ? "\r" + " ".repeat(n) + "\r"
                    : "\b".repeat(n) + " ".repeat(n) + "\b".repeat(n);
        }
    }

    /** A question the device asks: answered by one key (no Enter) or by a line; which answers it takes. */
    public record Question(String text, boolean key, List<String> accept) {
        boolean accepts(String answer) {
            return accept.isEmpty() || accept.stream().anyMatch(a -> a.equalsIgnoreCase(answer.strip()));
        }
    }

    /** A command that saves the configuration, its questions, and what it prints once saved. */
    public record Save(CommandPattern command, List<Question> questions, List<String> output) {
    }

    /**
     * How {@code show running-config} frames the body: header and trailer templates, and which of their
     * lines change by themselves (the stable configuration, what a backup stores, has none of them).
     */
    public record Framing(DateTimeFormatter timeFormat, List<String> header, List<String> trailer, List<Pattern> volatiles) {
        boolean isVolatile(String line) {
            return volatiles.stream().anyMatch(p -> p.matcher(line).matches());
        }
    }

    static final List<String> DEFAULT_BANNER = List.of(
            "##############################################################",
            "# {{host}} - simulated {{description}} (backup lab)",
            "# Unauthorised access is prohibited > disconnect now #",
            "##############################################################");

    /** The question a {@code press-any-key} device asks before its first prompt. */
    static final Question PRESS_ANY_KEY = new Question("Press any key to continue", true, List.of());

    /** The confirmation a {@code keystroke-confirm} device asks before saving. */
    static final Question SAVE_CONFIRMATION = new Question("Are you sure you want to save? (y/n) ", true, List.of("y"));

    /** Reads a kind file; {@code label} names it in errors. */
    public static DeviceKind read(String label, String yaml) {
        Object root;
        try {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(label + ": not valid YAML: " + e.getMessage(), e);
        }
        if (!(root instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException(label + ": a lab kind file is a mapping of keys");
        }
        return new Reader(label, map).kind();
    }

    /** The kind file's keys, each read once, with errors that name the file and key. */
    private static final class Reader {
        private final String label;
        private final Map<?, ?> root;

        Reader(String label, Map<?, ?> root) {
            this.label = label;
            this.root = root;
        }

        DeviceKind kind() {
            String name = text(root, "name", null);
            Map<?, ?> prompt = map(root, "prompt");
            var prompts = new Prompts(text(prompt, "user", null), text(prompt, "privileged", null),
                    text(prompt, "config", "{{host}}(config)#"), text(prompt, "interface", "{{host}}(config-if)#"));
            Optional<Enable> enable = root.containsKey("enable") ? Optional.of(enable(map(root, "enable"))) : Optional.empty();
            Map<?, ?> commands = map(root, "commands");
            var cmds = new Commands(patterns(commands, "exit", List.of("exi[t]")), patterns(commands, "disable", List.of()),
                    patterns(commands, "pager_off", List.of()), patterns(commands, "width", List.of()),
                    patterns(commands, "ignored", List.of()),
                    patterns(commands, "show_config", null), patterns(commands, "show_version", List.of()),
                    patterns(commands, "configure", List.of()));
            Map<?, ?> pagerMap = map(root, "pager");
            var pager = new Pager(text(pagerMap, "prompt", " --More-- "),
                    Erase.valueOf(text(pagerMap, "erase", "backspace").toUpperCase(Locale.ROOT).replace('-', '_')),
                    integer(pagerMap, "lines", 24));
            var saves = new ArrayList<Save>();
            for (Map<?, ?> save : maps(root, "save")) {
                saves.add(new Save(CommandPattern.parse(text(save, "command", null)), questions(save, "questions"),
                        lines(save, "output", List.of())));
            }
            Map<?, ?> running = map(root, "running_config");
            var volatiles = new ArrayList<Pattern>();
            for (String regex : lines(running, "volatile", List.of())) {
                try {
                    volatiles.add(Pattern.compile(regex));
                } catch (PatternSyntaxException e) {
                    throw fail("running_config.volatile: not a regular expression: " + regex);
                }
            }
            var framing = new Framing(DateTimeFormatter.ofPattern(text(running, "time_format", "HH:mm:ss z EEE MMM d yyyy"),
                    Locale.ROOT), lines(running, "header", List.of()), lines(running, "trailer", List.of()), List.copyOf(volatiles));
            ConfigTemplate body;
            try {
                body = ConfigTemplate.parse(root.get("body"));
            } catch (IllegalArgumentException e) {
                throw fail("body: " + e.getMessage());
            }
            return new DeviceKind(name, text(root, "description", name), prompts,
                    bool(root, "starts_privileged", false), enable, cmds, pager, text(root, "pager_off_reply", ""),
                    List.copyOf(saves), lines(root, "invalid", List.of("{{caret}}", "% Invalid input detected at '^' marker.", "")),
                    lines(root, "banner", DEFAULT_BANNER), questions(root, "login"), lines(root, "version", List.of()),
                    lines(root, "show_preamble", List.of()), framing, text(root, "hostname_line", "hostname {{host}}"),
                    bool(root, "echo", true), bool(root, "ansi", false), body);
        }

        private Enable enable(Map<?, ?> map) {
            return new Enable(CommandPattern.parse(text(map, "command", "en[able]")),
                    Optional.ofNullable(text(map, "password_prompt", "")).filter(s -> !s.isEmpty()),
                    text(map, "denied", "% Access denied"));
        }

        private List<Question> questions(Map<?, ?> map, String key) {
            var questions = new ArrayList<Question>();
            for (Map<?, ?> q : maps(map, key)) {
                String answer = text(q, "answer", "line");
                if (!answer.equals("line") && !answer.equals("key")) {
                    throw fail(key + ".answer: 'line' or 'key', got '" + answer + "'");
                }
                questions.add(new Question(text(q, "text", null), answer.equals("key"), lines(q, "accept", List.of())));
            }
            return List.copyOf(questions);
        }

        private List<CommandPattern> patterns(Map<?, ?> map, String key, List<String> fallback) {
            try {
                return lines(map, key, fallback).stream().map(CommandPattern::parse).toList();
            } catch (IllegalArgumentException e) {
                throw fail(key + ": " + e.getMessage());
            }
        }

        private Map<?, ?> map(Map<?, ?> map, String key) {
            Object value = map.get(key);
            if (value == null) {
                return Map.of();
            }
            if (value instanceof Map<?, ?> m) {
                return m;
            }
            throw fail(key + ": a mapping, got " + value);
        }

        private List<Map<?, ?>> maps(Map<?, ?> map, String key) {
            Object value = map.get(key);
            if (value == null) {
                return List.of();
            }
            if (value instanceof List<?> list && list.stream().allMatch(Map.class::isInstance)) {
                return list.stream().<Map<?, ?>>map(item -> (Map<?, ?>) item).toList();
            }
            throw fail(key + ": a list of mappings, got " + value);
        }

        private List<String> lines(Map<?, ?> map, String key, List<String> fallback) {
            Object value = map.get(key);
            if (value == null) {
                if (fallback == null) {
                    throw fail(key + ": missing");
                }
                return fallback;
            }
            if (value instanceof List<?> list) {
                return list.stream().map(item -> item == null ? "" : String.valueOf(item)).toList();
            }
            return List.of(String.valueOf(value));
        }

        private String text(Map<?, ?> map, String key, String fallback) {
            Object value = map.get(key);
            if (value == null) {
                if (fallback == null) {
                    throw fail(key + ": missing");
                }
                return fallback;
            }
            if (value instanceof Map || value instanceof List) {
                throw fail(key + ": a single value, got " + value);
            }
            return String.valueOf(value);
        }

        private boolean bool(Map<?, ?> map, String key, boolean fallback) {
            Object value = map.get(key);
            if (value == null) {
                return fallback;
            }
            if (value instanceof Boolean b) {
                return b;
            }
            throw fail(key + ": true or false, got " + value);
        }

        private int integer(Map<?, ?> map, String key, int fallback) {
            Object value = map.get(key);
            if (value == null) {
                return fallback;
            }
            if (value instanceof Integer i) {
                return i;
            }
            throw fail(key + ": a whole number, got " + value);
        }

        private IllegalArgumentException fail(String message) {
            return new IllegalArgumentException(label + ": " + message);
        }
    }
}
