package net.backup.inventory;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Whether an inventory's host can name a device at all: a DNS name, a dotted-quad IPv4 address or an IPv6
 * address. Checked when the inventory is read, so that {@code 10.0.0.1:2222}, {@code ssh://r1} or a name with a
 * space is one clear line at load time, not an "unknown host" hours later in cron. Numbers the resolver would
 * read as an address in a short form ({@code 10.1} is 10.0.0.1, {@code 12345} is 0.0.48.57) are refused too:
 * a device named like that would be dialled at a public address nobody meant.
 */
final class HostSyntax {
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?");
    private static final Pattern NUMERIC_LABEL = Pattern.compile("[0-9]+");
    private static final Pattern OCTET = Pattern.compile("0|[1-9][0-9]{0,2}");
    /** Starts with a hex digit or a colon: text the JDK then parses as an address, never looks up by name. */
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:][0-9A-Fa-f:.]*(%[A-Za-z0-9_.-]+)?");
    private static final int MAX_NAME = 253;

    private HostSyntax() {
    }

    /** Empty if {@code host} can name a device; else what is wrong with it, for a message. */
    static Optional<String> problem(String host) {
        if (host.contains(":")) {
            return host.indexOf(':') == host.lastIndexOf(':') || !IPV6.matcher(host).matches() || !parsesAsAddress(host)
                    ? Optional.of("expected a host name or IP address" + (host.contains("//") ? "" : ", with the port in 'port'"))
                    : Optional.empty();
        }
        String name = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        String[] labels = name.split("\\.", -1);
        if (name.isEmpty() || name.length() > MAX_NAME) {
            return Optional.of("expected a host name or IP address");
        }
        boolean allNumeric = true;
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                return Optional.of("expected a host name or IP address");
            }
            allNumeric &= NUMERIC_LABEL.matcher(label).matches();
        }
        if (allNumeric && !isDottedQuad(labels)) {
            return Optional.of("looks like an IPv4 address but is not one (four numbers from 0 to 255, like 10.0.0.1)");
        }
        return Optional.empty();
    }

    private static boolean isDottedQuad(String[] labels) {
        if (labels.length != 4) {
            return false;
        }
        for (String label : labels) {
            if (!OCTET.matcher(label).matches() || Integer.parseInt(label) > 255) {
                return false;
            }
        }
        return true;
    }

    /**
     * Only for text already shaped like an IPv6 literal: the JDK then parses it, and never asks DNS (an
     * IPv4-mapped one, {@code ::ffff:10.0.0.1}, comes back as IPv4).
     */
    private static boolean parsesAsAddress(String host) {
        try {
            InetAddress.getByName(host);
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
