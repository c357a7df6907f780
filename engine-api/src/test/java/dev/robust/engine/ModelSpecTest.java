package dev.robust.engine;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ModelSpecTest {
    private final ModelSpec spec = ModelSpec.of("resnet20", 32, 10, 1);

    @Test
    void inputOfAnotherSizeIsRejectedNamingBothShapes() {
        assertDoesNotThrow(() -> spec.requireInput(Batch.unlabelled(new byte[32 * 32 * 3], 1, 32, 32, 3)));
        var error = assertThrows(IllegalArgumentException.class,
                () -> spec.requireInput(Batch.unlabelled(new byte[2 * 24 * 32], 2, 24, 32, 1)));
        assertEquals("resnet20 takes 32x32x3 images, the batch holds 24x32x1", error.getMessage());
    }

    @Test
    void labelOutsideTheClassesIsRejectedWithItsPosition() {
        assertDoesNotThrow(() -> spec.requireLabels(new int[] {0, 9}));
        var error = assertThrows(IllegalArgumentException.class, () -> spec.requireLabels(new int[] {3, -1, 10}));
        assertEquals("label -1 at position 1 is outside 0..9", error.getMessage());
        assertThrows(IllegalArgumentException.class, () -> spec.requireLabels(new int[] {10}));
    }

    @Test
    void teacherLogitsMustCoverTheBatch() {
        Batch batch = Batch.unlabelled(new byte[2 * 32 * 32 * 3], 2, 32, 32, 3);
        assertDoesNotThrow(() -> spec.requireTeacherLogits(new Logits(new float[20], 2, 10), batch));
        var error = assertThrows(IllegalArgumentException.class,
                () -> spec.requireTeacherLogits(new Logits(new float[30], 3, 10), batch));
        assertEquals("teacher logits are 3x10, the batch needs 2x10", error.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> spec.requireTeacherLogits(new Logits(new float[10], 2, 5), batch));
    }
}
