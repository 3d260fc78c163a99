package net.backup.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Locale;
import net.backup.run.DeviceResult;
import net.backup.run.RunOutcome;
import net.backup.store.ExclusiveFiles;

/**
 * {@code --report FILE}: the run as JSON, for monitoring systems, with what the run cost this process
 * ({@code client}: CPU time and peak memory), owner-only ({@code 0600}). Written whole to a temporary file
 * and renamed, so a monitor never reads half a report; the temporary file is created exclusively, never
 * through a planted link. The process's own streams ({@code /dev/stdout}, {@code /dev/null}, a shell's
 * {@code >(jq .)} as {@code /dev/fd/63}) are written to as they are, appended to: a rename would replace the
 * device node or the link with a file (probe I: as root, {@code --report /dev/null} made {@code /dev/null} a file of
 * JSON). Decided by the path's name alone, never by what is there when the report is written, so that nothing
 * planted there during the run is followed (the cold review).
 */
public final class JsonReport {
    private JsonReport() {
    }

    public static void write(Path file, RunOutcome outcome, Instant started, Instant finished) throws IOException {
        var json = new StringBuilder(256 + outcome.results().size() * 160);
        json.append("{\n  \"started\": ").append(string(started.toString()))
                .append(",\n  \"finished\": ").append(string(finished.toString()))
                .append(",\n  \"duration_ms\": ").append(outcome.elapsed().toMillis())
                .append(",\n  \"devices\": [");
        String separator = "\n";
        for (DeviceResult result : outcome.results()) {
            json.append(separator).append("    {\"name\": ").append(string(result.name()))
                    .append(", \"host\": ").append(string(result.host()))
                    .append(", \"status\": ").append(string(result.status().name()))
                    .append(", \"attempts\": ").append(result.attempts())
                    .append(", \"duration_ms\": ").append(result.duration().toMillis())
                    .append(", \"bytes\": ").append(result.bytes())
                    .append(", \"error\": ").append(result.error().map(JsonReport::string).orElse("null"))
                    .append(", \"cause\": ").append(result.cause().map(cause -> string(cause.name())).orElse("null"))
                    .append(", \"notes\": [").append(String.join(", ", result.notes().stream().map(JsonReport::string).toList()))
                    .append("]}");
            separator = ",\n";
        }
        ProcessStats client = ProcessStats.current();
        json.append(outcome.results().isEmpty() ? "]" : "\n  ]")
                .append(",\n  \"client\": {\"cpu_ms\": ").append(client.cpuMillis())
                .append(", \"peak_rss_bytes\": ").append(client.peakRssBytes()).append("}\n}\n");
        byte[] bytes = json.toString().getBytes(StandardCharsets.UTF_8);
        if (isStream(file)) {
            // Appended, not written from the start: /dev/stdout may be a log file cron appends to (>>).
            Files.write(file, bytes, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
            return;
        }
        Path absolute = file.toAbsolutePath();
        Path temp = absolute.resolveSibling("." + absolute.getFileName() + ".tmp");
        // Beside the report, perhaps in a directory others can write: never through a link planted there.
        ExclusiveFiles.removeLeftover(temp);
        try {
            // Owner-only like the backups: it names every device and quotes their errors.
            ExclusiveFiles.createAndSync(temp, bytes, ExclusiveFiles.OWNER_ONLY);
            ExclusiveFiles.moveOver(temp, absolute);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp); // a link is removed, never followed
            throw e;
        }
    }

    /** The names of the process's own streams and the null device (Linux, the BSDs, macOS). */
    private static final java.util.regex.Pattern STREAM =
            java.util.regex.Pattern.compile("/dev/(?:stdout|stderr|null|tty|fd/\\d+)|/proc/self/fd/\\d+");

    /** Whether {@code path} names one of the process's streams, or the null device: written into, not renamed over. */
    public static boolean isStream(Path path) {
        return STREAM.matcher(path.toAbsolutePath().normalize().toString()).matches();
    }

    /** A JSON string: quotes, backslashes and control characters escaped (RFC 8259). */
    static String string(String text) {
        var s = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> s.append("\\\"");
                case '\\' -> s.append("\\\\");
                case '\n' -> s.append("\\n");
                case '\r' -> s.append("\\r");
                case '\t' -> s.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        s.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        s.append(c);
                    }
                }
            }
        }
        return s.append('"').toString();
    }
}
