package net.backup.session;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The lines of a known_hosts file, found by host. A file holds a line per device, and every handshake looks its
 * host up (the key types to ask for, then the key): trying every line's patterns each time cost 5% of a
 * 500-device run's CPU. Lines that are only a list of names (as ssh and this tool write them) are found by name;
 * the others (wildcards, negations, hashed names) are tried one by one, as OpenSSH does. Not thread-safe: its
 * owner, {@link KnownHosts}, locks.
 */
final class KnownHostsIndex {
    private final List<KnownHostsLine> lines = new ArrayList<>();
    private final Map<String, List<Integer>> byName = new HashMap<>();
    private final List<Integer> tried = new ArrayList<>();
    /** The last host looked up and its lines: a handshake asks twice (the key types, then the key). */
    private String lastHost;
    private List<KnownHostsLine> lastCovering;

    void add(KnownHostsLine line) {
        int index = lines.size();
        lines.add(line);
        line.hosts().exactNames().ifPresentOrElse(
                names -> names.forEach(name -> byName.computeIfAbsent(name, n -> new ArrayList<>()).add(index)),
                () -> tried.add(index));
        lastHost = null;
    }

    /** Every line that names {@code hostPart} (lower case, as {@link KnownHosts} makes it), in the file's order. */
    List<KnownHostsLine> covering(String hostPart) {
        if (hostPart.equals(lastHost)) {
            return lastCovering;
        }
        Set<Integer> found = new TreeSet<>(byName.getOrDefault(hostPart, List.of()));
        for (int index : tried) {
            if (lines.get(index).covers(hostPart)) {
                found.add(index);
            }
        }
        lastCovering = found.stream().map(lines::get).toList();
        lastHost = hostPart;
        return lastCovering;
    }

    boolean anyHashed() {
        return lines.stream().anyMatch(line -> line.hosts().isHashed());
    }
}
