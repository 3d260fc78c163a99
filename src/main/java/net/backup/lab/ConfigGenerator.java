package net.backup.lab;

import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Writes a device's configuration body from its kind's template, the same every time for the same name
 * and seed. Sizes spread from a few KB to a few hundred KB, decided by the name: most devices are small
 * access switches, a few are big routers.
 */
public final class ConfigGenerator {
    private final long seed;

    public ConfigGenerator(long seed) {
        this.seed = seed;
    }

    /** The body (the configuration between the kind's header and trailer) and the secrets in it. */
    public GeneratedConfig generate(DeviceKind kind, String hostname, String username) {
        var random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + hostname.hashCode());
        int scale = scale(random);
        Map<String, Integer> sizes = Map.of("vlans", Math.min(400, 2 + scale / 8), "interfaces", 2 + scale / 3,
                "neighbours", 1 + scale / 50, "acls", 1 + scale / 100, "scale", scale);
        ConfigTemplate.Rendered rendered = kind.body().render(random, Map.of("host", hostname, "user", username), sizes);
        return new GeneratedConfig(String.join("\n", rendered.lines()) + "\n", rendered.secrets());
    }

    /** A generated body and every secret string in it. */
    public record GeneratedConfig(String body, Set<String> secrets) {
        public GeneratedConfig {
            secrets = Set.copyOf(secrets);
        }
    }

    private static int scale(SplittableRandom random) {
        double u = random.nextDouble();
        return (int) (4 + Math.pow(u, 3) * 4000);
    }
}
