package dev.robust.eval.scoring;

import dev.robust.common.prediction.Predictions;

import java.util.BitSet;

/**
 * Correct and total predictions for one slice of a sweep (the clean test set, or one corruption at one severity),
 * which image indices were already counted, what was predicted for each, and the slice's likelihood and calibration:
 * a topic may hold the same image twice (re-ingest before compaction), and it must count once. One bit per index
 * and one byte per scored image keep this small however large the data set is.
 */
final class Tally {
    private final BitSet seen = new BitSet();
    private final Predictions.Builder predictions = new Predictions.Builder();
    private final SliceLikelihood likelihood = new SliceLikelihood();
    private long correct;
    private long total;

    /** Claims {@code index} for scoring; false when it was already counted. */
    boolean claim(long index) {
        if (index > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("image index " + index + " exceeds the supported range");
        }
        int bit = (int) index;
        if (seen.get(bit)) return false;
        seen.set(bit);
        total++;
        return true;
    }

    /** Records the prediction for a claimed image from its log-softmax and label. */
    void predicted(int index, int predictedClass, int label, double[] logSoftmax) {
        boolean right = predictedClass == label;
        predictions.set(index, predictedClass, right);
        if (right) correct++;
        likelihood.add(logSoftmax, label, predictedClass);
    }

    SliceCounts counts() {
        return new SliceCounts(correct, total, predictions.build(), likelihood.measured() ? likelihood : null);
    }

    long total() {
        return total;
    }
}
