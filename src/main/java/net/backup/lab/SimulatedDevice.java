package net.backup.lab;

import java.time.Clock;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The state of one simulated IOS device: credentials, faults, and a running configuration that
 * {@code configure terminal} can change and {@code write memory} saves. Thread safe: several sessions may
 * talk to one device.
 */
public final class SimulatedDevice {
    private static final DateTimeFormatter IOS_TIME =
            DateTimeFormatter.ofPattern("HH:mm:ss z EEE MMM d yyyy", Locale.ROOT);

    private final String name;
    private final String username;
    private final String password;
    private final Optional<String> enableSecret;
    private final Set<Fault> faults;
    private final Clock clock;
    private final LabPlatform platform;
    private final List<String> body;
    private String lastChange;
    private String nvramUpdated;
    private int writes;
    private boolean loggedInBefore;

    public SimulatedDevice(String name, LabPlatform platform, String username, String password,
            Optional<String> enableSecret, Set<Fault> faults, String configBody, Clock clock) {
        this.platform = platform;
        this.name = name;
        this.username = username;
        this.password = password;
        this.enableSecret = enableSecret;
        this.faults = Set.copyOf(faults);
        this.clock = clock;
        this.body = new ArrayList<>(configBody.lines().toList());
        this.lastChange = now();
        this.nvramUpdated = lastChange;
    }

    public String name() {
        return name;
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
        return body.stream().filter(line -> line.startsWith("hostname ")).findFirst()
                .map(line -> line.substring("hostname ".length())).orElse(name);
    }

    /**
     * The running configuration as IOS prints it after {@code Building configuration...}: LF line ends,
     * starting with {@code Current configuration : N bytes} and ending with {@code end}. This is exactly
     * what a correct backup stores.
     */
    public synchronized String runningConfig() {
        return switch (platform) {
            case CISCO_IOS -> {
                var rest = new StringBuilder("!\n! Last configuration change at ").append(lastChange).append(" by ")
                        .append(username).append("\n! NVRAM config last updated at ").append(nvramUpdated).append(" by ")
                        .append(username).append('\n');
                body.forEach(line -> rest.append(line).append('\n'));
                yield "Current configuration : " + rest.length() + " bytes\n" + rest;
            }
            case ARISTA_EOS -> eosHeader() + bodyText(true);
            case CISCO_NXOS -> "!Command: show running-config\n!Running configuration last done at: " + lastChange
                    + "\n!Time: " + now() + "\n\nversion 10.3(4a) Bios:version\n" + bodyText(false);
            case CISCO_XR -> "!! IOS XR Configuration 7.9.2\n!! Last configuration change at " + lastChange + " by "
                    + username + "\n" + bodyText(true);
            case CISCO_ASA -> ": Saved\n:\n: Serial Number: 9AJ2KLMN0PQ\n: Hardware:   ASAv, 2048 MB RAM\n:\n"
                    + "ASA Version 9.18(3)\n" + bodyText(false) + "Cryptochecksum:" + checksum() + "\n: end\n";
            case JUNIPER_JUNOS -> "## Last commit: " + lastChange + " by " + username + "\n" + junosBody();
        };
    }

    /** The same settings in JunOS's braces: a version line, then each IOS block as a JunOS-like stanza. */
    private String junosBody() {
        var text = new StringBuilder("version 21.4R3.15;\nsystem {\n    host-name ").append(hostname()).append(";\n}\n");
        boolean open = false;
        for (String line : body) {
            if (line.equals("!") || line.equals("end") || line.isBlank()) {
                if (open) {
                    text.append("}\n");
                    open = false;
                }
            } else if (!line.startsWith(" ")) {
                if (open) {
                    text.append("}\n");
                }
                text.append(line.replace(' ', '-')).append(" {\n");
                open = true;
            } else {
                text.append("    ").append(line.strip()).append(";\n");
            }
        }
        if (open) {
            text.append("}\n");
        }
        return text.toString();
    }

    /** The ASA's checksum of its configuration: it changes with the configuration, so backups drop it. */
    private String checksum() {
        return String.format(Locale.ROOT, "%032x", (long) String.join("\n", body).hashCode() & 0xffffffffL);
    }

    /** IOS-XR prints the time before the output of every show command. */
    public String xrTimestamp() {
        return ZonedDateTime.now(clock.withZone(java.time.ZoneId.of("UTC")))
                .format(DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss.SSS z", Locale.ROOT));
    }

    private String eosHeader() {
        return "! Command: show running-config\n! device: " + hostname() + " (vEOS-lab, EOS-4.31.2F)\n!\n"
                + "! boot system flash:/vEOS-lab.swi\n";
    }

    /** The configuration lines, with or without the final {@code end} (NX-OS has none). */
    private String bodyText(boolean withEnd) {
        var text = new StringBuilder();
        body.stream().filter(line -> withEnd || !line.equals("end")).forEach(line -> text.append(line).append('\n'));
        return text.toString();
    }

    public LabPlatform platform() {
        return platform;
    }

    /**
     * The running configuration without the lines IOS rewrites on its own (byte count, change and save
     * timestamps): what a backup stores, since those lines would make every backup look changed.
     */
    public synchronized String stableConfig() {
        return switch (platform) {
            case CISCO_IOS -> "!\n" + bodyText(true);
            case ARISTA_EOS -> eosHeader() + bodyText(true);
            case CISCO_NXOS -> "!Command: show running-config\n\nversion 10.3(4a) Bios:version\n" + bodyText(false);
            case CISCO_XR -> "!! IOS XR Configuration 7.9.2\n" + bodyText(true);
            case CISCO_ASA -> ":\n: Serial Number: 9AJ2KLMN0PQ\n: Hardware:   ASAv, 2048 MB RAM\n:\nASA Version 9.18(3)\n"
                    + bodyText(false) + ": end\n";
            case JUNIPER_JUNOS -> junosBody();
        };
    }

    /** {@code write memory}. */
    public synchronized void save() {
        nvramUpdated = now();
        writes++;
    }

    /** True the first time it is asked, false ever after: for a fault that strikes once. */
    public synchronized boolean firstLogin() {
        boolean first = !loggedInBefore;
        loggedInBefore = true;
        return first;
    }

    /** How many times {@code write memory} ran: a test can see whether the tool saved. */
    public synchronized int saves() {
        return writes;
    }

    /** {@code hostname NAME} in configuration mode. */
    public synchronized void setHostname(String hostname) {
        replaceOrInsert(0, body.size(), "hostname ", "hostname " + hostname, indexOfPrefix("version ", 0) + 1);
        changed();
    }

    /** {@code description TEXT} under {@code interface NAME}; the interface is created if it does not exist. */
    public synchronized void setDescription(String interfaceName, String description) {
        String header = "interface " + interfaceName;
        int start = body.indexOf(header);
        if (start < 0) {
            int before = Math.max(0, indexOfPrefix("router ", 0));
            body.addAll(before, List.of(header, " description " + description, "!"));
        } else {
            int end = start + 1;
            while (end < body.size() && body.get(end).startsWith(" ")) {
                end++;
            }
            replaceOrInsert(start + 1, end, " description ", " description " + description, start + 1);
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

    private int indexOfPrefix(String prefix, int from) {
        for (int i = from; i < body.size(); i++) {
            if (body.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }

    private void changed() {
        lastChange = now();
    }

    private String now() {
        return ZonedDateTime.now(clock.withZone(java.time.ZoneId.of("UTC"))).format(IOS_TIME);
    }
}
