package dev.robust.common.stats;

/**
 * One bin of a calibration histogram: the images whose top softmax probability (the model's confidence) fell in
 * the bin, the sum of those confidences, and how many of those images were classified right.
 */
public record CalibrationBin(long images, double confidenceSum, long correct) {

    public CalibrationBin {
        if (images < 0 || correct < 0 || correct > images || !(confidenceSum >= 0) || confidenceSum > images) {
            throw new IllegalArgumentException("calibration bin of " + images + " images, " + correct
                    + " correct, confidence sum " + confidenceSum + " is impossible");
        }
    }

    CalibrationBin plus(CalibrationBin other) {
        return new CalibrationBin(images + other.images, confidenceSum + other.confidenceSum, correct + other.correct);
    }
}
