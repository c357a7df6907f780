package dev.robust.engine.testing;

import dev.robust.engine.DistillationLoss;
import dev.robust.engine.Logits;
import java.util.SplittableRandom;

/**
 * Student logits, teacher logits and labels drawn from a seed: the input on which an engine's own loss is checked
 * against the double-precision reference, {@link DistillationLoss}. Logits are Gaussian with standard deviation 3, so
 * the softmax is neither flat nor saturated.
 */
public record DistillationCase(Logits student, Logits teacher, int[] labels) {

    public static DistillationCase draw(int rows, int classes, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Logits student = new Logits(gaussianLogits(random, rows * classes), rows, classes);
        Logits teacher = new Logits(gaussianLogits(random, rows * classes), rows, classes);
        return new DistillationCase(student, teacher, random.ints(rows, 0, classes).toArray());
    }

    public int rows() {
        return student.rows();
    }

    public int classes() {
        return student.classes();
    }

    /** The labels as class indices, as libraries that take index targets want them. */
    public long[] labelIndices() {
        long[] indices = new long[labels.length];
        for (int r = 0; r < labels.length; r++) {
            indices[r] = labels[r];
        }
        return indices;
    }

    /** The reference mean student loss over the batch. */
    public double expectedStudentLoss(double temperature) {
        return DistillationLoss.studentLoss(student, teacher, labels, temperature);
    }

    /** The reference gradient of one image's student loss with respect to its student logits. */
    public double[] expectedStudentGradient(int row, double temperature) {
        return DistillationLoss.studentGradient(student.row(row), teacher.row(row), labels[row], temperature);
    }

    /** The reference teacher loss: mean softmax cross-entropy of the student logits against the labels. */
    public double expectedCrossEntropy() {
        return student.meanCrossEntropy(labels);
    }

    private static float[] gaussianLogits(SplittableRandom random, int count) {
        float[] values = new float[count];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (random.nextGaussian() * 3);
        }
        return values;
    }
}
