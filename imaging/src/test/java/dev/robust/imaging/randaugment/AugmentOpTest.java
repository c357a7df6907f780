package dev.robust.imaging.randaugment;

import dev.robust.common.image.UInt8Image;
import dev.robust.imaging.TestImages;
import dev.robust.imaging.random.ImageRandom;
import org.junit.jupiter.api.Test;

import static dev.robust.common.image.RandAugmentGeometry.ABSOLUTE;
import static dev.robust.common.image.RandAugmentGeometry.RELATIVE;
import static dev.robust.imaging.TestImages.channel;
import static dev.robust.imaging.TestImages.grey;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Each op on tiny hand-made images; expectations worked out by hand from the op's definition. */
class AugmentOpTest {
    private static final ImageRandom RANDOM = ImageRandom.forImage(1, 2);

    @Test
    void invertSubtractsFrom255() {
        UInt8Image out = AugmentOp.INVERT.apply(grey(new int[][] {{0, 100, 255}}), 9, ABSOLUTE, RANDOM);
        assertArrayEquals(new int[] {255, 155, 0}, channel(out, 1)[0]);
    }

    @Test
    void posterizeKeepsThreeBitsAtMagnitude9() {
        // int(0.9 · 4) = 3 bits kept: 255 → 224, 37 (001 00101) → 32, 100 (011 00100) → 96.
        UInt8Image out = AugmentOp.POSTERIZE.apply(grey(new int[][] {{255, 37, 100}}), 9, ABSOLUTE, RANDOM);
        assertArrayEquals(new int[] {224, 32, 96}, channel(out, 0)[0]);
        // Magnitude 5: int(2.0) = 2 bits: 255 → 192, 100 → 64.
        assertArrayEquals(new int[] {192, 0, 64},
                channel(AugmentOp.POSTERIZE.apply(grey(new int[][] {{255, 37, 100}}), 5, ABSOLUTE, RANDOM), 0)[0]);
    }

    @Test
    void solarizeInvertsFromThreshold230() {
        // int(0.9 · 256) = 230: below stays, at or above inverts.
        UInt8Image out = AugmentOp.SOLARIZE.apply(grey(new int[][] {{229, 230, 255, 0}}), 9, ABSOLUTE, RANDOM);
        assertArrayEquals(new int[] {229, 25, 0, 0}, channel(out, 2)[0]);
    }

    @Test
    void solarizeAddAdds99BelowThreshold128() {
        // int(0.9 · 110) = 99 added to samples < 128, clipped at 255.
        UInt8Image out = AugmentOp.SOLARIZE_ADD.apply(grey(new int[][] {{0, 127, 128, 200}}), 9, ABSOLUTE, RANDOM);
        assertArrayEquals(new int[] {99, 226, 128, 200}, channel(out, 0)[0]);
        assertEquals(255, TonalOps.solarizeAdd(grey(new int[][] {{120}}), 200, 128).get(0, 0, 0));
    }

    @Test
    void autoContrastStretchesEachChannelOnItsOwn() {
        UInt8Image image = UInt8Image.zeros(1, 3, 3);
        int[][] values = {{50, 100, 150}, {10, 10, 10}, {0, 128, 255}}; // per channel: stretch, flat, already full
        for (int c = 0; c < 3; c++)
            for (int x = 0; x < 3; x++) image.set(0, x, c, values[c][x]);
        UInt8Image out = AugmentOp.AUTO_CONTRAST.apply(image, 9, ABSOLUTE, RANDOM);
        // Channel 0: (v − 50) · 255/100 → 0, 127 (127.5 truncated), 255.
        assertArrayEquals(new int[] {0, 127, 255}, channel(out, 0)[0]);
        assertArrayEquals(new int[] {10, 10, 10}, channel(out, 1)[0]);
        assertArrayEquals(new int[] {0, 128, 255}, channel(out, 2)[0]);
    }

    @Test
    void equalizeSpreadsTheHistogram() {
        // 510 + 255 pixels: levels 10 (x255), 20 (x255), 30 (x255). step = (765 − 255) / 255 = 2.
        // lut(10) = 0 (nothing below); lut(20) = (255 + 1) / 2 = 128; lut(30) = (510 + 1) / 2 = 255.
        int[][] rows = new int[3][255];
        for (int y = 0; y < 3; y++) java.util.Arrays.fill(rows[y], 10 * (y + 1));
        UInt8Image out = AugmentOp.EQUALIZE.apply(grey(rows), 9, ABSOLUTE, RANDOM);
        assertEquals(0, out.get(0, 0, 0));
        assertEquals(128, out.get(1, 0, 1));
        assertEquals(255, out.get(2, 0, 2));
    }

    @Test
    void equalizeLeavesSingleLevelChannelAlone() {
        assertEquals(TestImages.flat(4, 4, 77), AugmentOp.EQUALIZE.apply(TestImages.flat(4, 4, 77), 9, ABSOLUTE, RANDOM));
    }

    @Test
    void rotateByRightAngleTurnsCounterClockwiseWithNearestSampling() {
        UInt8Image image = grey(new int[][] {{1, 2, 3}, {4, 5, 6}, {7, 8, 9}});
        UInt8Image out = GeometricOps.rotate(image, 90f, AugmentOp.FILL);
        assertArrayEquals(new int[][] {{3, 6, 9}, {2, 5, 8}, {1, 4, 7}}, channel(out, 0));
    }

    @Test
    void rotateFillsUncoveredCornersWithGrey() {
        UInt8Image out = GeometricOps.rotate(TestImages.flat(9, 9, 0), 45f, AugmentOp.FILL);
        assertEquals(128, out.get(0, 0, 0));
        assertEquals(0, out.get(4, 4, 0));
    }

    @Test
    void translateShiftsContentAndFills128() {
        UInt8Image image = grey(new int[][] {{1, 2, 3, 4}, {5, 6, 7, 8}});
        assertArrayEquals(new int[][] {{3, 4, 128, 128}, {7, 8, 128, 128}},
                channel(GeometricOps.translateX(image, 2f, AugmentOp.FILL), 0));
        assertArrayEquals(new int[][] {{128, 1, 2, 3}, {128, 5, 6, 7}},
                channel(GeometricOps.translateX(image, -1f, AugmentOp.FILL), 0));
        assertArrayEquals(new int[][] {{5, 6, 7, 8}, {128, 128, 128, 128}},
                channel(GeometricOps.translateY(image, 1f, AugmentOp.FILL), 0));
    }

    @Test
    void translateAtMagnitude9MovesNinetyPixelsAndLeavesOnlyGreyOn72() {
        UInt8Image out = AugmentOp.TRANSLATE_X.apply(TestImages.scene(72, 72), 9, ABSOLUTE, ImageRandom.forImage(3));
        assertEquals(TestImages.flat(72, 72, 128), out);
    }

    @Test
    void absoluteGeometryKeepsTheRecipesPixelsAtEveryViewSize() {
        // Magnitude 9: translate 90 px and cutout half-size 36 whatever the view, as the seed's 72x72 views get.
        for (int side : new int[] {32, 72, 100}) {
            UInt8Image image = TestImages.scene(side, side);
            ImageRandom replay = ImageRandom.forImage(side);
            float shift = replay.nextBoolean() ? 90f : -90f;
            assertEquals(GeometricOps.translateY(image, shift, AugmentOp.FILL),
                    AugmentOp.TRANSLATE_Y.apply(image, 9, ABSOLUTE, ImageRandom.forImage(side)));
            replay = ImageRandom.forImage(side);
            int centreY = replay.nextInt(side);
            int centreX = replay.nextInt(side);
            assertEquals(Cutout.fillSquare(image, centreY, centreX, 36, AugmentOp.FILL),
                    AugmentOp.CUTOUT.apply(image, 9, ABSOLUTE, ImageRandom.forImage(side)));
        }
    }

    @Test
    void relativeGeometryScalesTranslateAndCutoutByViewSideOver72() {
        UInt8Image image = TestImages.scene(32, 32);
        // Magnitude 3 on 32 px: 0.3 · 100 · 32/72 = 13.3 px (absolute: 30 px).
        ImageRandom replay = ImageRandom.forImage(5);
        float shift = replay.nextBoolean() ? 13.333333f : -13.333333f;
        assertEquals(GeometricOps.translateX(image, shift, AugmentOp.FILL),
                AugmentOp.TRANSLATE_X.apply(image, 3, RELATIVE, ImageRandom.forImage(5)));
        // Magnitude 9 on 32 px: cutout half-size 0.9 · 40 · 32/72 = 16 (absolute: 36, the whole view).
        replay = ImageRandom.forImage(6);
        int centreY = replay.nextInt(32);
        int centreX = replay.nextInt(32);
        assertEquals(Cutout.fillSquare(image, centreY, centreX, 16, AugmentOp.FILL),
                AugmentOp.CUTOUT.apply(image, 9, RELATIVE, ImageRandom.forImage(6)));
        // At 72 px the two geometries are one.
        UInt8Image seedView = TestImages.scene(72, 72);
        for (AugmentOp op : new AugmentOp[] {AugmentOp.TRANSLATE_X, AugmentOp.TRANSLATE_Y, AugmentOp.CUTOUT})
            for (int magnitude = 0; magnitude <= 10; magnitude++) {
                assertEquals(op.apply(seedView, magnitude, ABSOLUTE, ImageRandom.forImage(magnitude)),
                        op.apply(seedView, magnitude, RELATIVE, ImageRandom.forImage(magnitude)), op + " " + magnitude);
            }
    }

    @Test
    void shearXReadsRowDependentOffsets() {
        // Level 1: output (x, y) reads input (x + y, y): row 0 unchanged, row 1 shifted left by 1, row 2 by 2.
        UInt8Image image = grey(new int[][] {{1, 2, 3}, {4, 5, 6}, {7, 8, 9}});
        assertArrayEquals(new int[][] {{1, 2, 3}, {5, 6, 128}, {9, 128, 128}},
                channel(GeometricOps.shearX(image, 1f, AugmentOp.FILL), 0));
        assertArrayEquals(new int[][] {{1, 5, 9}, {4, 8, 128}, {7, 128, 128}},
                channel(GeometricOps.shearY(image, 1f, AugmentOp.FILL), 0));
    }

    @Test
    void cutoutFillsA2hSquareClippedToTheImage() {
        UInt8Image out = Cutout.fillSquare(TestImages.flat(10, 10, 0), 5, 5, 2, 128);
        int grey = 0;
        for (int y = 0; y < 10; y++) for (int x = 0; x < 10; x++) if (out.get(y, x, 0) == 128) grey++;
        assertEquals(16, grey); // rows 3..6 × cols 3..6
        assertEquals(128, out.get(3, 3, 0));
        assertEquals(0, out.get(7, 7, 0));
        UInt8Image corner = Cutout.fillSquare(TestImages.flat(10, 10, 0), 0, 9, 2, 128);
        assertEquals(128, corner.get(0, 9, 1));
        assertEquals(128, corner.get(1, 7, 1));
        assertEquals(0, corner.get(2, 9, 1));
    }

    @Test
    void cutoutAtMagnitude9CoversUpTo72By72() {
        // Half-size int(0.9 · 40) = 36: a 72-pixel square, clipped by where the centre falls.
        UInt8Image out = AugmentOp.CUTOUT.apply(TestImages.flat(100, 100, 0), 9, ABSOLUTE, ImageRandom.forImage(9));
        int grey = 0;
        for (int y = 0; y < 100; y++) for (int x = 0; x < 100; x++) if (out.get(y, x, 0) == 128) grey++;
        assertEquals(true, grey >= 36 * 36 && grey <= 72 * 72, "grey pixels " + grey);
    }

    @Test
    void brightnessScalesTowardsBlackWithFactor172() {
        // factor 0.9 · 1.8 + 0.1 = 1.72: 100 → 172, 200 → 344 clipped to 255.
        UInt8Image out = AugmentOp.BRIGHTNESS.apply(grey(new int[][] {{100, 200}}), 9, ABSOLUTE, RANDOM);
        assertArrayEquals(new int[] {172, 255}, channel(out, 0)[0]);
        // factor 0.5 (magnitude 2.2222…): truncation 101 · 0.5 = 50.5 → 50.
        assertEquals(50, EnhanceOps.brightness(grey(new int[][] {{101}}), 0.5f).get(0, 0, 0));
    }

    @Test
    void colorAtFactorZeroIsTensorFlowGrey() {
        UInt8Image pixel = UInt8Image.zeros(1, 1, 3);
        pixel.set(0, 0, 0, 255);
        // Pure red: 0.2989 · 255.5 = 76.37 → 76 in all channels.
        UInt8Image out = EnhanceOps.color(pixel, 0f);
        assertArrayEquals(new byte[] {76, 76, 76}, out.data());
        // Factor 1.72 pushes away from grey: red 76 + 1.72 · (255 − 76) → 255 (clipped), green 76 − 1.72·76 → 0.
        UInt8Image saturated = AugmentOp.COLOR.apply(pixel, 9, ABSOLUTE, RANDOM);
        assertArrayEquals(new int[] {255, 0, 0},
                new int[] {saturated.get(0, 0, 0), saturated.get(0, 0, 1), saturated.get(0, 0, 2)});
    }

    @Test
    void contrastBlendsWithPixelCountOver256() {
        // 16×16 = 256 pixels → grey level 1; factor 0.5: 201 → 1 + 0.5 · 200 = 101.
        assertEquals(101, EnhanceOps.contrast(TestImages.flat(16, 16, 201), 0.5f).get(3, 3, 0));
        // factor 1.72 at magnitude 9: 100 → 1 + 1.72 · 99 = 171.28 → 171.
        assertEquals(171, AugmentOp.CONTRAST.apply(TestImages.flat(16, 16, 100), 9, ABSOLUTE, RANDOM).get(0, 0, 2));
    }

    @Test
    void sharpnessBlendsInteriorWithSmoothedAndKeepsBorder() {
        // Centre 130 among 0s: smoothed = 5 · 130 / 13 = 50; factor 1.72: 50 + 1.72 · 80 = 187.6 → 187.
        UInt8Image image = grey(new int[][] {{0, 0, 0}, {0, 130, 0}, {0, 0, 0}});
        UInt8Image out = AugmentOp.SHARPNESS.apply(image, 9, ABSOLUTE, RANDOM);
        assertEquals(187, out.get(1, 1, 0));
        assertEquals(0, out.get(0, 0, 0));
        assertEquals(0, out.get(0, 1, 0));
    }
}
