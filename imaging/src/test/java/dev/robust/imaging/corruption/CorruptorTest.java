package dev.robust.imaging.corruption;

import dev.robust.common.corruption.Corruption;
import dev.robust.common.image.UInt8Image;
import dev.robust.imaging.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Properties every corruption must have, and statistics that follow from each one's parameters. */
class CorruptorTest {
    private static final UInt8Image SCENE = TestImages.scene(32, 32);
    private static final int SAMPLES = 12;

    /**
     * Elastic is left out: in the reference parameters severity 1 is a pure affine jitter of ±2.56 px (the largest
     * of the five) and later severities trade it for a local displacement field, so the raw pixel change does not
     * grow with severity (docs/corruptions.md); {@link #elasticDisplacementFieldGrowsWithSeverity} covers it.
     */
    @ParameterizedTest
    @EnumSource(value = Corruption.class, mode = EnumSource.Mode.EXCLUDE, names = "ELASTIC_TRANSFORM")
    void severityFiveChangesTheImageMoreThanSeverityOne(Corruption corruption) {
        double mild = 0;
        double strong = 0;
        for (int i = 0; i < SAMPLES; i++) {
            mild += meanAbsoluteChange(SCENE, corrupt(corruption, 1, SCENE, i));
            strong += meanAbsoluteChange(SCENE, corrupt(corruption, 5, SCENE, i));
        }
        assertTrue(strong > mild, corruption.id() + ": severity 5 changes " + strong / SAMPLES
                + " grey levels on average, severity 1 " + mild / SAMPLES);
    }

    @ParameterizedTest
    @EnumSource(Corruption.class)
    void outputIsUInt8Cifar32By32By3AndDeterministicPerSeed(Corruption corruption) {
        for (int severity = 1; severity <= 5; severity++) {
            UInt8Image a = corrupt(corruption, severity, SCENE, 17);
            UInt8Image b = corrupt(corruption, severity, SCENE, 17);
            assertTrue(a.height() == 32 && a.width() == 32 && a.channels() == 3, a.toString());
            assertEquals(a, b, corruption.id() + " severity " + severity + " is not reproducible");
        }
    }

    @Test
    void elasticDisplacementFieldGrowsWithSeverity() {
        // A flat image survives any warp unchanged, so the change of a scene that is flat except for a one-pixel grid
        // measures how far pixels move locally; severity 1 (affine only) keeps straight lines straight.
        UInt8Image grid = TestImages.flat(32, 32, 0);
        for (int y = 0; y < 32; y++) for (int x = 0; x < 32; x++) if (x % 4 == 0 || y % 4 == 0) grid.set(y, x, 0, 255);
        double mild = 0;
        double strong = 0;
        for (int i = 0; i < SAMPLES; i++) {
            mild += gridBend(corrupt(Corruption.ELASTIC_TRANSFORM, 1, grid, i));
            strong += gridBend(corrupt(Corruption.ELASTIC_TRANSFORM, 5, grid, i));
        }
        assertTrue(strong > mild, "severity 5 bends the grid by " + strong + ", severity 1 by " + mild);
    }

    /** Second differences at the grid period along rows and columns: zero for a regular grid, large where it bends. */
    private static double gridBend(UInt8Image image) {
        double sum = 0;
        for (int y = 4; y < 28; y++)
            for (int x = 4; x < 28; x++) {
                int c = image.get(y, x, 0);
                sum += Math.abs(image.get(y, x - 4, 0) - 2 * c + image.get(y, x + 4, 0))
                        + Math.abs(image.get(y - 4, x, 0) - 2 * c + image.get(y + 4, x, 0));
            }
        return sum;
    }

    @Test
    void gaussianNoiseResidualStdIsSigmaTimes255OnMidGrey() {
        double[] sigma = {0.04, 0.06, 0.08, 0.09, 0.10};
        UInt8Image grey = TestImages.flat(32, 32, 128);
        for (int severity = 1; severity <= 5; severity++) {
            double sumSquares = 0;
            int n = 0;
            for (int i = 0; i < 20; i++) {
                byte[] out = corrupt(Corruption.GAUSSIAN_NOISE, severity, grey, i).data();
                for (byte v : out) {
                    // Truncation lowers values by 0.5 on average; centre the residual on 127.5.
                    double residual = (v & 0xFF) - 127.5;
                    sumSquares += residual * residual;
                    n++;
                }
            }
            double std = Math.sqrt(sumSquares / n);
            assertEquals(sigma[severity - 1] * 255, std, 0.03 * sigma[severity - 1] * 255 + 0.3,
                    "severity " + severity);
        }
    }

    @Test
    void contrastScalesDeviationsFromTheChannelMeanByC() {
        double[] factor = {0.75, 0.5, 0.4, 0.3, 0.15};
        for (int severity = 1; severity <= 5; severity++) {
            UInt8Image out = corrupt(Corruption.CONTRAST, severity, SCENE, 0);
            for (int c = 0; c < 3; c++) {
                double mean = channelMean(SCENE, c);
                for (int y = 0; y < 32; y += 5)
                    for (int x = 0; x < 32; x += 3) {
                        double expected = (SCENE.get(y, x, c) - mean) * factor[severity - 1] + mean;
                        assertEquals(expected, out.get(y, x, c), 1.0, "severity " + severity + " at " + y + "," + x);
                    }
            }
        }
    }

    @Test
    void brightnessRaisesHsvValueByC() {
        double[] raise = {0.05, 0.1, 0.15, 0.2, 0.3};
        UInt8Image colour = UInt8Image.zeros(32, 32, 3);
        for (int p = 0; p < 32 * 32; p++) {
            colour.data()[p * 3] = (byte) 100;
            colour.data()[p * 3 + 1] = (byte) 50;
            colour.data()[p * 3 + 2] = (byte) 25;
        }
        for (int severity = 1; severity <= 5; severity++) {
            UInt8Image out = corrupt(Corruption.BRIGHTNESS, severity, colour, 0);
            double value = Math.max(out.get(9, 9, 0), Math.max(out.get(9, 9, 1), out.get(9, 9, 2)));
            assertEquals(100 + raise[severity - 1] * 255, value, 1.0, "severity " + severity);
            // Hue and saturation unchanged: the channel ratios stay 4 : 2 : 1.
            assertEquals(out.get(9, 9, 0) / 2.0, out.get(9, 9, 1), 1.0);
            assertEquals(out.get(9, 9, 0) / 4.0, out.get(9, 9, 2), 1.0);
        }
    }

    @Test
    void pixelateAtSeverityFiveShowsBlocksOfTheBoxSize() {
        // Severity 5: 32 → int(32 · 0.65) = 20 → 32. Upscaling 20 → 32 repeats each pixel once or twice (32/20 = 1.6),
        // so every run of equal columns in a vertical-stripe image is 1 or 2 pixels and there are exactly 20 runs.
        UInt8Image stripes = UInt8Image.zeros(32, 32, 3);
        for (int y = 0; y < 32; y++) for (int x = 0; x < 32; x++) for (int c = 0; c < 3; c++) stripes.set(y, x, c, x * 8);
        UInt8Image out = corrupt(Corruption.PIXELATE, 5, stripes, 0);
        int runs = 1;
        int run = 1;
        for (int x = 1; x < 32; x++) {
            if (out.get(5, x, 0) == out.get(5, x - 1, 0)) {
                run++;
            } else {
                assertTrue(run == 1 || run == 2, "run of " + run + " ending at " + x);
                runs++;
                run = 1;
            }
        }
        assertEquals(20, runs);
        // Rows are untouched by a purely horizontal pattern.
        for (int y = 1; y < 32; y++) assertEquals(out.get(0, 13, 0), out.get(y, 13, 0));
    }

    /** Zoom blur is left out: it magnifies the centre, so its mean moves towards the centre's by design. */
    @ParameterizedTest
    @EnumSource(value = Corruption.class, names = {"DEFOCUS_BLUR", "GAUSSIAN_BLUR", "MOTION_BLUR", "GLASS_BLUR"})
    void blursPreserveTheMean(Corruption blur) {
        // A bright square on a flat background: no content at the borders for the blur to push out or pull in.
        UInt8Image square = TestImages.flat(32, 32, 60);
        for (int y = 10; y < 22; y++) for (int x = 10; x < 22; x++) for (int c = 0; c < 3; c++) square.set(y, x, c, 220);
        double before = channelMean(square, 1);
        for (int severity = 1; severity <= 5; severity++) {
            double after = channelMean(corrupt(blur, severity, square, 3), 1);
            // Truncation to uint8 lowers values by up to one level.
            assertEquals(before - 0.5, after, 0.8, blur.id() + " severity " + severity);
        }
    }

    @Test
    void jpegKeepsAFlatImageAndLosesDetailWithLowerQuality() {
        UInt8Image flat = TestImages.flat(32, 32, 90);
        assertEquals(90, corrupt(Corruption.JPEG_COMPRESSION, 5, flat, 0).get(16, 16, 1), 1.0);
    }

    @Test
    void rejectsSeverityOutsideOneToFiveAndWrongShapes() {
        assertThrows(IllegalArgumentException.class, () -> corrupt(Corruption.FOG, 6, SCENE, 0));
        assertThrows(IllegalArgumentException.class, () -> corrupt(Corruption.FOG, 0, SCENE, 0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> corrupt(Corruption.FOG, 1, TestImages.flat(16, 16, 0), 0));
        assertTrue(e.getMessage().contains("32×32×3"), e.getMessage());
    }

    private static UInt8Image corrupt(Corruption corruption, int severity, UInt8Image image, long index) {
        return Corruptor.apply(corruption, severity, image, Corruptor.randomFor(2024, corruption, severity, index));
    }

    static double meanAbsoluteChange(UInt8Image a, UInt8Image b) {
        double sum = 0;
        for (int i = 0; i < a.data().length; i++) sum += Math.abs((a.data()[i] & 0xFF) - (b.data()[i] & 0xFF));
        return sum / a.data().length;
    }

    private static double channelMean(UInt8Image image, int c) {
        double sum = 0;
        for (int y = 0; y < image.height(); y++) for (int x = 0; x < image.width(); x++) sum += image.get(y, x, c);
        return sum / (image.height() * image.width());
    }
}
