package dev.robust.cli.report;

import dev.robust.common.corruption.Corruption;
import dev.robust.common.stats.Interval;

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
import java.util.Set;

/**
 * The report's two charts, drawn with Java2D into PNG files: each final model's top-1 per corruption at severity 5
 * (clean first, for scale), and mean top-1 against severity (0 = clean); each value with its 95 % interval as a
 * whisker, each model named in the legend by what it is (raw teacher, SWA teacher, student).
 */
public final class ReportCharts {
    public static final String SEVERITY5_CHART = "top1-severity5-by-corruption.png";
    public static final String SEVERITY_CHART = "top1-by-severity.png";

    private static final Color[] SERIES = {new Color(0x2b6cb0), new Color(0xdd6b20), new Color(0x38a169)};
    private static final int LEFT = 60;
    private static final int RIGHT = 20;
    private static final int TOP = 80;
    private static final int PLOT_HEIGHT = 300;
    private static final int MIN_WIDTH = 900;

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
        int bottom = 130; // room for the rotated corruption names
        // The plot spans the canvas: groups share its width, however few corruptions a profile scores.
        int width = Math.max(MIN_WIDTH, LEFT + groups.size() * (12 * Math.max(1, models.size()) + 12) + RIGHT);
        int plotWidth = width - LEFT - RIGHT;
        double groupWidth = (double) plotWidth / groups.size();
        double barWidth = (groupWidth - 12) / Math.max(1, models.size());
        BufferedImage image = canvas(width, TOP + PLOT_HEIGHT + bottom);
        Graphics2D g = image.createGraphics();
        prepare(g);
        title(g, "Top-1 at severity 5, per corruption (" + report.dataset().label() + ")");
        subtitle(g, "bars: top-1 of each model; whiskers: 95 % Wilson interval over the slice's images");
        yAxis(g, plotWidth);
        legend(g, models, image.getWidth());
        for (int group = 0; group < groups.size(); group++) {
            double x0 = LEFT + group * groupWidth + 6;
            for (int m = 0; m < models.size(); m++) {
                ModelScores model = models.get(m);
                Optional<Double> top1;
                Optional<Interval> interval;
                if (group == 0) {
                    top1 = Optional.ofNullable(model.cleanTop1());
                    interval = Optional.ofNullable(model.cleanInterval());
                } else {
                    Optional<Slice> slice = model.corruption(groups.get(group))
                            .flatMap(c -> c.at(Corruption.MAX_SEVERITY));
                    top1 = slice.map(Slice::top1);
                    interval = slice.map(Slice::interval);
                }
                if (top1.isEmpty()) continue;
                int x = (int) Math.round(x0 + m * barWidth);
                int w = Math.max(2, (int) Math.round(barWidth) - 2);
                int height = (int) Math.round(top1.get() * PLOT_HEIGHT);
                g.setColor(SERIES[m % SERIES.length]);
                g.fillRect(x, TOP + PLOT_HEIGHT - height, w, height);
                interval.ifPresent(ci -> errorBar(g, x + w / 2, ci, Math.max(2, w / 4)));
            }
            g.setColor(Color.DARK_GRAY);
            AffineTransform straight = g.getTransform();
            double labelX = x0 + groupWidth / 2;
            g.rotate(Math.toRadians(-50), labelX, TOP + PLOT_HEIGHT + 12);
            String name = groups.get(group);
            g.drawString(name, (int) Math.round(labelX) - g.getFontMetrics().stringWidth(name),
                    TOP + PLOT_HEIGHT + 16);
            g.setTransform(straight);
        }
        g.dispose();
        return image;
    }

    /**
     * Mean top-1 over the corruptions at each severity, with the pooled 95 % Wilson interval of their images.
     * Points only where a severity was scored, and lines only between neighbouring scored severities: a profile
     * that scores severity 5 alone gets a clean point and a severity-5 point, not a line implying severities 1–4.
     */
    static BufferedImage bySeverity(RunReport report) {
        int step = 130;
        int width = Math.max(MIN_WIDTH, LEFT + 40 + Corruption.MAX_SEVERITY * step + RIGHT);
        int plotWidth = width - LEFT - RIGHT;
        step = (plotWidth - 40) / Corruption.MAX_SEVERITY;
        BufferedImage image = canvas(width, TOP + PLOT_HEIGHT + 60);
        Graphics2D g = image.createGraphics();
        prepare(g);
        title(g, "Top-1 vs severity (mean over the corruptions scored; 0 = clean)");
        subtitle(g, ReportTables.onlySeverity5(report)
                ? "only severity 5 was scored, so C-sev5 = C-all; whiskers: 95 % Wilson interval"
                : "points only at the severities scored; whiskers: 95 % Wilson interval of the pooled images");
        yAxis(g, plotWidth);
        legend(g, report.models(), width);
        Set<Integer> scored = ReportTables.severitiesScored(report);
        for (int severity = 0; severity <= Corruption.MAX_SEVERITY; severity++) {
            boolean wasScored = severity == 0 || scored.contains(severity);
            String label = severity == 0 ? "clean" : wasScored ? Integer.toString(severity) : severity + " (not scored)";
            int x = LEFT + 20 + severity * step;
            g.setColor(wasScored ? Color.DARK_GRAY : Color.LIGHT_GRAY);
            g.drawString(label, x - g.getFontMetrics().stringWidth(label) / 2, TOP + PLOT_HEIGHT + 20);
        }
        for (int m = 0; m < report.models().size(); m++) {
            ModelScores model = report.models().get(m);
            g.setColor(SERIES[m % SERIES.length]);
            int previousSeverity = -2;
            int previousX = -1;
            int previousY = -1;
            for (int severity = 0; severity <= Corruption.MAX_SEVERITY; severity++) {
                Optional<Double> top1 = severity == 0 ? Optional.ofNullable(model.cleanTop1()) : model.meanAt(severity);
                if (top1.isEmpty()) continue;
                Optional<Interval> interval = severity == 0 ? Optional.ofNullable(model.cleanInterval())
                        : model.pooledIntervalAt(severity);
                // Models side by side by a few pixels, so their whiskers do not hide each other.
                int x = LEFT + 20 + severity * step + (m - report.models().size() / 2) * 6;
                int y = TOP + PLOT_HEIGHT - (int) Math.round(top1.get() * PLOT_HEIGHT);
                g.fillOval(x - 4, y - 4, 8, 8);
                interval.ifPresent(ci -> errorBar(g, x, ci, 4));
                g.setStroke(new BasicStroke(2.5f));
                if (previousSeverity == severity - 1) g.drawLine(previousX, previousY, x, y);
                g.setStroke(new BasicStroke(1f));
                previousSeverity = severity;
                previousX = x;
                previousY = y;
            }
        }
        g.dispose();
        return image;
    }

    /** A vertical whisker from the interval's low to its high end, with caps {@code 2 * halfCap} wide. */
    private static void errorBar(Graphics2D g, int x, Interval interval, int halfCap) {
        Color colour = g.getColor();
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(1.2f));
        int low = TOP + PLOT_HEIGHT - (int) Math.round(interval.low() * PLOT_HEIGHT);
        int high = TOP + PLOT_HEIGHT - (int) Math.round(interval.high() * PLOT_HEIGHT);
        g.drawLine(x, low, x, high);
        g.drawLine(x - halfCap, low, x + halfCap, low);
        g.drawLine(x - halfCap, high, x + halfCap, high);
        g.setStroke(new BasicStroke(1f));
        g.setColor(colour);
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

    private static void subtitle(Graphics2D g, String text) {
        g.setColor(Color.DARK_GRAY);
        g.drawString(text, LEFT, 40);
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
            int y = 30 + m * 16;
            g.setColor(SERIES[m % SERIES.length]);
            g.fillRect(x, y - 10, 12, 12);
            g.setColor(Color.DARK_GRAY);
            g.drawString(models.get(m).name(), x + 18, y);
        }
    }
}
