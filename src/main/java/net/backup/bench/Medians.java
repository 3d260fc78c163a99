package net.backup.bench;

import java.util.Arrays;

/** The median: the benchmark reports it, not the mean, because one disturbed run on a shared machine should not move it. */
public final class Medians {
    private Medians() {
    }

    public static long of(long... values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no values");
        }
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
