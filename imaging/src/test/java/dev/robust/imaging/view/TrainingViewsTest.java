package dev.robust.imaging.view;

import dev.robust.common.image.BilinearResize;
import dev.robust.common.image.CleanNoisyPair;
import dev.robust.common.image.RandAugmentGeometry;
import dev.robust.common.image.UInt8Image;
import dev.robust.imaging.TestImages;
import dev.robust.imaging.randaugment.RandAugment;
import dev.robust.imaging.random.ImageRandom;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainingViewsTest {
    private final TrainingViews views = new TrainingViews(ViewConfig.RECIPE);
    private final UInt8Image source = TestImages.scene(32, 32);

    @Test
    void cleanViewIsA72CropOfThe96ResizeOfTheMaybeFlippedImage() {
        ImageRandom random = ImageRandom.forImage(7, 0, 3);
        UInt8Image view = views.clean(source, random);
        assertEquals(72, view.height());
        assertEquals(72, view.width());
        assertEquals(3, view.channels());

        // Replay the draws and do the three steps separately.
        ImageRandom replay = ImageRandom.forImage(7, 0, 3);
        boolean flip = replay.nextBoolean();
        int top = replay.nextInt(25);
        int left = replay.nextInt(25);
        UInt8Image flipped = flip ? mirror(source) : source;
        UInt8Image resized = BilinearResize.resize(flipped, 96, 96);
        for (int y = 0; y < 72; y++)
            for (int x = 0; x < 72; x++)
                for (int c = 0; c < 3; c++) assertEquals(resized.get(top + y, left + x, c), view.get(y, x, c));
    }

    @Test
    void noisyViewIsCleanPipelineThenRandAugment() {
        UInt8Image noisy = views.noisy(source, ImageRandom.forImage(3, 1, 2));
        ImageRandom replay = ImageRandom.forImage(3, 1, 2);
        UInt8Image clean = views.clean(source, replay);
        assertEquals(new RandAugment(2, 9, RandAugmentGeometry.ABSOLUTE).apply(clean, replay), noisy);
    }

    @Test
    void pairsAreReproducibleAndTheTwoViewsAreDrawnIndependently() {
        CleanNoisyPair a = views.pair(4, 7, source, ImageRandom.forImage(11, 2, 4));
        CleanNoisyPair b = views.pair(4, 7, source, ImageRandom.forImage(11, 2, 4));
        assertEquals(a.clean(), b.clean());
        assertEquals(a.noisy(), b.noisy());
        CleanNoisyPair nextEpoch = views.pair(4, 7, source, ImageRandom.forImage(11, 3, 4));
        assertNotEquals(a.clean(), nextEpoch.clean());
        assertTrue(a.clean().sameShape(a.noisy()));
    }

    private static UInt8Image mirror(UInt8Image image) {
        UInt8Image out = UInt8Image.zeros(image.height(), image.width(), image.channels());
        for (int y = 0; y < image.height(); y++)
            for (int x = 0; x < image.width(); x++)
                for (int c = 0; c < image.channels(); c++) out.set(y, image.width() - 1 - x, c, image.get(y, x, c));
        return out;
    }
}
