package dev.robust.engine.torch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.robust.engine.Batch;
import dev.robust.engine.Engines;
import dev.robust.engine.ModelSpec;
import java.util.List;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.NoGradGuard;
import org.junit.jupiter.api.Test;

class BatchNormStatisticsTest {

    @Test
    void statisticsRecomputedFromOneBatchMakeInferenceEqualTrainingModeOnThatBatch() {
        // Training mode normalises with the batch's own mean and variance; once those are the running statistics,
        // inference must give the same logits, through every batch-norm layer of a residual network.
        var model = (TorchModel) Engines.named("torch").create(ModelSpec.of("resnet20", 16, 10, 4));
        Batch batch = SyntheticBatches.colouredSquares(16, 16, 2);
        model.trainTeacher(batch);

        model.recomputeBatchNormStatistics(List.of(batch));
        float[] inference = model.predict(batch).values();

        float[] trainingMode;
        try (PointerScope scope = new PointerScope(); NoGradGuard noGrad = new NoGradGuard()) {
            trainingMode = TensorData.toArray(model.network().forward(TorchModel.pixels(batch), Pass.TRAINING));
        }
        assertArrayEquals(trainingMode, inference, 1e-4f);
    }

    @Test
    void recomputingFromNoBatchesIsRejected() {
        var model = Engines.named("torch").create(ModelSpec.of("smallcnn", 8, 10, 4));
        assertThrows(IllegalArgumentException.class, () -> model.recomputeBatchNormStatistics(List.of()));
    }
}
