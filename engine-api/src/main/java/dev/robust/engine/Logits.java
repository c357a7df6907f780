package dev.robust.engine;

/**
 * Raw class scores (before softmax) for a batch: {@code rows × classes} floats, row-major.
 */
public record Logits(float[] values, int rows, int classes) {

    public Logits {
        if (rows <= 0 || classes <= 0 || values == null || values.length != rows * classes) {
            throw new IllegalArgumentException("logits of " + rows + "x" + classes + " need " + rows * classes
                    + " values, got " + (values == null ? "none" : values.length));
        }
    }

    public float get(int row, int cls) {
        return values[row * classes + cls];
    }

    /** A copy of one row. */
    public float[] row(int row) {
        float[] copy = new float[classes];
        System.arraycopy(values, row * classes, copy, 0, classes);
        return copy;
    }

    /** The index of the largest logit in {@code row}; the first one on ties. */
    public int predictedClass(int row) {
        int best = 0;
        for (int c = 1; c < classes; c++) {
            if (get(row, c) > get(row, best)) {
                best = c;
            }
        }
        return best;
    }

    /** The natural log of the softmax of one row, computed stably (log-sum-exp shifted by the row's maximum). */
    public double[] logSoftmax(int row) {
        return DistillationLoss.logSoftmax(row(row), 1.0);
    }

    /** Fraction of rows whose predicted class equals the label. */
    public double accuracy(int[] labels) {
        requireLabelCount(labels);
        int correct = 0;
        for (int r = 0; r < rows; r++) {
            if (predictedClass(r) == labels[r]) {
                correct++;
            }
        }
        return (double) correct / rows;
    }

    /** Mean softmax cross-entropy against the labels: the teacher's loss and the validation loss. */
    public double meanCrossEntropy(int[] labels) {
        requireLabelCount(labels);
        double sum = 0;
        for (int r = 0; r < rows; r++) {
            sum += DistillationLoss.crossEntropy(row(r), labels[r]);
        }
        return sum / rows;
    }

    private void requireLabelCount(int[] labels) {
        if (labels == null || labels.length != rows) {
            throw new IllegalArgumentException(
                    rows + " rows of logits need " + rows + " labels, got " + (labels == null ? "none" : labels.length));
        }
    }
}
