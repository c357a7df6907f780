package dev.robust.eval.scoring;

import dev.robust.common.image.EvalView;
import dev.robust.common.image.UInt8Image;
import dev.robust.engine.Batch;
import dev.robust.engine.Logits;
import dev.robust.engine.Classifier;
import dev.robust.engine.ModelSpec;

import java.util.Arrays;

/**
 * Fills a batch with eval views at the model's input size and, when it is full (or flushed), predicts it and
 * records each prediction in the tally its image came from. Holds exactly one batch of pixels, so memory
 * does not depend on how many images pass through.
 */
final class BatchScorer {
    private final Classifier model;
    private final ModelSpec spec;
    private final int capacity;
    private final byte[] pixels;
    private final int[] labels;
    private final int[] indices;
    private final Tally[] tallies;
    private int size;

    BatchScorer(Classifier model, int capacity) {
        if (capacity < 1) throw new IllegalArgumentException("batch size must be >= 1, got " + capacity);
        this.model = model;
        this.spec = model.spec();
        this.capacity = capacity;
        this.pixels = new byte[capacity * spec.height() * spec.width() * spec.channels()];
        this.labels = new int[capacity];
        this.indices = new int[capacity];
        this.tallies = new Tally[capacity];
    }

    /** Queues one eval view (see {@link #view}) of image {@code index}, recorded in {@code tally} once predicted. */
    void add(UInt8Image view, int label, int index, Tally tally) {
        int imageBytes = view.data().length;
        System.arraycopy(view.data(), 0, pixels, size * imageBytes, imageBytes);
        labels[size] = label;
        indices[size] = index;
        tallies[size] = tally;
        size++;
        if (size == capacity) flush();
    }

    /** Predicts whatever is queued. */
    void flush() {
        if (size == 0) return;
        int imageBytes = spec.height() * spec.width() * spec.channels();
        byte[] batchPixels = size == capacity ? pixels : Arrays.copyOf(pixels, size * imageBytes);
        Logits logits = model.predict(Batch.unlabelled(batchPixels, size, spec.height(), spec.width(),
                spec.channels()));
        for (int row = 0; row < size; row++) {
            tallies[row].predicted(indices[row], logits.predictedClass(row), labels[row], logits.logSoftmax(row));
            tallies[row] = null;
        }
        size = 0;
    }

    /** The eval view of {@code image} at the model's input size; rejects images the model cannot take. */
    UInt8Image view(UInt8Image image) {
        if (image.channels() != spec.channels() || image.height() != image.width()) {
            throw new UnscorableImageException("image of " + image.height() + "×" + image.width() + "×"
                    + image.channels() + " does not fit a model for " + spec.height() + "×" + spec.width() + "×"
                    + spec.channels() + " input");
        }
        if (spec.height() != spec.width()) {
            throw new UnscorableImageException("the eval view is square; model input is " + spec.height() + "×"
                    + spec.width());
        }
        return EvalView.apply(image, spec.height());
    }
}
