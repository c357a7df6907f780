package dev.robust.imaging.randaugment;

import dev.robust.common.image.UInt8Image;
import dev.robust.imaging.TestImages;
import dev.robust.imaging.random.ImageRandom;
import org.junit.jupiter.api.Test;

import java.util.EnumMap;
import java.util.Map;

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
        assertEquals(image, new RandAugment(0, 9).apply(image, ImageRandom.forImage(1)));
    }

    @Test
    void sameSeedSameOutputDifferentSeedsDiffer() {
        RandAugment augment = new RandAugment(2, 9);
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
    void rejectsMagnitudeOutsideScaleAndGreyImages() {
        assertThrows(IllegalArgumentException.class, () -> new RandAugment(2, 11));
        UInt8Image grey = UInt8Image.zeros(4, 4, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new RandAugment(2, 9).apply(grey, ImageRandom.forImage(1)));
        assertTrue(e.getMessage().contains("RGB"), e.getMessage());
        assertNotEquals(null, e.getMessage());
    }
}
