package dev.robust.imaging.view;

import dev.robust.common.image.BilinearResize;
import dev.robust.common.image.CleanNoisyPair;
import dev.robust.common.image.UInt8Image;
import dev.robust.imaging.randaugment.RandAugment;
import dev.robust.imaging.random.ImageRandom;

/**
 * The two training views of the recipe.
 * <ul>
 *   <li>clean (teacher): random horizontal flip → bilinear resize to {@code resizeTo} → random crop {@code cropTo};</li>
 *   <li>noisy (student): the same with its own draws, then RandAugment.</li>
 * </ul>
 * Flip, resize and crop are rendered in one pass that computes only the cropped pixels; the result equals the
 * three steps done one after the other (see the tests). Views are quantised to uint8 by rounding.
 *
 * <p>Thread-safe and stateless apart from its configuration; all randomness comes from the {@link ImageRandom}.
 */
public final class TrainingViews {
    private final ViewConfig config;
    private final RandAugment randAugment;

    public TrainingViews(ViewConfig config) {
        this.config = config;
        this.randAugment = new RandAugment(config.randAugmentLayers(), config.randAugmentMagnitude(),
                config.randAugmentGeometry());
    }

    public ViewConfig config() {
        return config;
    }

    /** The teacher's view. Draws: flip (1 boolean), crop top, crop left. */
    public UInt8Image clean(UInt8Image image, ImageRandom random) {
        boolean mirrored = random.nextBoolean();
        int slack = config.resizeTo() - config.cropTo();
        int top = random.nextInt(slack + 1);
        int left = random.nextInt(slack + 1);
        return BilinearResize.resizeWindow(image, config.resizeTo(), config.resizeTo(),
                top, left, config.cropTo(), config.cropTo(), mirrored);
    }

    /** The student's view: a fresh clean view, then RandAugment. */
    public UInt8Image noisy(UInt8Image image, ImageRandom random) {
        return randAugment.apply(clean(image, random), random);
    }

    /**
     * Both views of one labelled image, drawn from one source (clean first, then noisy): what the augment-service
     * streams to the trainer. Seed the source per (run seed, epoch, index) to make epochs reproducible.
     */
    public CleanNoisyPair pair(long index, int label, UInt8Image image, ImageRandom random) {
        UInt8Image clean = clean(image, random);
        UInt8Image noisy = noisy(image, random);
        return new CleanNoisyPair(index, label, clean, noisy);
    }
}
