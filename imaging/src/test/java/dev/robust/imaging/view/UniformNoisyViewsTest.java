package dev.robust.imaging.view;

import dev.robust.common.dataset.Split;
import dev.robust.common.dataset.SyntheticSource;
import dev.robust.common.image.RandAugmentGeometry;
import dev.robust.common.image.UInt8Image;
import dev.robust.imaging.random.ImageRandom;
import org.junit.jupiter.api.Test;

import static dev.robust.common.image.RandAugmentGeometry.ABSOLUTE;
import static dev.robust.common.image.RandAugmentGeometry.RELATIVE;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * How many noisy views RandAugment(2, 9) leaves as one flat level — views that carry no signal. At magnitude 9 a
 * translate moves 90 % of the recipe's 100 px; in absolute geometry Cutout's 72-px square covers a whole 32×32 view
 * wherever it falls. A layer draws one of 17 outcomes, so with two layers:
 * <ul>
 *   <li>absolute at 32×32: translate x, translate y or cutout blanks the view, 1 − (14/17)² = 32.2 %;</li>
 *   <li>absolute at 72×72 and relative at any size: only the translates do, 1 − (15/17)² = 22.1 % (cutout covers
 *       the view only when centred exactly on its middle).</li>
 * </ul>
 * On the real CIFAR-10 training images the fractions are the same (docs/architecture.md, RandAugment), since
 * blanking does not depend on the content.
 */
class UniformNoisyViewsTest {
    private static final int VIEWS = 3000;
    /** About 3 binomial standard deviations at 3,000 views. */
    private static final double TOLERANCE = 0.025;

    @Test
    void absoluteGeometryBlanksAThirdOf32PixelViewsAndRelativeWhatTheSeedsViewsSee() {
        assertEquals(0.322, uniformFraction(36, 32, ABSOLUTE), TOLERANCE, "absolute, 32×32");
        assertEquals(0.221, uniformFraction(96, 72, ABSOLUTE), TOLERANCE, "absolute, 72×72 (the seed profile)");
        assertEquals(0.221, uniformFraction(36, 32, RELATIVE), TOLERANCE, "relative, 32×32");
        assertEquals(0.221, uniformFraction(96, 72, RELATIVE), TOLERANCE, "relative, 72×72");
    }

    private static double uniformFraction(int resize, int crop, RandAugmentGeometry geometry) {
        TrainingViews views = new TrainingViews(new ViewConfig(resize, crop, 2, 9, geometry));
        SyntheticSource source = new SyntheticSource(SyntheticSource.DEFAULT_SEED, VIEWS, 0);
        int uniform = 0;
        for (int i = 0; i < VIEWS; i++) {
            UInt8Image noisy = views.noisy(source.image(Split.TRAIN, i).image(), ImageRandom.forImage(7, 0, i));
            if (isUniform(noisy)) uniform++;
        }
        return uniform / (double) VIEWS;
    }

    private static boolean isUniform(UInt8Image image) {
        byte[] data = image.data();
        for (byte b : data) if (b != data[0]) return false;
        return true;
    }
}
