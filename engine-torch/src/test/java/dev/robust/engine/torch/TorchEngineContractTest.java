package dev.robust.engine.torch;

import dev.robust.engine.Batch;
import dev.robust.engine.Logits;
import dev.robust.engine.Model;
import dev.robust.engine.testing.EngineContractTest;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.NoGradGuard;

/** The torch engine keeps the engine contract. */
class TorchEngineContractTest extends EngineContractTest {

    TorchEngineContractTest() {
        super("torch");
    }

    @Override
    protected Logits trainingModeLogits(Model model, Batch batch) {
        try (PointerScope scope = new PointerScope(); NoGradGuard noGrad = new NoGradGuard()) {
            float[] logits = TensorData.toArray(
                    ((TorchModel) model).network().forward(((TorchModel) model).pixels(batch), Pass.TRAINING));
            return new Logits(logits, batch.size(), model.spec().classes());
        }
    }
}
