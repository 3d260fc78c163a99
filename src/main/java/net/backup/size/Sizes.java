package net.backup.size;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Amounts of data as people write them in an inventory or on a command line: {@code 16MiB}, {@code 512KiB}, {@code 1GiB}. */
public final class Sizes {
    public static final long KIB = 1024;
    public static final long MIB = 1024 * KIB;
    public static final long GIB = 1024 * MIB;
    private static final Pattern FORM = Pattern.compile("(\\d{1,9}) ?(B|KiB|MiB|GiB|K|M|G|KB|MB|GB)?", Pattern.CASE_INSENSITIVE);

    private Sizes() {
    }

    /**
     * @param text a whole number with an optional unit; a bare number means bytes; K, KB and KiB all mean
     *             1024 bytes (and so on), since the limits they set are about memory
     * @throws IllegalArgumentException with a message fit to print
     */
    public static long parse(String text) {
        Matcher m = FORM.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a size (examples: 16MiB, 512KiB, 1GiB)");
        }
        long amount = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "b" : m.group(2).toLowerCase(Locale.ROOT);
        return amount * switch (unit.charAt(0)) {
            case 'k' -> KIB;
            case 'm' -> MIB;
            case 'g' -> GIB;
            default -> 1;
        };
    }

    /** {@code 1 GiB}, {@code 16 MiB}, {@code 1.5 MiB}, {@code 512 KiB}, {@code 100 bytes}: for settings and messages. */
    public static String human(long bytes) {
        if (bytes >= GIB && bytes % GIB == 0) {
            return bytes / GIB + " GiB";
        }
        if (bytes >= MIB) {
            return bytes % MIB == 0 ? bytes / MIB + " MiB" : String.format(Locale.ROOT, "%.1f MiB", bytes / (double) MIB);
        }
        if (bytes >= KIB) {
            return bytes % KIB == 0 ? bytes / KIB + " KiB" : String.format(Locale.ROOT, "%.1f KiB", bytes / (double) KIB);
        }
        return bytes + " bytes";
    }
}
