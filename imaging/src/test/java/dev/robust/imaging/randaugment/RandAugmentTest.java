package dev.robust.imaging.randaugment;

import dev.robust.common.image.UInt8Image;
import dev.robust.imaging.TestImages;
import dev.robust.imaging.random.ImageRandom;
import org.junit.jupiter.api.Test;

import java.util.EnumMap;
import java.util.Map;

import static dev.robust.common.image.RandAugmentGeometry.ABSOLUTE;
import static dev.robust.common.image.RandAugmentGeometry.RELATIVE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RandAugmentTest {

    @Test
    void eachOfSeventeenOutcomesIsDrawnUniformly() {
        int draws = 170_000;
        Map<AugmentOp, Integer> counts = new EnumMap<>(AugmentOp.class);
        int identity = 0;
        ImageRandom random = ImageRandom.forImage(42);
        for (int i = 0; i < draws; i++) {
            AugmentOp op = RandAugment.draw(random);
            if (op == null) identity++;
            else counts.merge(op, 1, Integer::sum);
        }
        assertEquals(16, counts.size());
        double expected = draws / 17.0; // 10,000; binomial std ≈ 97
        for (int count : counts.values()) assertEquals(expected, count, 500);
        assertEquals(expected, identity, 500);
    }

    @Test
    void zeroLayersIsIdentity() {
        UInt8Image image = TestImages.scene(8, 8);
        assertEquals(image, new RandAugment(0, 9, ABSOLUTE).apply(image, ImageRandom.forImage(1)));
    }

    @Test
    void sameSeedSameOutputDifferentSeedsDiffer() {
        RandAugment augment = new RandAugment(2, 9, ABSOLUTE);
        UInt8Image image = TestImages.scene(72, 72);
        assertEquals(augment.apply(image, ImageRandom.forImage(5, 1)), augment.apply(image, ImageRandom.forImage(5, 1)));
        int differing = 0;
        for (int k = 0; k < 20; k++) {
            if (!augment.apply(image, ImageRandom.forImage(5, k)).equals(augment.apply(image, ImageRandom.forImage(6, k)))) {
                differing++;
            }
        }
        assertTrue(differing > 10, "only " + differing + " of 20 seed pairs differ");
    }

    @Test
    void relativeIsTheRecipeAtTheSeedViewSideAndSmallerElsewhere() {
        UInt8Image seedView = TestImages.scene(72, 72);
        UInt8Image small = TestImages.scene(32, 32);
        int differing = 0;
        for (int k = 0; k < 300; k++) {
            assertEquals(new RandAugment(2, 9, ABSOLUTE).apply(seedView, ImageRandom.forImage(8, k)),
                    new RandAugment(2, 9, RELATIVE).apply(seedView, ImageRandom.forImage(8, k)));
            if (!new RandAugment(2, 9, ABSOLUTE).apply(small, ImageRandom.forImage(8, k))
                    .equals(new RandAugment(2, 9, RELATIVE).apply(small, ImageRandom.forImage(8, k)))) differing++;
        }
        // Cutout is drawn in 1 − (16/17)² ≈ 11 % of the draws, and at 32 px it always differs (half-size 36 vs 16).
        assertTrue(differing > 15, differing + " of 300 differ at 32 px");
    }

    @Test
    void rejectsMagnitudeOutsideScaleAndGreyImages() {
        assertThrows(IllegalArgumentException.class, () -> new RandAugment(2, 11, ABSOLUTE));
        UInt8Image grey = UInt8Image.zeros(4, 4, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new RandAugment(2, 9, ABSOLUTE).apply(grey, ImageRandom.forImage(1)));
        assertTrue(e.getMessage().contains("RGB"), e.getMessage());
        assertNotEquals(null, e.getMessage());
    }
}
