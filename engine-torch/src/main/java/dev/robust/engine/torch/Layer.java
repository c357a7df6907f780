package dev.robust.engine.torch;

import java.util.List;
import org.bytedeco.pytorch.Tensor;

/** A part of a network that holds parameters, named as the DL4J engine names the same layer. */
abstract class Layer {

    private final String name;

    Layer(String name) {
        this.name = name;
    }

    String name() {
        return name;
    }

    /** Everything {@link TorchModel#parameters()} holds for this layer, in that order: weights, then statistics. */
    abstract List<Tensor> tensors();

    /** The tensors the optimiser updates: all of {@link #tensors()} but batch-norm statistics. */
    abstract List<Tensor> trainable();

    /** A float parameter tensor of {@code shape} holding {@code values}, tracked by autograd when trainable. */
    static Tensor parameter(float[] values, boolean trainable, long... shape) {
        Tensor tensor = TensorData.floats(values, shape);
        if (trainable) {
            tensor.set_requires_grad(true);
        }
        return tensor;
    }
}
