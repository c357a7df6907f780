package dev.robust.eval.scoring;

import dev.robust.common.stats.Calibration;
import dev.robust.common.stats.CalibrationBin;

import java.util.ArrayList;
import java.util.List;

/**
 * What the softmax of a model's logits says about one slice's images, accumulated image by image: the sum (and sum
 * of squares) of each image's negative log-likelihood of its true label, and the calibration histogram of its
 * confidence (top softmax probability). Fixed size whatever the slice's size. A model that answers a non-finite
 * logit (NaN, or infinities that leave its true label at probability 0) has no finite likelihood for the slice:
 * it is then {@linkplain #measured() not measured}, rather than reported as a number it is not.
 */
final class SliceLikelihood {
    private final long[] images = new long[Calibration.BINS];
    private final double[] confidence = new double[Calibration.BINS];
    private final long[] correct = new long[Calibration.BINS];
    private double nllSum;
    private double nllSumOfSquares;
    private boolean finite = true;

    /**
     * Adds one image from its log-softmax (natural log), its label and the class top-1 counted as predicted (the
     * largest probability: the confidence).
     */
    void add(double[] logSoftmax, int label, int predicted) {
        double nll = -logSoftmax[label];
        double top = Math.min(1, Math.exp(logSoftmax[predicted]));
        if (!Double.isFinite(nll) || !Double.isFinite(top)) {
            finite = false;
            return;
        }
        nllSum += nll;
        nllSumOfSquares += nll * nll;
        int bin = Calibration.bin(top);
        images[bin]++;
        confidence[bin] += top;
        if (predicted == label) correct[bin]++;
    }

    /** False when some image's likelihood was not finite. */
    boolean measured() {
        return finite;
    }

    double nllSum() {
        return nllSum;
    }

    double nllSumOfSquares() {
        return nllSumOfSquares;
    }

    List<CalibrationBin> calibration() {
        List<CalibrationBin> bins = new ArrayList<>(Calibration.BINS);
        for (int b = 0; b < Calibration.BINS; b++) bins.add(new CalibrationBin(images[b], confidence[b], correct[b]));
        return List.copyOf(bins);
    }
}
