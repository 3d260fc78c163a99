package net.backup.bench;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import net.backup.files.FileErrors;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * A flame graph in the manner of flamegraph.pl and async-profiler: collapsed stacks ({@code root;...;leaf count})
 * in, a standalone SVG out, the root at the bottom. Frames are written {@code package/Class.method}, as
 * async-profiler writes them, so graphs from a JFR recording and from async-profiler read alike.
 *
 * <pre>java -cp backup.jar net.backup.bench.FlameGraph (--jfr FILE [--threads] | --collapsed FILE) --title TEXT --out FILE.svg</pre>
 */
public final class FlameGraph {
    private static final String USAGE = "usage: java -cp backup.jar net.backup.bench.FlameGraph (--jfr FILE [--threads] | --collapsed FILE) --title TEXT --out FILE.svg";
    private static final int WIDTH = 1200;
    private static final int MARGIN = 10;
    private static final int FRAME_HEIGHT = 16;
    private static final int HEADING = 40;
    private static final int FONT_SIZE = 11;
    /** Monospace glyphs are about 0.6 em wide: enough to cut a name to its rect without measuring text. */
    private static final double CHAR_WIDTH = 0.6 * FONT_SIZE;
    /** A frame under a thousandth of the samples is a sliver no one can read or point at; dropping it keeps the file small. */
    static final double MIN_FRACTION = 0.001;

    private record Stack(List<String> frames, long samples) {
    }

    /** A frame and every stack that passed through it, merged by identical prefix. */
    record Node(String name, long samples, List<Node> children) {
    }

    private FlameGraph() {
    }

    public static void main(String[] args) {
        Map<String, String> options = new TreeMap<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--threads")) {
                options.put("--threads", "");
            } else if (List.of("--jfr", "--collapsed", "--title", "--out").contains(args[i])) {
                if (i + 1 == args.length) {
                    fail(args[i] + " needs a value");
                }
                options.put(args[i], args[++i]);
            } else {
                fail("unexpected argument '" + args[i] + "'");
            }
        }
        if (options.containsKey("--jfr") == options.containsKey("--collapsed")) {
            fail("give one of --jfr FILE and --collapsed FILE");
        } else if (!options.containsKey("--title") || !options.containsKey("--out")) {
            fail("--title and --out are required");
        } else if (options.containsKey("--threads") && !options.containsKey("--jfr")) {
            fail("--threads goes with --jfr (collapsed stacks already say whether they start with a thread)");
        }
        String input = options.containsKey("--jfr") ? options.get("--jfr") : options.get("--collapsed");
        try {
            Map<String, Long> stacks = options.containsKey("--jfr")
                    ? collapsedFromJfr(Path.of(input), options.containsKey("--threads"))
                    : readCollapsed(Path.of(input));
            if (stacks.isEmpty()) {
                exit(input + ": no samples");
            }
            writeSvg(stacks, options.get("--title"), Path.of(options.get("--out")));
        } catch (FileSystemException e) { // its message is the bare path
            exit(e.getFile() + ": " + FileErrors.reason(e));
        } catch (CharacterCodingException e) {
            exit(input + ": not text; a JFR recording is read with --jfr");
        } catch (IOException | IllegalArgumentException e) {
            exit(input + ": " + e.getMessage());
        }
    }

    private static void fail(String message) {
        exit(message + "; " + USAGE);
    }

    private static void exit(String message) {
        System.err.println("FlameGraph: " + message);
        System.exit(2);
    }

    /**
     * The CPU samples ({@code jdk.ExecutionSample}) of a JFR recording as collapsed stacks. Native method samples
     * are left out: JFR takes them at their own period and while the thread waits, so adding them would weigh
     * waiting against running. A stack JFR cut at its depth limit gets a {@code [truncated]} root rather than
     * passing for a root of its own; raise the limit with {@code -XX:FlightRecorderOptions:stackdepth=256}.
     *
     * @param threadRoots whether each stack starts with its thread's name, as {@code [name]}
     */
    public static Map<String, Long> collapsedFromJfr(Path jfr, boolean threadRoots) throws IOException {
        var stacks = new TreeMap<String, Long>();
        try (var recording = new RecordingFile(jfr)) {
            while (recording.hasMoreEvents()) {
                RecordedEvent event = recording.readEvent();
                if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null) {
                    continue;
                }
                var frames = new ArrayList<String>();
                for (RecordedFrame frame : event.getStackTrace().getFrames()) {
                    if (frame.isJavaFrame()) {
                        frames.add(frame.getMethod().getType().getName().replace('.', '/') + "." + frame.getMethod().getName());
                    }
                }
                if (event.getStackTrace().isTruncated()) {
                    frames.add("[truncated]");
                }
                if (threadRoots) {
                    frames.add("[" + threadName(event).replace(';', ':') + "]"); // ';' would split the frame
                }
                Collections.reverse(frames); // JFR gives the leaf first
                stacks.merge(String.join(";", frames), 1L, Long::sum);
            }
        }
        return stacks;
    }

    private static String threadName(RecordedEvent event) {
        var thread = event.getThread("sampledThread");
        if (thread == null) {
            return "unknown";
        }
        return thread.getJavaName() != null ? thread.getJavaName() : thread.getOSName();
    }

    /** Collapsed stacks as async-profiler's {@code collapsed} output and flamegraph.pl write them; repeated stacks add up. */
    public static Map<String, Long> readCollapsed(Path file) throws IOException {
        var stacks = new TreeMap<String, Long>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n).strip();
            if (line.isEmpty()) {
                continue;
            }
            int space = line.lastIndexOf(' '); // frames may hold spaces ("[C1 CompilerThread0]"), the count cannot
            try {
                if (space < 1) {
                    throw new NumberFormatException();
                }
                stacks.merge(line.substring(0, space), Long.parseLong(line.substring(space + 1)), Long::sum);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("line " + (n + 1) + ": not 'frame;frame;... count'");
            }
        }
        return stacks;
    }

    /** The merged tree under a root named {@code all}, children in name order so that two graphs line up. */
    static Node tree(Map<String, Long> stacks) {
        List<Stack> all = stacks.entrySet().stream().filter(e -> e.getValue() > 0)
                .map(e -> new Stack(List.of(e.getKey().split(";")), e.getValue())).toList();
        return merge("all", all, 0);
    }

    private static Node merge(String name, List<Stack> stacks, int depth) {
        Map<String, List<Stack>> byFrame = stacks.stream().filter(s -> s.frames().size() > depth)
                .collect(Collectors.groupingBy(s -> s.frames().get(depth), TreeMap::new, Collectors.toList()));
        List<Node> children = byFrame.entrySet().stream().map(e -> merge(e.getKey(), e.getValue(), depth + 1)).toList();
        return new Node(name, stacks.stream().mapToLong(Stack::samples).sum(), children);
    }

    public static void writeSvg(Map<String, Long> stacks, String title, Path svg) throws IOException {
        Node root = tree(stacks);
        if (root.samples() == 0) {
            throw new IllegalArgumentException("no samples to draw");
        }
        double scale = (WIDTH - 2.0 * MARGIN) / root.samples();
        long minSamples = (long) Math.ceil(root.samples() * MIN_FRACTION);
        int height = HEADING + (depth(root, minSamples) + 1) * FRAME_HEIGHT + MARGIN;
        var out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\">\n"
                + "<rect width=\"100%%\" height=\"100%%\" fill=\"#fdfaf3\"/>\n"
                + "<text x=\"%d\" y=\"24\" text-anchor=\"middle\" font-family=\"Verdana, sans-serif\" font-size=\"17\">%s</text>\n"
                + "<g font-family=\"Menlo, Consolas, 'DejaVu Sans Mono', monospace\" font-size=\"%d\">\n",
                WIDTH, height, WIDTH, height, WIDTH / 2,
                escape(title + " \u2014 " + String.format(Locale.ROOT, "%,d", root.samples()) + " samples"), FONT_SIZE));
        draw(out, root, root.samples(), MARGIN, height - MARGIN - FRAME_HEIGHT, scale, minSamples);
        out.append("</g>\n</svg>\n");
        Files.createDirectories(svg.toAbsolutePath().getParent());
        Files.writeString(svg, out, StandardCharsets.UTF_8);
    }

    private static int depth(Node node, long minSamples) {
        return node.children().stream().filter(c -> c.samples() >= minSamples).mapToInt(c -> 1 + depth(c, minSamples)).max().orElse(0);
    }

    private static void draw(StringBuilder out, Node node, long total, double x, double y, double scale, long minSamples) {
        double width = node.samples() * scale;
        String name = node.name().replaceAll("_\\[[jik01]\\]$", ""); // async-profiler's frame-type marks; the colour shows them
        out.append(String.format(Locale.ROOT, "<g><title>%s (%,d samples, %.2f%%)</title>"
                        + "<rect x=\"%.2f\" y=\"%.0f\" width=\"%.2f\" height=\"%d\" fill=\"%s\" rx=\"2\"/>",
                escape(name), node.samples(), 100.0 * node.samples() / total, x, y, width, FRAME_HEIGHT - 1, colour(node.name())));
        int fits = (int) ((width - 6) / CHAR_WIDTH);
        if (fits >= 3) {
            String text = name.length() <= fits ? name : name.substring(0, fits - 2) + "..";
            out.append(String.format(Locale.ROOT, "<text x=\"%.2f\" y=\"%.1f\">%s</text>", x + 3, y + FRAME_HEIGHT - 4.5, escape(text)));
        }
        out.append("</g>\n");
        double childX = x;
        for (Node child : node.children()) {
            if (child.samples() >= minSamples) {
                draw(out, child, total, childX, y - FRAME_HEIGHT, scale, minSamples);
            }
            childX += child.samples() * scale; // a dropped sliver still takes its place, so the rest stay where they belong
        }
    }

    /**
     * async-profiler's hues: green for Java, yellow for the JVM's C++, orange for the kernel, red for other native
     * code, and a sand colour for thread names and markers. The shade comes from the name, not from chance, so the
     * same frame has the same colour in a before and an after graph.
     */
    static String colour(String frame) {
        int[] base;
        if (frame.endsWith("_[k]")) {
            base = new int[] {225, 125, 0};
        } else if (frame.equals("all") || frame.startsWith("[") && frame.endsWith("]")) {
            base = new int[] {215, 200, 170};
        } else if (frame.contains("::")) {
            base = new int[] {200, 200, 60};
        } else if (frame.matches(".*_\\[[ji01]\\]$") || frame.contains("/") || frame.contains(".") && !frame.contains(".so")) {
            base = new int[] {80, 200, 80};
        } else {
            base = new int[] {225, 90, 90};
        }
        int shade = Math.floorMod(frame.hashCode(), 40) - 20;
        return String.format(Locale.ROOT, "#%02x%02x%02x", clamp(base[0] + shade), clamp(base[1] + shade), clamp(base[2] + shade / 2));
    }

    private static int clamp(int value) {
        return Math.max(0, Math.min(255, value));
    }

    /** XML's five specials, and the control characters XML 1.0 cannot hold at all (a thread may be named anything). */
    static String escape(String text) {
        var out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> out.append(c < 0x20 && c != '\t' ? '?' : c);
            }
        }
        return out.toString();
    }
}
