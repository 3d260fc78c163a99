package net.backup.report;

/** A count with its noun, singular for one: "1 device", "3 devices" (the tool's nouns all take an s). */
public final class Plural {
    private Plural() {
    }

    public static String of(long count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }
}
