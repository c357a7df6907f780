package dev.robust.common.dataset;

import dev.robust.common.image.LabeledImage;
import dev.robust.common.image.UInt8Image;
import org.junit.jupiter.api.Test;

import java.awt.Color;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SyntheticSourceTest {
    @Test
    void sameSeedSameImagesDifferentSeedDifferentImages() throws IOException {
        SyntheticSource a = new SyntheticSource(5, 20, 4);
        assertEquals(a.readAll(Split.TRAIN), new SyntheticSource(5, 20, 4).readAll(Split.TRAIN));
        assertNotEquals(a.readAll(Split.TRAIN), new SyntheticSource(6, 20, 4).readAll(Split.TRAIN));
        assertNotEquals(a.image(Split.TRAIN, 3), a.image(Split.TEST, 3));
        assertEquals("synthetic", a.label());
    }

    @Test
    void classesAreBalancedAndImagesAre32By32Rgb() throws IOException {
        int[] counts = new int[10];
        for (LabeledImage image : SyntheticSource.ofTrainSize(200).readAll(Split.TRAIN)) {
            counts[image.label()]++;
            assertTrue(image.image().sameShape(UInt8Image.zeros(32, 32, 3)));
        }
        for (int count : counts) assertEquals(20, count);
    }

    /** A nearest-centroid classifier on coarse colour and edge features must beat 50% (chance is 10%). */
    @Test
    void isLearnableByASimpleClassifier() throws IOException {
        SyntheticSource source = new SyntheticSource(11, 2000, 500);
        List<LabeledImage> train = source.readAll(Split.TRAIN);
        double[][] centroids = new double[10][];
        int[] counts = new int[10];
        for (LabeledImage image : train) {
            double[] f = features(image.image());
            if (centroids[image.label()] == null) centroids[image.label()] = new double[f.length];
            for (int i = 0; i < f.length; i++) centroids[image.label()][i] += f[i];
            counts[image.label()]++;
        }
        for (int c = 0; c < 10; c++) {
            for (int i = 0; i < centroids[c].length; i++) centroids[c][i] /= counts[c];
        }
        int correct = 0;
        List<LabeledImage> test = source.readAll(Split.TEST);
        for (LabeledImage image : test) {
            double[] f = features(image.image());
            int best = -1;
            double bestDistance = Double.MAX_VALUE;
            for (int c = 0; c < 10; c++) {
                double d = 0;
                for (int i = 0; i < f.length; i++) d += (f[i] - centroids[c][i]) * (f[i] - centroids[c][i]);
                if (d < bestDistance) {
                    bestDistance = d;
                    best = c;
                }
            }
            if (best == image.label()) correct++;
        }
        double accuracy = correct / (double) test.size();
        assertTrue(accuracy > 0.5, "nearest-centroid accuracy " + accuracy);
    }

    /** Hue of the brightest pixels (the shape is drawn brighter than the background) and edge energy. */
    private static double[] features(UInt8Image image) {
        int[] luma = new int[32 * 32];
        for (int p = 0; p < luma.length; p++) {
            luma[p] = image.get(p / 32, p % 32, 0) + image.get(p / 32, p % 32, 1) + image.get(p / 32, p % 32, 2);
        }
        int[] sorted = luma.clone();
        Arrays.sort(sorted);
        int threshold = sorted[sorted.length * 24 / 25];
        double[] rgb = new double[3];
        int bright = 0;
        for (int p = 0; p < luma.length; p++) {
            if (luma[p] >= threshold) {
                for (int c = 0; c < 3; c++) rgb[c] += image.get(p / 32, p % 32, c);
                bright++;
            }
        }
        for (int c = 0; c < 3; c++) rgb[c] /= bright;
        float hue = Color.RGBtoHSB((int) rgb[0], (int) rgb[1], (int) rgb[2], null)[0];
        double horizontalEdges = 0;
        double verticalEdges = 0;
        for (int y = 1; y < 32; y++) {
            for (int x = 1; x < 32; x++) {
                horizontalEdges += Math.abs(luma[y * 32 + x] - luma[y * 32 + x - 1]);
                verticalEdges += Math.abs(luma[y * 32 + x] - luma[(y - 1) * 32 + x]);
            }
        }
        double edges = horizontalEdges + verticalEdges + 1;
        return new double[] {Math.cos(2 * Math.PI * hue), Math.sin(2 * Math.PI * hue),
                horizontalEdges / edges, verticalEdges / edges};
    }
}
