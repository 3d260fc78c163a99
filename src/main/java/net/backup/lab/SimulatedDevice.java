package net.backup.lab;

import java.time.Clock;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The state of one simulated device: its kind, credentials, faults, and a running configuration that
 * configuration mode can change and saving records. Thread safe: several sessions may talk to one device.
 */
public final class SimulatedDevice {
    private static final Pattern FIELD = Pattern.compile("\\{\\{([a-z_]+)(?::([^}]*))?}}");
    /** The most recent commands kept for {@link #commandsReceived()}; older ones are dropped. */
    private static final int COMMANDS_KEPT = 1000;

    private final String name;
    private final DeviceKind kind;
    private final String username;
    private final String password;
    private final Optional<String> enableSecret;
    private final Set<Fault> faults;
    private final Clock clock;
    private final List<String> body;
    private final Set<String> secrets;
    private final ArrayDeque<String> commands = new ArrayDeque<>();
    private String hostname;
    private String lastChange;
    private String savedAt;
    private int writes;
    private boolean loggedInBefore;
    private long linesReceived;
    private long keysReceived;

    public SimulatedDevice(String name, DeviceKind kind, String username, String password,
            Optional<String> enableSecret, Set<Fault> faults, ConfigGenerator.GeneratedConfig config, Clock clock) {
        this.name = name;
        this.kind = kind;
        this.username = username;
        this.password = password;
        this.enableSecret = enableSecret;
        this.faults = Set.copyOf(faults);
        this.clock = clock;
        this.body = new ArrayList<>(config.body().lines().toList());
        this.secrets = Set.copyOf(config.secrets());
        this.hostname = name;
        this.lastChange = time(kind.framing().timeFormat());
        this.savedAt = lastChange;
    }

    public String name() {
        return name;
    }

    public DeviceKind kind() {
        return kind;
    }

    public String username() {
        return username;
    }

    public String password() {
        return password;
    }

    public Optional<String> enableSecret() {
        return enableSecret;
    }

    public boolean has(Fault fault) {
        return faults.contains(fault);
    }

    public Set<Fault> faults() {
        return faults;
    }

    public synchronized String hostname() {
        return hostname;
    }

    /**
     * The running configuration as {@code show running-config} prints it (without the kind's preamble such
     * as {@code Building configuration...}), LF line ends: header, body, trailer.
     */
    public synchronized String runningConfig() {
        var lines = new ArrayList<String>();
        kind.framing().header().forEach(line -> lines.add(fill(line)));
        lines.addAll(body);
        kind.framing().trailer().forEach(line -> lines.add(fill(line)));
        var text = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.contains("\u0000bytes")) {
                int rest = lines.subList(i + 1, lines.size()).stream().mapToInt(l -> l.length() + 1).sum();
                line = line.replace("\u0000bytes", String.valueOf(rest));
            }
            text.append(line).append('\n');
        }
        return text.toString();
    }

    /**
     * The running configuration without the lines the device rewrites by itself (byte counts, change and
     * save times, checksums): exactly what a correct backup stores.
     */
    public synchronized String stableConfig() {
        var text = new StringBuilder();
        // at LF alone, as the lines are joined and sent: a CR inside a line stays in it
        Arrays.stream(runningConfig().split("\n")).filter(line -> !kind.framing().isVolatile(line))
                .forEach(line -> text.append(line).append('\n'));
        return text.toString();
    }

    /** Every secret string in the configuration (hashes, keys, communities), so tests can look for leaks. */
    public synchronized Set<String> secrets() {
        String config = runningConfig();
        var present = new LinkedHashSet<String>();
        secrets.stream().filter(config::contains).forEach(present::add);
        return present;
    }

    /**
     * A template of the kind file with this device's values: {@code {{host}}}, {@code {{user}}},
     * {@code {{description}}}, {@code {{last_change}}}, {@code {{saved}}}, {@code {{now}}} (or
     * {@code {{now:PATTERN}}}), {@code {{checksum}}}, {@code {{bytes}}}.
     */
    synchronized String fill(String template) {
        if (!template.contains("{{")) {
            return template;
        }
        Matcher field = FIELD.matcher(template);
        var out = new StringBuilder();
        while (field.find()) {
            String value = switch (field.group(1)) {
                case "host" -> hostname;
                case "user" -> username;
                case "description" -> kind.description();
                case "last_change" -> lastChange;
                case "saved" -> savedAt;
                case "now" -> time(field.group(2) == null ? kind.framing().timeFormat()
                        : DateTimeFormatter.ofPattern(field.group(2), Locale.ROOT));
                case "checksum" -> String.format(Locale.ROOT, "%032x", (long) String.join("\n", body).hashCode() & 0xffffffffL);
                case "bytes" -> "\u0000bytes"; // known only once the whole text is assembled
                default -> field.group();
            };
            field.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        field.appendTail(out);
        return out.toString();
    }

    /** Saving: records the save time and counts it. */
    public synchronized void save() {
        savedAt = time(kind.framing().timeFormat());
        writes++;
    }

    /** True the first time it is asked, false ever after: for a fault that strikes once. */
    public synchronized boolean firstLogin() {
        boolean first = !loggedInBefore;
        loggedInBefore = true;
        return first;
    }

    /** How many times the configuration was saved: a test can see whether the tool saved. */
    public synchronized int saves() {
        return writes;
    }

    /** How many lines (commands, answers, blank Enters) the clients typed to this device, over all sessions. */
    public synchronized long linesReceived() {
        return linesReceived;
    }

    /** How many bytes the clients typed to this device, over all sessions. */
    public synchronized long keysReceived() {
        return keysReceived;
    }

    /** The commands typed at this device's prompts, oldest first (the last thousand; no passwords). */
    public synchronized List<String> commandsReceived() {
        return List.copyOf(commands);
    }

    synchronized void received(int keys) {
        keysReceived += keys;
    }

    synchronized void receivedLine(String command) {
        linesReceived++;
        if (command != null) {
            if (commands.size() == COMMANDS_KEPT) {
                commands.removeFirst();
            }
            commands.addLast(command);
        }
    }

    /** {@code hostname NAME} in configuration mode. */
    public synchronized void setHostname(String newName) {
        String old = hostnameLine(hostname);
        int at = body.indexOf(old);
        if (at >= 0) {
            body.set(at, hostnameLine(newName));
        } else {
            body.add(Math.min(1, body.size()), hostnameLine(newName));
        }
        hostname = newName;
        changed();
    }

    private String hostnameLine(String host) {
        return kind.hostnameLine().replace("{{host}}", host);
    }

    /** {@code description TEXT} under {@code interface NAME}; the interface is created if it does not exist. */
    public synchronized void setDescription(String interfaceName, String description) {
        String header = "interface " + interfaceName;
        int start = body.indexOf(header);
        if (start < 0) {
            int before = indexOfPrefix("router ");
            body.addAll(before < 0 ? body.size() : before, List.of(header, " description " + description, "!"));
        } else {
            int end = start + 1;
            while (end < body.size() && body.get(end).startsWith(" ")) {
                end++;
            }
            String indent = start + 1 < end ? body.get(start + 1).replaceAll("\\S.*", "") : " ";
            replaceOrInsert(start + 1, end, indent + "description ", indent + "description " + description, start + 1);
        }
        changed();
    }

    private void replaceOrInsert(int from, int to, String prefix, String line, int insertAt) {
        for (int i = from; i < to; i++) {
            if (body.get(i).startsWith(prefix)) {
                body.set(i, line);
                return;
            }
        }
        body.add(insertAt, line);
    }

    private int indexOfPrefix(String prefix) {
        for (int i = 0; i < body.size(); i++) {
            if (body.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }

    private void changed() {
        lastChange = time(kind.framing().timeFormat());
    }

    private String time(DateTimeFormatter format) {
        return ZonedDateTime.now(clock.withZone(ZoneId.of("UTC"))).format(format);
    }
}
