package net.backup.lab;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Which simulated devices misbehave, and how: named faults and quirks ({@code csr3=auth-fail,csr7=ansi}) and,
 * on top, a share of the other devices given a fault drawn at random, and a share given a quirk, with a
 * seed, so the same command gives the same lab. Faults and quirks are drawn apart: a fault must fail a
 * device, a quirk must not give a wrong file, and a test of one should not be muddled by the other.
 */
public final class FaultPlan {
    private final Map<String, EnumSet<Fault>> named;
    private final double rate;
    private final double quirkRate;
    private final long seed;

    private FaultPlan(Map<String, EnumSet<Fault>> named, double rate, double quirkRate, long seed) {
        this.named = named;
        this.rate = rate;
        this.quirkRate = quirkRate;
        this.seed = seed;
    }

    /**
     * @param spec comma-separated {@code name=fault} pairs (faults or quirks); a name may appear more than
     *             once; may be empty
     * @param rate the share of the other devices given one random fault (not a quirk), from 0 to 1
     * @throws IllegalArgumentException with a message fit to print
     */
    public static FaultPlan parse(String spec, double rate, long seed) {
        checkRate("--fault-rate", rate);
        var named = new LinkedHashMap<String, EnumSet<Fault>>();
        for (String pair : spec == null || spec.isBlank() ? new String[0] : spec.split(",")) {
            String[] parts = pair.split("=", 2);
            if (parts.length != 2 || parts[0].isBlank()) {
                throw new IllegalArgumentException("--faults takes name=fault pairs like csr3=auth-fail,csr7=hang; got '"
                        + pair.trim() + "'");
            }
            named.computeIfAbsent(parts[0].trim(), name -> EnumSet.noneOf(Fault.class)).add(Fault.parse(parts[1]));
        }
        return new FaultPlan(named, rate, 0, seed);
    }

    /** This plan, plus one random quirk for a share ({@code rate}, 0 to 1) of the devices it names no fault for. */
    public FaultPlan withQuirkRate(double rate) {
        checkRate("--quirk-rate", rate);
        return new FaultPlan(named, this.rate, rate, seed);
    }

    private static void checkRate(String option, double rate) {
        if (rate < 0 || rate > 1 || Double.isNaN(rate)) {
            throw new IllegalArgumentException(option + " must be from 0 to 1, got " + rate);
        }
    }

    /** {@code prefix1 .. prefixN}, with this plan's faults and quirks. */
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
        // A separate stream for quirks, so that adding quirks leaves the faults a seed draws as they were.
        var quirkRandom = new SplittableRandom(seed ^ 0x5DEECE66DL);
        Fault[] faults = Arrays.stream(Fault.values()).filter(f -> !f.isQuirk() && f.drawnAtRandom())
                .toArray(Fault[]::new);
        Fault[] quirks = Fault.quirks().stream().filter(Fault::drawnAtRandom).toArray(Fault[]::new);
        var specs = new ArrayList<Lab.DeviceSpec>(count);
        for (String name : names) {
            var chosen = named.getOrDefault(name, EnumSet.noneOf(Fault.class));
            boolean drawn = random.nextDouble() < rate;
            Fault randomFault = faults[random.nextInt(faults.length)];
            boolean quirkDrawn = quirkRandom.nextDouble() < quirkRate;
            Fault randomQuirk = quirks[quirkRandom.nextInt(quirks.length)];
            if (chosen.isEmpty() && drawn) {
                chosen = EnumSet.of(randomFault);
            } else if (chosen.isEmpty() && quirkDrawn) {
                chosen = EnumSet.of(randomQuirk);
            }
            specs.add(new Lab.DeviceSpec(name, chosen));
        }
        return specs;
    }
}
