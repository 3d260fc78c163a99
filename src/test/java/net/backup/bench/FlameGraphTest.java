package net.backup.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import jdk.jfr.Recording;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class FlameGraphTest {
    /** Rect widths are (1200 - 2 * 10) px for all the samples. */
    private static final double PX_PER_SAMPLE = 1180.0 / 2000;

    @TempDir
    Path dir;

    private record Drawn(String title, double width) {
    }

    private List<Drawn> frames(Path svg) throws Exception {
        var factory = DocumentBuilderFactory.newInstance();
        Document document = factory.newDocumentBuilder().parse(svg.toFile()); // throws unless well-formed
        var frames = new ArrayList<Drawn>();
        var groups = document.getElementsByTagName("g");
        for (int i = 0; i < groups.getLength(); i++) {
            var group = (Element) groups.item(i);
            if (group.getElementsByTagName("title").getLength() == 1) {
                var rect = (Element) group.getElementsByTagName("rect").item(0);
                frames.add(new Drawn(group.getElementsByTagName("title").item(0).getTextContent(),
                        Double.parseDouble(rect.getAttribute("width"))));
            }
        }
        return frames;
    }

    private static Drawn drawn(List<Drawn> frames, String name) {
        return frames.stream().filter(d -> d.title().startsWith(name + " (")).findFirst().orElseThrow();
    }

    private static Map<String, Long> stacks() {
        var stacks = new LinkedHashMap<String, Long>();
        stacks.put("[main];net/backup/Run.main;net/backup/Run.work", 1200L);
        stacks.put("[main];net/backup/Run.main;java/util/List<T>.of&copy", 600L);
        stacks.put("[main];net/backup/Run.main", 100L);
        stacks.put("[main];write_[k]", 99L);
        stacks.put("[main];net/backup/Run.main;net/backup/Run.sliver", 1L); // 0.05%: too narrow to draw
        return stacks;
    }

    @Test
    void drawsOneRectPerMergedFrameAsWideAsItsSamples() throws Exception {
        Path svg = dir.resolve("flame.svg");

        FlameGraph.writeSvg(stacks(), "before <fix> & after", svg);

        List<Drawn> frames = frames(svg);
        assertThat(frames).extracting(d -> d.title().replaceAll(" \\(.*", ""))
                .containsExactlyInAnyOrder("all", "[main]", "net/backup/Run.main", "net/backup/Run.work",
                        "java/util/List<T>.of&copy", "write");
        assertThat(drawn(frames, "net/backup/Run.work").title()).isEqualTo("net/backup/Run.work (1,200 samples, 60.00%)");
        assertThat(drawn(frames, "net/backup/Run.work").width()).isCloseTo(1200 * PX_PER_SAMPLE, within(0.01));
        assertThat(drawn(frames, "net/backup/Run.main").width()).isCloseTo(1901 * PX_PER_SAMPLE, within(0.01));
        assertThat(drawn(frames, "all").width()).isEqualTo(1180.0);
        String text = Files.readString(svg);
        assertThat(text).contains("before &lt;fix&gt; &amp; after \u2014 2,000 samples", "java/util/List&lt;T&gt;.of&amp;copy")
                .doesNotContain("Run.sliver");
    }

    @Test
    void coloursTellJavaKernelAndNativeFramesApart() {
        String java = FlameGraph.colour("net/backup/Run.main");
        String kernel = FlameGraph.colour("write_[k]");
        String jvm = FlameGraph.colour("JavaThread::run");
        String nativeCode = FlameGraph.colour("__memcpy_avx_unaligned");

        assertThat(List.of(java, kernel, jvm, nativeCode)).doesNotHaveDuplicates();
        int[] green = rgb(java);
        assertThat(green[1]).isGreaterThan(green[0]).isGreaterThan(green[2]);
        int[] red = rgb(nativeCode);
        assertThat(red[0]).isGreaterThan(red[1]);
    }

    private static int[] rgb(String colour) {
        int value = Integer.parseInt(colour.substring(1), 16);
        return new int[] {value >> 16, (value >> 8) & 0xff, value & 0xff};
    }

    @Test
    void readsCollapsedStacksWhoseFramesHoldSpaces() throws Exception {
        Path file = dir.resolve("in.collapsed");
        Files.writeString(file, "[C1 CompilerThread0];Compiler::compile 3\n\n[main];a/B.c 2\n[main];a/B.c 5\n");

        assertThat(FlameGraph.readCollapsed(file))
                .containsExactlyInAnyOrderEntriesOf(Map.of("[C1 CompilerThread0];Compiler::compile", 3L, "[main];a/B.c", 7L));
        Files.writeString(file, "[main];a/B.c 2\n[main];a/B.c\n");
        assertThatThrownBy(() -> FlameGraph.readCollapsed(file)).hasMessageContaining("line 2");
    }

    @Test
    void collapsesTheCpuSamplesOfAJfrRecording() throws Exception {
        Path jfr = dir.resolve("busy.jfr");
        try (var recording = new Recording()) {
            recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(1));
            recording.start();
            spinForTheFlameGraph(Duration.ofMillis(300));
            recording.stop();
            recording.dump(jfr);
        }

        Map<String, Long> stacks = FlameGraph.collapsedFromJfr(jfr, true);

        String thread = "[" + Thread.currentThread().getName() + "];";
        String busy = ";net/backup/bench/FlameGraphTest.spinForTheFlameGraph";
        assertThat(stacks.keySet()).anyMatch(stack -> stack.startsWith(thread) && stack.endsWith(busy));
        assertThat(FlameGraph.collapsedFromJfr(jfr, false).keySet())
                .anyMatch(stack -> stack.endsWith(busy)).noneMatch(stack -> stack.startsWith(thread));
    }

    private static long spinForTheFlameGraph(Duration time) {
        long end = System.nanoTime() + time.toNanos();
        long sum = 0;
        while (System.nanoTime() < end) {
            for (int i = 0; i < 10_000; i++) {
                sum += i * 31L ^ sum;
            }
        }
        return sum;
    }
}
