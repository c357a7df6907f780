package dev.robust.cli.report;

import dev.robust.common.corruption.Corruption;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The report's two charts, drawn with Java2D into PNG files: teacher vs student top-1 per corruption at severity 5
 * (clean first, for scale), and mean top-1 against severity (0 = clean).
 */
public final class ReportCharts {
    public static final String SEVERITY5_CHART = "top1-severity5-by-corruption.png";
    public static final String SEVERITY_CHART = "top1-by-severity.png";

    private static final Color[] SERIES = {new Color(0x2b6cb0), new Color(0xdd6b20), new Color(0x38a169)};
    private static final int LEFT = 60;
    private static final int RIGHT = 20;
    private static final int TOP = 80;
    private static final int PLOT_HEIGHT = 300;

    private ReportCharts() {
    }

    /** Writes both charts into {@code dir} and returns their file names. */
    public static List<String> write(RunReport report, Path dir) throws IOException {
        System.setProperty("java.awt.headless", "true");
        ImageIO.write(severity5(report), "png", dir.resolve(SEVERITY5_CHART).toFile());
        ImageIO.write(bySeverity(report), "png", dir.resolve(SEVERITY_CHART).toFile());
        return List.of(SEVERITY5_CHART, SEVERITY_CHART);
    }

    static BufferedImage severity5(RunReport report) {
        List<String> groups = new ArrayList<>(List.of("clean"));
        groups.addAll(ReportTables.corruptionsScored(report));
        List<ModelScores> models = report.models();
        int barWidth = 14;
        int groupWidth = barWidth * Math.max(1, models.size()) + 12;
        int bottom = 130; // room for the rotated corruption names
        // Wide enough for the title and the legend however few corruptions a profile scores.
        int width = Math.max(560, LEFT + groups.size() * groupWidth + RIGHT);
        BufferedImage image = canvas(width, TOP + PLOT_HEIGHT + bottom);
        Graphics2D g = image.createGraphics();
        prepare(g);
        title(g, "Top-1 at severity 5, per corruption (" + report.dataset().label() + ")");
        yAxis(g, groups.size() * groupWidth);
        legend(g, models, image.getWidth());
        for (int group = 0; group < groups.size(); group++) {
            int x0 = LEFT + group * groupWidth + 6;
            for (int m = 0; m < models.size(); m++) {
                Optional<Double> top1 = group == 0 ? Optional.ofNullable(models.get(m).cleanTop1())
                        : models.get(m).corruption(groups.get(group)).flatMap(c -> c.at(Corruption.MAX_SEVERITY))
                        .map(Slice::top1);
                if (top1.isEmpty()) continue;
                int height = (int) Math.round(top1.get() * PLOT_HEIGHT);
                g.setColor(SERIES[m % SERIES.length]);
                g.fillRect(x0 + m * barWidth, TOP + PLOT_HEIGHT - height, barWidth - 2, height);
            }
            g.setColor(Color.DARK_GRAY);
            AffineTransform straight = g.getTransform();
            g.rotate(Math.toRadians(-50), x0 + groupWidth / 2.0, TOP + PLOT_HEIGHT + 12);
            String name = groups.get(group);
            g.drawString(name, x0 + groupWidth / 2 - g.getFontMetrics().stringWidth(name), TOP + PLOT_HEIGHT + 16);
            g.setTransform(straight);
        }
        g.dispose();
        return image;
    }

    static BufferedImage bySeverity(RunReport report) {
        int step = 90;
        int width = LEFT + 5 * step + 2 * RIGHT + 80;
        BufferedImage image = canvas(width, TOP + PLOT_HEIGHT + 60);
        Graphics2D g = image.createGraphics();
        prepare(g);
        title(g, "Top-1 vs severity (mean over the corruptions scored; 0 = clean)");
        yAxis(g, 5 * step + 40);
        legend(g, report.models(), width);
        g.setColor(Color.DARK_GRAY);
        for (int severity = 0; severity <= Corruption.MAX_SEVERITY; severity++) {
            String label = severity == 0 ? "clean" : Integer.toString(severity);
            int x = LEFT + 20 + severity * step;
            g.drawString(label, x - g.getFontMetrics().stringWidth(label) / 2, TOP + PLOT_HEIGHT + 20);
        }
        g.setStroke(new BasicStroke(2.5f));
        for (int m = 0; m < report.models().size(); m++) {
            ModelScores model = report.models().get(m);
            g.setColor(SERIES[m % SERIES.length]);
            int previousX = -1;
            int previousY = -1;
            for (int severity = 0; severity <= Corruption.MAX_SEVERITY; severity++) {
                Optional<Double> top1 = severity == 0 ? Optional.ofNullable(model.cleanTop1()) : model.meanAt(severity);
                if (top1.isEmpty()) continue;
                int x = LEFT + 20 + severity * step;
                int y = TOP + PLOT_HEIGHT - (int) Math.round(top1.get() * PLOT_HEIGHT);
                g.fillOval(x - 4, y - 4, 8, 8);
                if (previousX >= 0) g.drawLine(previousX, previousY, x, y);
                previousX = x;
                previousY = y;
            }
        }
        g.dispose();
        return image;
    }

    private static BufferedImage canvas(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.dispose();
        return image;
    }

    private static void prepare(Graphics2D g) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    }

    private static void title(Graphics2D g, String text) {
        g.setColor(Color.BLACK);
        g.setFont(g.getFont().deriveFont(Font.BOLD, 14f));
        g.drawString(text, LEFT, 22);
        g.setFont(g.getFont().deriveFont(Font.PLAIN, 12f));
    }

    /** 0–100 % with a grid line every 20 %. */
    private static void yAxis(Graphics2D g, int plotWidth) {
        for (int percent = 0; percent <= 100; percent += 20) {
            int y = TOP + PLOT_HEIGHT - percent * PLOT_HEIGHT / 100;
            g.setColor(percent == 0 ? Color.GRAY : new Color(0xe2e8f0));
            g.drawLine(LEFT, y, LEFT + plotWidth, y);
            g.setColor(Color.DARK_GRAY);
            String label = String.format(Locale.ROOT, "%d%%", percent);
            g.drawString(label, LEFT - 8 - g.getFontMetrics().stringWidth(label), y + 4);
        }
    }

    private static void legend(Graphics2D g, List<ModelScores> models, int width) {
        int longest = models.stream().mapToInt(model -> g.getFontMetrics().stringWidth(model.name())).max().orElse(0);
        int x = width - RIGHT - 18 - longest;
        for (int m = 0; m < models.size(); m++) {
            int y = 44 + m * 16;
            g.setColor(SERIES[m % SERIES.length]);
            g.fillRect(x, y - 10, 12, 12);
            g.setColor(Color.DARK_GRAY);
            g.drawString(models.get(m).name(), x + 18, y);
        }
    }
}
