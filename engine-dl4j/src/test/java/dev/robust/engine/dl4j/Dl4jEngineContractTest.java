package dev.robust.engine.dl4j;

import dev.robust.engine.Batch;
import dev.robust.engine.Logits;
import dev.robust.engine.Model;
import dev.robust.engine.testing.EngineContractTest;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The DL4J engine keeps the engine contract. */
class Dl4jEngineContractTest extends EngineContractTest {

    Dl4jEngineContractTest() {
        super("dl4j");
    }

    @Override
    protected Logits trainingModeLogits(Model model, Batch batch) {
        INDArray logits = ((Dl4jModel) model).network()
                .feedForward(new INDArray[] {Dl4jModel.pixels(batch)}, true, false).get(NetworkLayers.LOGITS);
        return new Logits(logits.castTo(DataType.FLOAT).dup('c').data().asFloat(), batch.size(), model.spec().classes());
    }
}
