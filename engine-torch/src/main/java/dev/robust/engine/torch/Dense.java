package dev.robust.engine.torch;

import java.util.List;
import java.util.SplittableRandom;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.global.torch;

/** The logits layer: a fully connected layer with bias, Glorot-uniform as Keras's Dense. */
final class Dense extends Layer {

    private final Tensor weight;
    private final Tensor bias;
    private final TensorOptional biasOption;

    Dense(String name, int inputs, int outputs, SplittableRandom random) {
        super(name);
        float[] weights = new float[inputs * outputs];
        Initialisation.GLOROT_UNIFORM.fill(weights, inputs, outputs, random);
        this.weight = parameter(weights, true, outputs, inputs);
        this.bias = parameter(new float[outputs], true, outputs);
        this.biasOption = new TensorOptional(bias);
    }

    /** Outputs × inputs, as {@code torch.linear} takes it. */
    Tensor weight() {
        return weight;
    }

    Tensor bias() {
        return bias;
    }

    long multiplyAdds() {
        return weight.numel();
    }

    Tensor forward(Tensor input) {
        return torch.linear(input, weight, biasOption);
    }

    @Override
    List<Tensor> tensors() {
        return trainable();
    }

    @Override
    List<Tensor> trainable() {
        return List.of(weight, bias);
    }
}
