package net.backup.platform;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** The device kinds this build knows, by inventory name. */
public final class Platforms {

    /**
     * Cisco IOS and IOS-XE. The prompt is a hostname (letters, digits and {@code . _ - ( ) / : @}) followed by
     * {@code >} or {@code #}; config mode prompts such as {@code csr1(config)#} match too.
     */
    public static final Platform CISCO_IOS = new Platform(
            "cisco_ios",
            "Cisco IOS and IOS-XE",
            Pattern.compile("[\\w.@()/:-]+[>#] ?"),
            ">",
            "enable",
            Pattern.compile("(?i)password: ?"),
            List.of("wr mem"),
            List.of("term len 0"),
            List.of("show run"),
            Pattern.compile(" *--More-- *"),
            Pattern.compile("% ?(Invalid input|Incomplete command|Unknown command|Ambiguous command"
                    + "|Authorization failed|Bad secrets|Access denied|Error).*"),
            Pattern.compile("Building configuration\\.\\.\\.|\\[OK\\]"),
            Optional.of(Pattern.compile("end")),
            "exit");

    private static final Map<String, Platform> BUILT_IN = byName(List.of(CISCO_IOS));
    private static final Map<String, String> ALIASES = Map.of("cisco_xe", "cisco_ios");

    private Platforms() {
    }

    public static Optional<Platform> find(String name) {
        return Optional.ofNullable(BUILT_IN.get(ALIASES.getOrDefault(name, name)));
    }

    public static List<String> names() {
        return List.copyOf(BUILT_IN.keySet());
    }

    private static Map<String, Platform> byName(List<Platform> platforms) {
        var map = new TreeMap<String, Platform>();
        platforms.forEach(p -> map.put(p.name(), p));
        return map;
    }
}
