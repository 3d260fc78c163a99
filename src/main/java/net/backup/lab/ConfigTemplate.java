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
    private static final Pattern QUOTES_AND_SEMICOLON = Pattern.compile("^\"|\"?;?$");
    private static final String CRYPT = "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final String[] ROLES = {"uplink to core", "server farm", "user access", "printer", "voice",
        "wireless AP", "camera", "to firewall", "to WAN edge", "spare"};

    private sealed interface Node permits Text, Repeat, Choose {
    }

    private record Text(List<TemplateLine> lines) implements Node {
    }

    /**
     * A line cut once, when the template is read, into literal text around its fields ({@code literals} has
     * one more item than {@code fields}), so rendering a lab of hundreds of devices runs no regex per line.
     */
    private record TemplateLine(List<String> literals, List<Field> fields) {
        static TemplateLine parse(String line) {
            var literals = new ArrayList<String>();
            var fields = new ArrayList<Field>();
            Matcher field = FIELD.matcher(line);
            int last = 0;
            while (field.find()) {
                literals.add(line.substring(last, field.start()));
                fields.add(new Field(field.group(1) != null, field.group(2).trim()));
                last = field.end();
            }
            literals.add(line.substring(last));
            return new TemplateLine(List.copyOf(literals), List.copyOf(fields));
        }
    }

    /** A {@code {{...}}} field: its expression, and whether what it stands in is a secret. */
    private record Field(boolean secret, String expression) {
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
                nodes.add(new Text(text.lines().map(TemplateLine::parse).toList()));
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

    private static String fill(TemplateLine line, SplittableRandom random, Map<String, Object> scope,
            Set<String> secrets) {
        if (line.fields().isEmpty()) {
            return line.literals().get(0);
        }
        var out = new StringBuilder();
        var secretSpans = new ArrayList<int[]>();
        for (int i = 0; i < line.fields().size(); i++) {
            out.append(line.literals().get(i));
            Field field = line.fields().get(i);
            String value = value(field.expression(), random, scope);
            if (field.secret()) {
                secretSpans.add(new int[] {out.length(), out.length() + value.length()});
            }
            out.append(value);
        }
        out.append(line.literals().get(line.fields().size()));
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
        return QUOTES_AND_SEMICOLON.matcher(token).replaceAll("");
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

    /**
     * {@code name}, or {@code name} then operations on numbers read left to right: {@code i-1%250+1}. Read by
     * hand, not by a regex: a lab of 500 devices evaluates this hundreds of thousands of times.
     */
    private static long evaluate(String expression, Map<String, Object> scope) {
        String text = expression.replace(" ", "");
        int operandEnd = firstOperandEnd(text);
        if (operandEnd < 0 || !onlyOperationsFrom(text, operandEnd)) {
            throw new IllegalArgumentException("unknown field '" + expression + "'");
        }
        String first = text.substring(0, operandEnd);
        long value;
        if (isDigit(first.charAt(0))) {
            value = Long.parseLong(first);
        } else if (scope.get(first) instanceof Number number) {
            value = number.longValue();
        } else {
            throw new IllegalArgumentException("unknown field '" + expression + "'");
        }
        for (int i = operandEnd; i < text.length();) {
            char operation = text.charAt(i);
            int end = digitsEnd(text, i + 1);
            long operand = Long.parseLong(text, i + 1, end, 10);
            value = switch (operation) {
                case '+' -> value + operand;
                case '-' -> value - operand;
                case '*' -> value * operand;
                case '/' -> value / operand;
                default -> value % operand;
            };
            i = end;
        }
        return value;
    }

    /** Where the leading name ({@code [A-Za-z_][A-Za-z_0-9]*}) or number ends; -1 if there is neither. */
    private static int firstOperandEnd(String text) {
        if (text.isEmpty()) {
            return -1;
        }
        if (isDigit(text.charAt(0))) {
            return digitsEnd(text, 0);
        }
        if (!isNameStart(text.charAt(0))) {
            return -1;
        }
        int i = 1;
        while (i < text.length() && (isNameStart(text.charAt(i)) || isDigit(text.charAt(i)))) {
            i++;
        }
        return i;
    }

    /** Whether the rest is operations only, each an operator and a number: {@code -1%250+1}. */
    private static boolean onlyOperationsFrom(String text, int start) {
        int i = start;
        while (i < text.length()) {
            if ("+-*/%".indexOf(text.charAt(i)) < 0) {
                return false;
            }
            int end = digitsEnd(text, i + 1);
            if (end == i + 1) {
                return false;
            }
            i = end;
        }
        return true;
    }

    private static int digitsEnd(String text, int start) {
        int i = start;
        while (i < text.length() && isDigit(text.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isNameStart(char c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c == '_';
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
