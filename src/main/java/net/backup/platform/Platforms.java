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
            Pattern.compile(String.join("|",
                    "Building configuration\\.\\.\\.",
                    "Current configuration ?: \\d+ bytes",
                    "! Last configuration change at .*",
                    "! NVRAM config last updated at .*",
                    "! No configuration change since last restart",
                    "ntp clock-period \\d+")),
            List.of(
                    SecretRule.of("enable secret or password",
                            "enable (?:secret|password)(?: level \\d+)?(?: [0-9])? (?<secret>\\S+)"),
                    SecretRule.of("local user secret or password",
                            "username \\S+(?: .*)? (?:secret|password)(?: [0-9])? (?<secret>\\S+).*"),
                    SecretRule.of("SNMP community", "snmp-server community (?<secret>\\S+).*"),
                    SecretRule.of("TACACS+ or RADIUS server key",
                            "(?:tacacs-server|radius-server)(?: host \\S+)?(?: .*)? key(?: [0-9])? (?<secret>\\S+).*"),
                    // Under "tacacs server X" / "radius server X"; not a key chain's " key 1", which is an id.
                    SecretRule.of("AAA server key", " +(?:key|pac key) (?!\\d+$)(?:[0-9] )?(?<secret>\\S+)"),
                    SecretRule.of("key-string (key chains)", " *key-string(?: [0-9])? (?<secret>\\S+)"),
                    SecretRule.of("IKE pre-shared key", "crypto isakmp key(?: [0-9])? (?<secret>\\S+) .*"),
                    SecretRule.of("WPA pre-shared key", " *wpa-psk (?:ascii|hex)(?: [0-9])? (?<secret>\\S+)"),
                    SecretRule.of("OSPF authentication key",
                            " *ip ospf (?:authentication-key|message-digest-key \\d+ md5)(?: [0-9])? (?<secret>\\S+)"),
                    SecretRule.of("BGP neighbor password", " *neighbor \\S+ password(?: [0-9])? (?<secret>\\S+)")),
            Optional.of(Pattern.compile("end")),
            "exit");

    private static final Map<String, Platform> BUILT_IN = byName(List.of(CISCO_IOS));
    private static final Map<String, String> ALIASES = Map.of("cisco_xe", "cisco_ios");

    private Platforms() {
    }

    public static Optional<Platform> find(String name) {
        return Optional.ofNullable(BUILT_IN.get(ALIASES.getOrDefault(name, name)));
    }

    /** Other names accepted for a platform, and the platform they mean. */
    public static Map<String, String> aliases() {
        return new TreeMap<>(ALIASES);
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
