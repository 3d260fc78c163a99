package net.backup.lab;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The body of a kind's configuration, as a template in its kind file: blocks of text with {@code {{...}}}
 * fields, repeated ({@code repeat: interfaces}, {@code each: [...]}) or chosen at random
 * ({@code choose: [{weight: 2, each: [...]}, ...]}). Rendered with a seeded random source, so the same
 * device name and seed always give the same configuration.
 *
 * <p>Fields: {@code host}, {@code user}; a repeat's variable ({@code i}, from 1) and the sizes
 * ({@code vlans}, {@code interfaces}, {@code neighbours}, {@code acls}), with integer arithmetic read left
 * to right ({@code i-1/48+1}); {@code num:A-B}; {@code pick:a,b,c}; {@code role}, {@code ROLE};
 * {@code vlan} (one of the configured VLANs); {@code word:N}, {@code WORD:N}, {@code hex:N}, {@code HEX:N},
 * {@code chars:N} (crypt's alphabet), {@code digits:N}. A field written {@code {{secret chars:43}}} is also
 * recorded as a secret: the whole token it stands in (quotes and a {@code ;} left out).
 */
final class ConfigTemplate {
    private static final Pattern FIELD = Pattern.compile("\\{\\{(secret )?([^{}]+)}}");
    private static final Pattern EXPRESSION = Pattern.compile("([A-Za-z_][A-Za-z_0-9]*|\\d+)((?:[-+*/%]\\d+)*)");
    private static final String CRYPT = "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final String[] ROLES = {"uplink to core", "server farm", "user access", "printer", "voice",
        "wireless AP", "camera", "to firewall", "to WAN edge", "spare"};

    private sealed interface Node permits Text, Repeat, Choose {
    }

    private record Text(List<String> lines) implements Node {
    }

    private record Repeat(Object count, String variable, List<Node> each) implements Node {
    }

    private record Choose(List<Integer> weights, List<List<Node>> options) implements Node {
    }

    /** What a rendering gives: the lines, and every secret in them. */
    record Rendered(List<String> lines, Set<String> secrets) {
    }

    private final List<Node> nodes;

    private ConfigTemplate(List<Node> nodes) {
        this.nodes = nodes;
    }

    static ConfigTemplate parse(Object yaml) {
        if (yaml == null) {
            throw new IllegalArgumentException("missing");
        }
        return new ConfigTemplate(nodes(yaml));
    }

    private static List<Node> nodes(Object yaml) {
        if (!(yaml instanceof List<?> items)) {
            throw new IllegalArgumentException("a list of text blocks, repeat: and choose: items, got " + yaml);
        }
        var nodes = new ArrayList<Node>();
        for (Object item : items) {
            if (item instanceof String text) {
                nodes.add(new Text(text.lines().toList()));
            } else if (item instanceof List<?> inner) {
                nodes.addAll(nodes(inner));
            } else if (item instanceof Map<?, ?> map && map.containsKey("repeat")) {
                nodes.add(new Repeat(map.get("repeat"), String.valueOf(map.containsKey("as") ? map.get("as") : "i"),
                        nodes(map.get("each"))));
            } else if (item instanceof Map<?, ?> map && map.get("choose") instanceof List<?> options) {
                var weights = new ArrayList<Integer>();
                var choices = new ArrayList<List<Node>>();
                for (Object option : options) {
                    if (!(option instanceof Map<?, ?> o)) {
                        throw new IllegalArgumentException("a choose: option is {weight: N, each: [...]}, got " + option);
                    }
                    weights.add(o.get("weight") instanceof Integer w ? w : 1);
                    choices.add(nodes(o.get("each")));
                }
                nodes.add(new Choose(weights, choices));
            } else {
                throw new IllegalArgumentException("not a text block, repeat: or choose: item: " + item);
            }
        }
        return List.copyOf(nodes);
    }

    /**
     * @param sizes how many VLANs, interfaces, ... this device has ({@link ConfigGenerator} spreads them)
     */
    Rendered render(SplittableRandom random, Map<String, Object> variables, Map<String, Integer> sizes) {
        var scope = new HashMap<String, Object>(sizes);
        scope.putAll(variables);
        var lines = new ArrayList<String>();
        var secrets = new LinkedHashSet<String>();
        render(nodes, random, scope, lines, secrets);
        return new Rendered(lines, secrets);
    }

    private static void render(List<Node> nodes, SplittableRandom random, Map<String, Object> scope, List<String> lines,
            Set<String> secrets) {
        for (Node node : nodes) {
            if (node instanceof Text text) {
                text.lines().forEach(line -> lines.add(fill(line, random, scope, secrets)));
            } else if (node instanceof Repeat repeat) {
                List<Object> values = values(repeat.count(), random, scope);
                Object saved = scope.get(repeat.variable());
                for (Object value : values) {
                    scope.put(repeat.variable(), value);
                    render(repeat.each(), random, scope, lines, secrets);
                }
                scope.put(repeat.variable(), saved);
            } else if (node instanceof Choose choose) {
                int total = choose.weights().stream().mapToInt(Integer::intValue).sum();
                int draw = random.nextInt(Math.max(1, total));
                for (int i = 0; i < choose.weights().size(); i++) {
                    draw -= choose.weights().get(i);
                    if (draw < 0) {
                        render(choose.options().get(i), random, scope, lines, secrets);
                        break;
                    }
                }
            }
        }
    }

    /** A repeat's values: the items of a list, or 1..N for a count (a number, a size, or a range drawn at random). */
    private static List<Object> values(Object count, SplittableRandom random, Map<String, Object> scope) {
        if (count instanceof List<?> list) {
            return List.copyOf(list);
        }
        String text = String.valueOf(count).trim();
        int n;
        if (text.matches("\\d+-\\d+")) {
            String[] range = text.split("-");
            n = between(random, Integer.parseInt(range[0]), Integer.parseInt(range[1]));
        } else {
            n = (int) evaluate(text, scope);
        }
        var values = new ArrayList<Object>(n);
        for (int i = 1; i <= n; i++) {
            values.add(i);
        }
        return values;
    }

    private static String fill(String line, SplittableRandom random, Map<String, Object> scope, Set<String> secrets) {
        Matcher field = FIELD.matcher(line);
        if (!field.find()) {
            return line;
        }
        var out = new StringBuilder();
        var secretSpans = new ArrayList<int[]>();
        int last = 0;
        do {
            out.append(line, last, field.start());
            String value = value(field.group(2).trim(), random, scope);
            if (field.group(1) != null) {
                secretSpans.add(new int[] {out.length(), out.length() + value.length()});
            }
            out.append(value);
            last = field.end();
        } while (field.find());
        out.append(line.substring(last));
        for (int[] span : secretSpans) {
            secrets.add(token(out, span[0], span[1]));
        }
        return out.toString();
    }

    /** The whole word a secret field stands in, without quotes or a trailing {@code ;}. */
    private static String token(CharSequence line, int start, int end) {
        while (start > 0 && !Character.isWhitespace(line.charAt(start - 1))) {
            start--;
        }
        while (end < line.length() && !Character.isWhitespace(line.charAt(end))) {
            end++;
        }
        String token = line.subSequence(start, end).toString();
        return token.replaceAll("^\"|\"?;?$", "");
    }

    private static String value(String field, SplittableRandom random, Map<String, Object> scope) {
        int colon = field.indexOf(':');
        String name = colon < 0 ? field : field.substring(0, colon);
        String argument = colon < 0 ? "" : field.substring(colon + 1);
        return switch (name) {
            case "num" -> {
                String[] range = argument.split("-");
                yield String.valueOf(between(random, (int) evaluate(range[0], scope), (int) evaluate(range[1], scope)));
            }
            case "pick" -> {
                String[] choices = argument.split(",");
                yield choices[random.nextInt(choices.length)].trim();
            }
            case "role" -> ROLES[random.nextInt(ROLES.length)];
            case "ROLE" -> ROLES[random.nextInt(ROLES.length)].toUpperCase(Locale.ROOT).replace(' ', '_');
            case "vlan" -> String.valueOf(10 * (1 + random.nextInt((int) evaluate("vlans", scope))));
            case "word" -> characters(random, "abcdefghijklmnopqrstuvwxyz", length(argument));
            case "WORD" -> characters(random, "ABCDEFGHIJKLMNOPQRSTUVWXYZ", length(argument));
            case "hex" -> characters(random, "0123456789abcdef", length(argument));
            case "HEX" -> characters(random, "0123456789ABCDEF", length(argument));
            case "chars" -> characters(random, CRYPT, length(argument));
            case "digits" -> characters(random, "0123456789", length(argument));
            default -> {
                Object value = scope.get(field);
                yield value instanceof String text ? text : String.valueOf(evaluate(field, scope));
            }
        };
    }

    private static int length(String argument) {
        try {
            return Integer.parseInt(argument.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a length is a number, got '" + argument + "'");
        }
    }

    /** {@code name}, or {@code name} then operations on numbers read left to right: {@code i-1%250+1}. */
    private static long evaluate(String expression, Map<String, Object> scope) {
        Matcher m = EXPRESSION.matcher(expression.replace(" ", ""));
        if (!m.matches()) {
            throw new IllegalArgumentException("unknown field '" + expression + "'");
        }
        long value;
        if (Character.isDigit(m.group(1).charAt(0))) {
            value = Long.parseLong(m.group(1));
        } else if (scope.get(m.group(1)) instanceof Number number) {
            value = number.longValue();
        } else {
            throw new IllegalArgumentException("unknown field '" + expression + "'");
        }
        Matcher step = Pattern.compile("([-+*/%])(\\d+)").matcher(m.group(2));
        while (step.find()) {
            long operand = Long.parseLong(step.group(2));
            value = switch (step.group(1)) {
                case "+" -> value + operand;
                case "-" -> value - operand;
                case "*" -> value * operand;
                case "/" -> value / operand;
                default -> value % operand;
            };
        }
        return value;
    }

    private static int between(SplittableRandom random, int low, int high) {
        return low + random.nextInt(Math.max(1, high - low + 1));
    }

    private static String characters(SplittableRandom random, String alphabet, int length) {
        var s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return s.toString();
    }
}
