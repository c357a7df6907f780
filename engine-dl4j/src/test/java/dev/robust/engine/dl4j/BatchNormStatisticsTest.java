package dev.robust.engine.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.robust.engine.Batch;
import dev.robust.engine.Engines;
import dev.robust.engine.ModelSpec;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

class BatchNormStatisticsTest {

    @Test
    void statisticsRecomputedFromOneBatchMakeInferenceEqualTrainingModeOnThatBatch() {
        // Training mode normalises with the batch's own mean and variance; once those are the running statistics,
        // inference must give the same logits, through every batch-norm layer of a residual network.
        var model = (Dl4jModel) Engines.named("dl4j").create(ModelSpec.of("resnet20", 16, 10, 4));
        Batch batch = SyntheticBatches.colouredSquares(16, 16, 2);
        model.trainTeacher(batch);

        model.recomputeBatchNormStatistics(List.of(batch));

        INDArray trainingMode = model.network()
                .feedForward(new INDArray[] {Dl4jModel.pixels(batch)}, true, false).get(NetworkLayers.LOGITS);
        float[] expected = trainingMode.castTo(DataType.FLOAT).dup('c').data().asFloat();
        assertArrayEquals(expected, model.predict(batch).values(), 1e-4f);
    }
}
