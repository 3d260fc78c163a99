package net.backup.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * {@code docs/benchmarks.png}: wall time against workers for one scenario, measured and ideal, on log-log
 * axes (both fall by orders of magnitude). Drawn with the JDK alone.
 */
public final class Plot {
    private static final int WIDTH = 900;
    private static final int HEIGHT = 560;
    private static final int LEFT = 90;
    private static final int RIGHT = 40;
    private static final int TOP = 60;
    private static final int BOTTOM = 70;

    private Plot() {
    }

    public static void write(Path file, List<Row> rows, String title) throws IOException {
        System.setProperty("java.awt.headless", "true");
        var image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);
        double maxWorkers = rows.stream().mapToInt(Row::workers).max().orElse(1);
        double maxSeconds = rows.stream().mapToDouble(r -> Math.max(r.wallMillis(), r.idealMillis()) / 1e3).max().orElse(1);
        double minSeconds = rows.stream().mapToDouble(r -> Math.min(r.wallMillis(), r.idealMillis()) / 1e3).min().orElse(0.1);
        var axes = new Axes(1, Math.max(2, maxWorkers * 1.3), Math.max(0.01, minSeconds / 1.5), maxSeconds * 1.5);
        axes.draw(g, title);
        line(g, axes, rows, true, new Color(0x888888), new float[] {8, 6});
        line(g, axes, rows, false, new Color(0x1f5fbf), null);
        legend(g);
        g.dispose();
        Files.createDirectories(file.toAbsolutePath().getParent());
        ImageIO.write(image, "png", file.toFile());
    }

    private static void line(Graphics2D g, Axes axes, List<Row> rows, boolean ideal, Color color, float[] dash) {
        g.setColor(color);
        g.setStroke(new BasicStroke(2.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 10, dash, 0));
        int previousX = -1;
        int previousY = -1;
        for (Row row : rows) {
            int x = axes.x(row.workers());
            int y = axes.y((ideal ? row.idealMillis() : row.wallMillis()) / 1e3);
            if (previousX >= 0) {
                g.drawLine(previousX, previousY, x, y);
            }
            g.fillOval(x - 4, y - 4, 8, 8);
            if (!ideal) {
                g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
                g.drawString(String.format(Locale.ROOT, "%.2f s", row.wallMillis() / 1e3), x + 6, y - 8);
            }
            previousX = x;
            previousY = y;
        }
    }

    private static void legend(Graphics2D g) {
        g.setStroke(new BasicStroke(2.5f));
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        g.setColor(new Color(0x1f5fbf));
        g.drawLine(WIDTH - 300, TOP + 10, WIDTH - 260, TOP + 10);
        g.drawString("measured (median wall time)", WIDTH - 250, TOP + 15);
        g.setColor(new Color(0x888888));
        g.setStroke(new BasicStroke(2.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 10, new float[] {8, 6}, 0));
        g.drawLine(WIDTH - 300, TOP + 35, WIDTH - 260, TOP + 35);
        g.drawString("ideal: ceil(N/W) x one device", WIDTH - 250, TOP + 40);
    }

    /** Log-scaled axes in the plot area. */
    private record Axes(double minX, double maxX, double minY, double maxY) {
        int x(double workers) {
            return LEFT + (int) ((Math.log(workers) - Math.log(minX)) / (Math.log(maxX) - Math.log(minX)) * (WIDTH - LEFT - RIGHT));
        }

        int y(double seconds) {
            double f = (Math.log(seconds) - Math.log(minY)) / (Math.log(maxY) - Math.log(minY));
            return HEIGHT - BOTTOM - (int) (f * (HEIGHT - TOP - BOTTOM));
        }

        void draw(Graphics2D g, String title) {
            g.setColor(Color.BLACK);
            g.setStroke(new BasicStroke(1.2f));
            g.drawLine(LEFT, HEIGHT - BOTTOM, WIDTH - RIGHT, HEIGHT - BOTTOM);
            g.drawLine(LEFT, TOP, LEFT, HEIGHT - BOTTOM);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
            g.drawString(title, LEFT, TOP - 25);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
            g.drawString("workers (1 = --sequential), log scale", WIDTH / 2 - 110, HEIGHT - 25);
            g.drawString("seconds, log scale", 10, TOP - 8);
            for (double w = 1; w <= maxX; w *= 10) {
                for (int k = 1; k < 10 && w * k <= maxX; k++) {
                    int px = x(w * k);
                    g.drawLine(px, HEIGHT - BOTTOM, px, HEIGHT - BOTTOM + (k == 1 ? 8 : 4));
                    if (k == 1 || k == 2 || k == 5) {
                        g.drawString(String.valueOf((long) (w * k)), px - 8, HEIGHT - BOTTOM + 24);
                    }
                }
            }
            for (double s = Math.pow(10, Math.floor(Math.log10(minY))); s <= maxY; s *= 10) {
                for (int k = 1; k < 10; k++) {
                    double v = s * k;
                    if (v < minY || v > maxY) {
                        continue;
                    }
                    int py = y(v);
                    g.setColor(new Color(0xeeeeee));
                    g.drawLine(LEFT + 1, py, WIDTH - RIGHT, py);
                    g.setColor(Color.BLACK);
                    g.drawLine(LEFT - (k == 1 ? 8 : 4), py, LEFT, py);
                    if (k == 1 || k == 2 || k == 5) {
                        g.drawString(v >= 1 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.1f", v), LEFT - 45, py + 5);
                    }
                }
            }
        }
    }
}
