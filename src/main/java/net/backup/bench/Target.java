package net.backup.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * An acceptance target for one {@link Figure}, read from a data file (docs/benchmark-targets.yaml), so that
 * what counts as good enough is decided there and not in the benchmark's code.
 *
 * @param says    the target in words, for the report
 * @param atLeast the figure must be at least this, or
 * @param atMost  at most this
 */
public record Target(String figure, String says, Optional<Double> atLeast, Optional<Double> atMost) {

    public Target {
        if (atLeast.isPresent() == atMost.isPresent()) {
            throw new IllegalArgumentException("target for " + figure + ": give exactly one of at_least and at_most");
        }
    }

    public boolean metBy(double value) {
        return atLeast.map(bound -> value >= bound).orElseGet(() -> value <= atMost.orElseThrow());
    }

    /** The targets of a file; none if it does not exist. */
    public static List<Target> read(Path file) throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            return parse(Files.readString(file));
        } catch (RuntimeException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * {@code targets:}, a list of {@code {figure: KEY, says: TEXT, at_least: N}} (or {@code at_most}).
     *
     * @throws IllegalArgumentException saying what is wrong
     */
    static List<Target> parse(String yaml) {
        Object document = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
        if (!(document instanceof Map<?, ?> top) || !(top.get("targets") instanceof List<?> entries)) {
            throw new IllegalArgumentException("expected a 'targets:' list");
        }
        var targets = new ArrayList<Target>();
        for (Object entry : entries) {
            if (!(entry instanceof Map<?, ?> fields) || !(fields.get("figure") instanceof String figure)) {
                throw new IllegalArgumentException("each target needs a 'figure:', got " + entry);
            }
            String says = fields.get("says") instanceof String text ? text : figure;
            targets.add(new Target(figure, says, number(fields.get("at_least"), figure), number(fields.get("at_most"), figure)));
        }
        return targets;
    }

    private static Optional<Double> number(Object value, String figure) {
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof Number n) {
            return Optional.of(n.doubleValue());
        }
        throw new IllegalArgumentException("target for " + figure + ": '" + value + "' is not a number");
    }
}
