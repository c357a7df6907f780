package dev.robust.engine.torch;

import dev.robust.engine.Batch;
import dev.robust.engine.Logits;
import dev.robust.engine.Model;
import dev.robust.engine.ModelSpec;
import dev.robust.engine.Precision;
import dev.robust.engine.onnx.OnnxExportable;
import dev.robust.engine.onnx.OnnxGraph;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Adam;
import org.bytedeco.pytorch.AdamOptions;
import org.bytedeco.pytorch.InferenceMode;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch.MemoryFormat;
import org.bytedeco.pytorch.global.torch.ScalarType;

/**
 * A {@link Model} on libtorch: a {@link Network} of plain tensors and libtorch's own Adam. Every call runs in a
 * JavaCPP pointer scope, so the tensors a step creates are freed when it returns, not when the garbage collector
 * gets round to them.
 *
 * <p>How it computes is fixed at creation ({@link TorchCompute}): channels-last activations and weights, scoring
 * through a frozen copy with batch norm folded into the convolutions (refreshed on the first prediction after the
 * parameters changed), bf16 autocast of the forward pass with the loss in FP32.
 */
final class TorchModel implements Model, OnnxExportable {

    /** Keras's Adam: learning rate 1e-3, β 0.9 / 0.999, ε 1e-7. */
    static final double INITIAL_LEARNING_RATE = 1e-3;
    private static final double ADAM_EPSILON = 1e-7;

    private final ModelSpec spec;
    private final Network network;
    private final TorchCompute compute;
    private final List<Tensor> tensors;
    private final Adam optimizer;
    /** Whether the folded copy is out of date: parameters or statistics changed since it was made. */
    private boolean foldStale = true;
    private long multiplyAdds;

    TorchModel(ModelSpec spec, Network network, TorchCompute compute) {
        this.spec = spec;
        this.network = network;
        this.compute = compute;
        if (compute.channelsLast()) {
            network.useChannelsLast();
        }
        this.tensors = network.tensors();
        AdamOptions options = new AdamOptions(INITIAL_LEARNING_RATE);
        options.eps().put(ADAM_EPSILON);
        this.optimizer = new Adam(new TensorVector(network.trainable().toArray(Tensor[]::new)), options);
    }

    Network network() {
        return network;
    }

    Adam optimizer() {
        return optimizer;
    }

    TorchCompute compute() {
        return compute;
    }

    @Override
    public ModelSpec spec() {
        return spec;
    }

    @Override
    public Precision precision() {
        return compute.precision();
    }

    @Override
    public OptionalLong multiplyAdds() {
        if (multiplyAdds == 0) {
            try (PointerScope scope = new PointerScope(); InferenceMode inference = new InferenceMode()) {
                network.forward(pixels(new Batch(new byte[spec.height() * spec.width() * spec.channels()], null, 1,
                        spec.height(), spec.width(), spec.channels())), Pass.INFERENCE);
            }
            multiplyAdds = network.multiplyAdds();
        }
        return OptionalLong.of(multiplyAdds);
    }

    @Override
    public double trainTeacher(Batch batch) {
        spec.requireInput(batch);
        try (PointerScope scope = new PointerScope()) {
            Tensor labels = labels(batch.requireLabels());
            Tensor logits = forward(pixels(batch), Pass.TRAINING);
            return step(Objectives.crossEntropy(logits, labels));
        }
    }

    @Override
    public double trainStudent(Batch batch, Logits teacherLogits, double temperature) {
        spec.requireInput(batch);
        spec.requireTeacherLogits(teacherLogits, batch);
        try (PointerScope scope = new PointerScope()) {
            Tensor labels = labels(batch.requireLabels());
            Tensor teacher = TensorData.floats(teacherLogits.values(), batch.size(), spec.classes());
            Tensor logits = forward(pixels(batch), Pass.TRAINING);
            return step(Objectives.distillation(logits, teacher, labels, temperature));
        }
    }

    /** The network's logits as FP32, the forward pass under autocast when the precision asks for it. */
    private Tensor forward(Tensor pixels, Pass pass) {
        Tensor logits;
        try (Autocast autocast = Autocast.start(compute.precision())) {
            logits = network.forward(pixels, pass);
        }
        return logits.to(ScalarType.Float);
    }

    private double step(Tensor loss) {
        foldStale = true;
        optimizer.zero_grad();
        loss.backward();
        optimizer.step();
        return loss.item_double();
    }

    @Override
    public Logits predict(Batch batch) {
        spec.requireInput(batch);
        // Inference mode skips autograd's bookkeeping (version counters, views) that no-grad mode still does.
        try (PointerScope scope = new PointerScope(); InferenceMode inference = new InferenceMode()) {
            Pass pass = Pass.INFERENCE;
            if (compute.foldedInference()) {
                if (foldStale) {
                    network.freeze();
                    foldStale = false;
                }
                pass = Pass.FOLDED;
            }
            Tensor logits = forward(pixels(batch), pass);
            return new Logits(TensorData.toArray(logits), batch.size(), spec.classes());
        }
    }

    @Override
    public double learningRate() {
        try (PointerScope scope = new PointerScope()) {
            return optimizer.param_groups().get(0).options().get_lr();
        }
    }

    @Override
    public void setLearningRate(double learningRate) {
        if (!(learningRate > 0)) {
            throw new IllegalArgumentException("learning rate must be positive, got " + learningRate);
        }
        try (PointerScope scope = new PointerScope()) {
            optimizer.param_groups().get(0).options().set_lr(learningRate);
        }
    }

    @Override
    public long parameterCount() {
        return network.parameterCount();
    }

    @Override
    public float[] parameters() {
        float[] values = new float[Math.toIntExact(parameterCount())];
        int offset = 0;
        try (PointerScope scope = new PointerScope()) {
            for (Tensor tensor : tensors) {
                offset = TensorData.read(tensor, values, offset);
            }
        }
        return values;
    }

    @Override
    public void setParameters(float[] parameters) {
        if (parameters.length != parameterCount()) {
            throw new IllegalArgumentException(spec.architecture() + " has " + parameterCount() + " parameters, got "
                    + parameters.length);
        }
        foldStale = true;
        int offset = 0;
        try (PointerScope scope = new PointerScope()) {
            for (Tensor tensor : tensors) {
                TensorData.write(tensor, parameters, offset);
                offset += (int) tensor.numel();
            }
        }
    }

    @Override
    public void recomputeBatchNormStatistics(Iterable<Batch> batches) {
        foldStale = true;
        List<BatchNorm> layers = network.batchNorms();
        layers.forEach(BatchNorm::startStatistics);
        int count = 0;
        for (Batch batch : batches) {
            spec.requireInput(batch);
            try (PointerScope scope = new PointerScope(); NoGradGuard noGrad = new NoGradGuard()) {
                forward(pixels(batch), Pass.STATISTICS);
            }
            count++;
        }
        if (count == 0) {
            throw new IllegalArgumentException("recomputing batch-norm statistics needs at least one batch, got none");
        }
        for (BatchNorm layer : layers) {
            layer.assignStatistics(count);
        }
    }

    @Override
    public void exportOnnx(Path file) throws IOException {
        OnnxGraph graph = new OnnxGraph(spec.architecture(), spec.channels(), spec.height(), spec.width());
        try (PointerScope scope = new PointerScope()) {
            network.export(new OnnxExport(graph), new OnnxExport.Value(OnnxGraph.INPUT, spec.height()));
        }
        graph.write(file);
    }

    @Override
    public void save(Path file) throws IOException {
        TorchCheckpoints.save(this, file);
    }

    /**
     * The batch's uint8 NHWC pixels as float NCHW scaled to [-1, 1]: one copy into a byte tensor, then libtorch
     * permutes, converts and scales. The permuted view is already channels-last in memory; NCHW makes it
     * contiguous.
     */
    Tensor pixels(Batch batch) {
        Tensor bytes = Tensor.create(batch.pixels(), false, batch.size(), batch.height(), batch.width(),
                batch.channels());
        return bytes.permute(0, 3, 1, 2).to(ScalarType.Float)
                .contiguous(compute.channelsLast() ? MemoryFormat.ChannelsLast : MemoryFormat.Contiguous)
                .mul_(new Scalar(1 / 127.5)).sub_(new Scalar(1.0));
    }

    private Tensor labels(int[] labels) {
        spec.requireLabels(labels);
        long[] indices = new long[labels.length];
        for (int i = 0; i < labels.length; i++) {
            indices[i] = labels[i];
        }
        return Tensor.create(indices, labels.length);
    }
}
