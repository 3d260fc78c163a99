package net.backup.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The arithmetic and the documents of the benchmark; the runs themselves are `./backup bench`, not a unit test. */
class BenchmarkReportTest {
    private static final Scenario LATENCY = new Scenario("latency", 100, Duration.ofMillis(200), true, List.of(10, 100), 3, false);
    private static final Scenario SCALE = new Scenario("scale", 1000, Duration.ZERO, false, List.of(200), 1, true);

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

    @Test
    void targetsAreJudgedFromTheMedians() {
        var sequential = new Row(LATENCY, 1, true, List.of(run(110_000, 3000, 200 << 20)), Row.ideal(100, 1, 1100));
        var concurrent = new Row(LATENCY, 100, false,
                List.of(run(1500, 2000, 300 << 20), run(1600, 2100, 300 << 20), run(9000, 2200, 300 << 20)),
                Row.ideal(100, 100, 1100));
        var scale = new Row(SCALE, 200, false, List.of(new Measurement(9000, 8000, 50, 12000, 900L << 20, 0, 0)),
                Row.ideal(1000, 200, 50));

        List<String[]> targets = MarkdownReport.targets(List.of(sequential, concurrent, scale));

        assertThat(targets).hasSize(3);
        assertThat(targets.get(0)[1]).isEqualTo("68.8x");
        assertThat(targets.get(0)[2]).isEqualTo("yes");
        assertThat(targets.get(1)[1]).startsWith("1.45x the ideal");
        assertThat(targets.get(1)[2]).isEqualTo("yes");
        assertThat(targets.get(2)[1]).isEqualTo("0 failed, 0 wrong configs, peak RSS 900 MB");
        assertThat(targets.get(2)[2]).isEqualTo("yes");
    }

    @Test
    void writesTheTableAndAPlotThatIsAPicture() throws IOException {
        var rows = List.of(new Row(LATENCY, 1, true, List.of(run(110_000, 3000, 1 << 20)), 110_000),
                new Row(LATENCY, 10, false, List.of(run(12_000, 3000, 1 << 20)), 11_000),
                new Row(LATENCY, 100, false, List.of(run(2_400, 3000, 1 << 20)), 1_100));

        MarkdownReport.write(dir.resolve("b.md"), rows, "./backup bench", "2 cores", "2026-11-26");
        Plot.write(dir.resolve("b.png"), rows, "test");

        assertThat(Files.readString(dir.resolve("b.md"))).contains("| latency | 100 | 200 ms | --workers 100 | 1 | 2.40 |",
                "45.8x", "2.18x the ideal", "**no**",
                "at --workers 100: 1.30 s in all, of which 0.40 s before and after the run itself", "and 0.90 s within it");
        assertThat(ImageIO.read(dir.resolve("b.png").toFile()).getWidth()).isEqualTo(900);
    }
}
