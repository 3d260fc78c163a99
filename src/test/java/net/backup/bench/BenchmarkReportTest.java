package net.backup.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The arithmetic and the documents of the benchmark; the runs themselves are `./backup bench`, not a unit test. */
class BenchmarkReportTest {
    private static final Scenario LATENCY = new Scenario("latency", 100, Duration.ofMillis(200), true, List.of(10, 100), 3, false);
    private static final Scenario SCALE = new Scenario("scale", 1000, Duration.ZERO, false, List.of(200), 1, true);
    private static final Scenario STARTUP = new Scenario(Scenario.STARTUP, 1, Duration.ZERO, false, List.of(1), 3, false);
    private static final Scenario CPU = new Scenario("cpu", 500, Duration.ZERO, false, List.of(50), 1, false);

    @TempDir
    Path dir;

    private static Measurement run(long wall, long cpu, long rss) {
        return new Measurement(wall, wall - 400, 1100, cpu, rss, 0, 0);
    }

    @Test
    void mediansResistOneDisturbedRun() {
        assertThat(Medians.of(3, 1, 100)).isEqualTo(3);
        assertThat(Medians.of(4, 1, 3, 2)).isEqualTo(2);
    }

    @Test
    void theIdealIsRoundsOfOneDevice() {
        assertThat(Row.ideal(100, 100, 1100)).isEqualTo(1100);
        assertThat(Row.ideal(100, 30, 1100)).isEqualTo(4 * 1100);
        assertThat(Row.ideal(100, 1, 1100)).isEqualTo(100 * 1100);
    }

    private static List<Row> latencyAndScale() {
        var sequential = new Row(LATENCY, 1, true, List.of(run(110_000, 3000, 200 << 20)), Row.ideal(100, 1, 1100));
        var concurrent = new Row(LATENCY, 100, false,
                List.of(run(1500, 2000, 300 << 20), run(1600, 2100, 300 << 20), run(9000, 2200, 300 << 20)),
                Row.ideal(100, 100, 1100));
        var scale = new Row(SCALE, 200, false, List.of(new Measurement(9000, 8000, 50, 12000, 300L << 20, 0, 0),
                new Measurement(9000, 8000, 50, 12000, 900L << 20, 0, 0), new Measurement(9000, 8000, 50, 12000, 350L << 20, 0, 0)),
                Row.ideal(1000, 200, 50));
        return List.of(sequential, concurrent, scale);
    }

    /** Startup and cpu rows, each with a baseline build's beside the current one's. */
    private static List<Row> startupAndCpu() {
        return List.of(new Row(STARTUP, 1, false, List.of(run(300, 0, 0), run(320, 0, 0), run(900, 0, 0)), 0, Row.CURRENT, true),
                new Row(STARTUP, 1, false, List.of(run(480, 0, 0), run(500, 0, 0), run(470, 0, 0)), 60, Row.CURRENT, false),
                new Row(STARTUP, 1, false, List.of(run(340, 0, 0), run(330, 0, 0), run(350, 0, 0)), 0, "baseline abc1234", true),
                new Row(STARTUP, 1, false, List.of(run(900, 0, 0), run(910, 0, 0), run(920, 0, 0)), 60, "baseline abc1234", false),
                new Row(CPU, 50, false, List.of(run(4000, 4000, 0)), 600),
                new Row(CPU, 50, false, List.of(run(5000, 8000, 0)), 600, "baseline abc1234", false));
    }

    @Test
    void startupAndCpuAreComparedWithTheBaseline() {
        List<Figure> figures = Figure.of(startupAndCpu());

        assertThat(figures).extracting(Figure::key).containsExactly("one_device_over_version", "version_over_baseline",
                "cpu_ms_per_device", "cpu_over_baseline");
        assertThat(figures.get(0).shown()).isEqualTo("1.50x (0.48 s against 0.32 s)");
        assertThat(figures.get(1).shown()).isEqualTo("0.94x (0.32 s against 0.34 s)");
        assertThat(figures.get(2).value()).isEqualTo(8.0);
        assertThat(figures.get(3).shown()).isEqualTo("0.50x (8.0 ms against 16.0 ms per device)");
    }

    @Test
    void figuresAreComputedFromTheMedians() {
        List<Figure> figures = Figure.of(latencyAndScale());

        assertThat(figures).extracting(Figure::key).containsExactly("speedup_over_sequential", "wall_over_ideal",
                "scale_failures", "scale_peak_rss_mb");
        assertThat(figures.get(0).shown()).isEqualTo("68.8x");
        assertThat(figures.get(1).shown()).startsWith("1.45x the ideal");
        assertThat(figures.get(2).value()).isZero();
        assertThat(figures.get(3).value()).as("a limit: the highest run, not the median (350)").isEqualTo(900.0);
        assertThat(figures.get(3).shown()).isEqualTo("peak RSS 900 MB (the highest of 3 runs)");
    }

    @Test
    void theTargetsOfTheDocsFileAreJudgedAgainstTheFigures() throws IOException {
        List<Target> targets = Target.read(Path.of("docs/benchmark-targets.yaml"));

        List<String[]> judged = MarkdownReport.judged(targets, Figure.of(latencyAndScale()));

        assertThat(targets).extracting(Target::figure).containsExactly("one_device_over_version", "version_over_baseline",
                "speedup_over_sequential", "wall_over_ideal", "cpu_ms_per_device", "cpu_over_baseline", "scale_failures",
                "scale_peak_rss_mb");
        assertThat(judged).extracting(t -> t[1] + " | " + t[2]).containsExactly("not measured | -", "not measured | -",
                "68.8x | yes", "1.45x the ideal (1.60 s against 1.10 s) | **no**", "not measured | -", "not measured | -",
                "0 failed, 0 wrong configs | yes", "peak RSS 900 MB (the highest of 3 runs) | **no**");
    }

    @Test
    void aTargetIsMetOnlyOnItsSideOfTheBound() {
        List<Target> targets = Target.parse("""
                targets:
                  - {figure: speedup_over_sequential, at_least: 100, says: a hundredfold}
                  - {figure: scale_peak_rss_mb, at_most: 512}
                """);

        assertThat(MarkdownReport.judged(targets, Figure.of(latencyAndScale()))).extracting(t -> t[0] + " | " + t[2])
                .containsExactly("a hundredfold | **no**", "scale_peak_rss_mb | **no**");
        assertThatThrownBy(() -> Target.parse("targets:\n  - {figure: x, at_least: 1, at_most: 2}\n"))
                .hasMessageContaining("exactly one of at_least and at_most");
        assertThatThrownBy(() -> Target.parse("devices: []\n")).hasMessageContaining("'targets:' list");
    }

    @Test
    void writesTheTableAndAPlotThatIsAPicture() throws IOException {
        var rows = List.of(new Row(LATENCY, 1, true, List.of(run(110_000, 3000, 1 << 20)), 110_000),
                new Row(LATENCY, 10, false, List.of(run(12_000, 3000, 1 << 20)), 11_000),
                new Row(LATENCY, 100, false, List.of(run(2_400, 3000, 1 << 20)), 1_100));
        var targets = Target.parse("targets:\n  - {figure: wall_over_ideal, at_most: 1.5, says: within 1.5x of the ideal}\n");

        MarkdownReport.write(dir.resolve("b.md"), rows, targets, "targets.yaml", "./backup bench", "2 cores", "2026-11-26",
                Optional.of(dir.resolve("b.png")));
        MarkdownReport.write(dir.resolve("figures-only.md"), rows, List.of(), "none", "./backup bench", "2 cores", "2026-11-26",
                Optional.empty());
        Plot.write(dir.resolve("b.png"), rows, "test");

        assertThat(Files.readString(dir.resolve("b.md"))).contains("| latency | backup | 100 | 200 ms | --workers 100 | 1 | 2.40 |",
                "45.8x", "As stated in targets.yaml.", "| within 1.5x of the ideal | 2.18x the ideal (2.40 s against 1.10 s) | **no** |",
                "at --workers 100: 1.30 s in all, of which 0.40 s before and after the run itself", "and 0.90 s within it",
                "![time against workers](b.png)");
        assertThat(Files.readString(dir.resolve("figures-only.md"))).contains("## Figures", "45.8x")
                .doesNotContain("## Targets", "**no**", "yes", "![");
        assertThat(ImageIO.read(dir.resolve("b.png").toFile()).getWidth()).isEqualTo(900);
    }

    @Test
    void theMinimalClientsDeviceIsTheLabsFirst() {
        String lab = """
                # Written by backup lab
                defaults:
                  username: ntc
                devices:
                  - {name: csr1, host: 127.0.0.1, port: 40001}
                  - {name: csr2, host: 127.0.0.1, port: 40002}
                """;

        assertThat(Benchmark.firstDevice(lab)).isEqualTo(Map.of("name", "csr1", "host", "127.0.0.1", "port", 40001));
    }

    @Test
    void threadsOfOneKindAreOneTowerInTheFlameGraph() {
        Map<String, Long> merged = Benchmark.threadsByName(Map.of(
                "[backup-worker-1 tid=11];a;b", 2L, "[backup-worker-7 tid=17];a;b", 3L,
                "[sshj-Reader-/127.0.0.1:40001-17957 tid=20];c", 4L, "[C1 CompilerThre tid=5];d;[unknown];[unknown];[unknown]", 1L));

        assertThat(merged).containsExactly(Map.entry("[C1 CompilerThre];d;[unknown]", 1L), Map.entry("[backup-worker];a;b", 5L),
                Map.entry("[sshj-Reader];c", 4L));
    }
}
