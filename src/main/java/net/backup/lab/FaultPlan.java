package net.backup.lab;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Which simulated devices misbehave, and how: named faults ({@code csr3=auth-fail,csr7=hang}) and, on top,
 * a share of devices given a fault drawn at random with a seed, so the same command gives the same lab.
 */
public final class FaultPlan {
    private final Map<String, EnumSet<Fault>> named;
    private final double rate;
    private final long seed;

    private FaultPlan(Map<String, EnumSet<Fault>> named, double rate, long seed) {
        this.named = named;
        this.rate = rate;
        this.seed = seed;
    }

    public static FaultPlan none() {
        return new FaultPlan(Map.of(), 0, 0);
    }

    /**
     * @param spec comma-separated {@code name=fault} pairs; a name may appear more than once; may be empty
     * @param rate the share of the other devices given one random fault, from 0 to 1
     * @throws IllegalArgumentException with a message fit to print
     */
    public static FaultPlan parse(String spec, double rate, long seed) {
        if (rate < 0 || rate > 1 || Double.isNaN(rate)) {
            throw new IllegalArgumentException("--fault-rate must be from 0 to 1, got " + rate);
        }
        var named = new LinkedHashMap<String, EnumSet<Fault>>();
        for (String pair : spec == null || spec.isBlank() ? new String[0] : spec.split(",")) {
            String[] parts = pair.split("=", 2);
            if (parts.length != 2 || parts[0].isBlank()) {
                throw new IllegalArgumentException("--faults takes name=fault pairs like csr3=auth-fail,csr7=hang; got '"
                        + pair.trim() + "'");
            }
            named.computeIfAbsent(parts[0].trim(), name -> EnumSet.noneOf(Fault.class)).add(Fault.parse(parts[1]));
        }
        return new FaultPlan(named, rate, seed);
    }

    /** {@code prefix1 .. prefixN}, with this plan's faults. */
    public List<Lab.DeviceSpec> devices(String prefix, int count) {
        var names = new ArrayList<String>(count);
        for (int i = 1; i <= count; i++) {
            names.add(prefix + i);
        }
        for (String name : named.keySet()) {
            if (!names.contains(name)) {
                throw new IllegalArgumentException("--faults names " + name + ", but the lab's devices are "
                        + prefix + "1 to " + prefix + count);
            }
        }
        var random = new SplittableRandom(seed);
        Fault[] all = Fault.values();
        var specs = new ArrayList<Lab.DeviceSpec>(count);
        for (String name : names) {
            var faults = named.getOrDefault(name, EnumSet.noneOf(Fault.class));
            boolean drawn = random.nextDouble() < rate;
            Fault randomFault = all[random.nextInt(all.length)];
            if (faults.isEmpty() && drawn) {
                faults = EnumSet.of(randomFault);
            }
            specs.add(new Lab.DeviceSpec(name, faults));
        }
        return specs;
    }
}
