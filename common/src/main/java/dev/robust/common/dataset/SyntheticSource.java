package dev.robust.common.dataset;

import dev.robust.common.image.LabeledImage;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Procedurally drawn 10-class 32×32 images for running offline (see {@link SyntheticImages}). Labelled
 * {@value #LABEL} in every report so results are never mistaken for CIFAR-10. Image {@code i} of a split depends
 * only on (seed, split, i), and labels cycle 0..9 so every class is equally represented.
 */
public final class SyntheticSource implements DatasetSource {
    public static final String FORMAT = "synthetic";
    public static final String LABEL = "synthetic";
    /** Training images when the spec gives no size; the test split is a fifth of the training split. */
    public static final int DEFAULT_TRAIN_SIZE = 5_000;
    public static final long DEFAULT_SEED = 1234L;

    private final long seed;
    private final int trainSize;
    private final int testSize;

    public SyntheticSource(long seed, int trainSize, int testSize) {
        if (trainSize < 0 || testSize < 0) {
            throw new IllegalArgumentException("split sizes must be >= 0, got " + trainSize + "/" + testSize);
        }
        this.seed = seed;
        this.trainSize = trainSize;
        this.testSize = testSize;
    }

    /** {@code trainSize} training images and a fifth as many test images, with the default seed. */
    public static SyntheticSource ofTrainSize(int trainSize) {
        return new SyntheticSource(DEFAULT_SEED, trainSize, trainSize / 5);
    }

    @Override
    public String format() {
        return FORMAT;
    }

    @Override
    public String label() {
        return LABEL;
    }

    @Override
    public List<String> classNames() {
        return SyntheticImages.CLASS_NAMES;
    }

    @Override
    public List<Split> splits() {
        return List.of(Split.TRAIN, Split.TEST);
    }

    public int size(Split split) {
        return split == Split.TRAIN ? trainSize : testSize;
    }

    @Override
    public void read(Split split, Consumer<LabeledImage> sink) {
        for (int i = 0; i < size(split); i++) {
            sink.accept(image(split, i));
        }
    }

    /** Image {@code index} of {@code split}, drawn on its own so any subset can be generated independently. */
    public LabeledImage image(Split split, long index) {
        SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + split.ordinal() * 0x632BE59BD9B4E019L
                + index);
        int label = (int) (index % SyntheticImages.CLASS_NAMES.size());
        return new LabeledImage(index, label, SyntheticImages.draw(label, random));
    }
}
