package dev.robust.engine.dl4j;

import dev.robust.engine.Batch;
import dev.robust.engine.Logits;
import dev.robust.engine.Model;
import dev.robust.engine.ModelSpec;
import dev.robust.engine.onnx.OnnxExportable;
import java.io.IOException;
import java.nio.file.Path;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/** A {@link Model} backed by a DL4J {@link ComputationGraph} built by {@link Dl4jEngine}. */
final class Dl4jModel implements Model, OnnxExportable {

    private final ModelSpec spec;
    private final ComputationGraph network;

    Dl4jModel(ModelSpec spec, ComputationGraph network) {
        this.spec = spec;
        this.network = network;
    }

    /** The underlying graph, for tests and the benchmark in this module. */
    ComputationGraph network() {
        return network;
    }

    @Override
    public ModelSpec spec() {
        return spec;
    }

    @Override
    public double trainTeacher(Batch batch) {
        spec.requireInput(batch);
        network.fit(new DataSet(pixels(batch), oneHot(batch.requireLabels())));
        return network.score();
    }

    @Override
    public double trainStudent(Batch batch, Logits teacherLogits, double temperature) {
        spec.requireInput(batch);
        spec.requireTeacherLogits(teacherLogits, batch);
        useTemperatureOf(temperature);
        INDArray teacher = Nd4j.create(teacherLogits.values(), new long[] {batch.size(), spec.classes()}, 'c');
        INDArray labels = Nd4j.hstack(oneHot(batch.requireLabels()), teacher);
        network.fit(new DataSet(pixels(batch), labels));
        return network.score();
    }

    @Override
    public Logits predict(Batch batch) {
        spec.requireInput(batch);
        INDArray logits = network.output(false, pixels(batch))[0];
        return new Logits(logits.castTo(DataType.FLOAT).dup('c').data().asFloat(), batch.size(), spec.classes());
    }

    @Override
    public double learningRate() {
        return network.getLearningRate(NetworkLayers.LOGITS);
    }

    @Override
    public void setLearningRate(double learningRate) {
        if (!(learningRate > 0)) {
            throw new IllegalArgumentException("learning rate must be positive, got " + learningRate);
        }
        network.setLearningRate(learningRate);
    }

    @Override
    public long parameterCount() {
        return network.numParams();
    }

    @Override
    public float[] parameters() {
        return network.params().castTo(DataType.FLOAT).dup('c').data().asFloat();
    }

    @Override
    public void setParameters(float[] parameters) {
        if (parameters.length != network.numParams()) {
            throw new IllegalArgumentException(spec.architecture() + " has " + network.numParams()
                    + " parameters, got " + parameters.length);
        }
        network.setParams(Nd4j.create(parameters, new long[] {1, parameters.length}, 'c'));
    }

    @Override
    public void recomputeBatchNormStatistics(Iterable<Batch> batches) {
        BatchNormStatistics statistics = new BatchNormStatistics(network);
        for (Batch batch : batches) {
            spec.requireInput(batch);
            statistics.accumulate(pixels(batch));
        }
        statistics.assign();
    }

    @Override
    public void save(Path file) throws IOException {
        Checkpoints.save(this, file);
    }

    @Override
    public void exportOnnx(Path file) throws IOException {
        OnnxExport.graph(spec, network).write(file);
    }

    /** Raw pixel values as floats, NHWC as they come; the graph's first vertices scale them. */
    static INDArray pixels(Batch batch) {
        byte[] bytes = batch.pixels();
        float[] values = new float[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            values[i] = bytes[i] & 0xFF;
        }
        return Nd4j.create(values, new long[] {batch.size(), batch.height(), batch.width(), batch.channels()}, 'c');
    }

    private INDArray oneHot(int[] labels) {
        spec.requireLabels(labels);
        INDArray oneHot = Nd4j.zeros(DataType.FLOAT, labels.length, spec.classes());
        for (int i = 0; i < labels.length; i++) {
            oneHot.putScalar(i, labels[i], 1f);
        }
        return oneHot;
    }

    private BaseOutputLayer outputLayerConfiguration() {
        return (BaseOutputLayer) network.getLayer(NetworkLayers.LOGITS).conf().getLayer();
    }

    private double currentTemperature() {
        return ((DistillationLossFunction) outputLayerConfiguration().getLossFn()).temperature();
    }

    /** The temperature lives in the loss configuration; swap the loss when a caller asks for another one. */
    private void useTemperatureOf(double temperature) {
        if (temperature != currentTemperature()) {
            outputLayerConfiguration().setLossFn(new DistillationLossFunction(temperature));
        }
    }
}
