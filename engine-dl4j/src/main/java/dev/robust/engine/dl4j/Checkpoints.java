package dev.robust.engine.dl4j;

import dev.robust.engine.ModelSpec;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;

/**
 * Checkpoints in DL4J's own zip format ({@value #FORMAT}): configuration, parameters and updater state via
 * {@link ModelSerializer}, plus the {@link ModelSpec} as a small properties entry so a loaded model knows its
 * architecture name and input size.
 */
final class Checkpoints {

    static final String FORMAT = "dl4j-zip";
    private static final String SPEC_ENTRY = "robust-model-spec";

    private Checkpoints() {
    }

    static void save(Dl4jModel model, Path file) throws IOException {
        ModelSerializer.writeModel(model.network(), file.toFile(), true);
        ModelSerializer.addObjectToFile(file.toFile(), SPEC_ENTRY, specAsText(model.spec()));
    }

    static Dl4jModel load(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("checkpoint " + file + " does not exist or is not a file");
        }
        ComputationGraph network;
        try {
            network = ModelSerializer.restoreComputationGraph(file.toFile(), true);
        } catch (RuntimeException e) {
            throw new IOException("checkpoint " + file + " is not a readable " + FORMAT + " file: " + e.getMessage(), e);
        }
        return new Dl4jModel(specFromText(readSpecEntry(file), file), network);
    }

    private static String readSpecEntry(Path file) {
        try {
            return ModelSerializer.getObjectFromFile(file.toFile(), SPEC_ENTRY);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String specAsText(ModelSpec spec) {
        Properties properties = new Properties();
        properties.setProperty("architecture", spec.architecture());
        properties.setProperty("height", Integer.toString(spec.height()));
        properties.setProperty("width", Integer.toString(spec.width()));
        properties.setProperty("channels", Integer.toString(spec.channels()));
        properties.setProperty("classes", Integer.toString(spec.classes()));
        properties.setProperty("seed", Long.toString(spec.seed()));
        StringWriter text = new StringWriter();
        try {
            properties.store(text, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    private static ModelSpec specFromText(String text, Path file) throws IOException {
        if (text == null) {
            throw new IOException("checkpoint " + file + " has no " + SPEC_ENTRY + " entry; it was not written by this engine");
        }
        Properties properties = new Properties();
        properties.load(new StringReader(text));
        try {
            return new ModelSpec(properties.getProperty("architecture"),
                    Integer.parseInt(properties.getProperty("height")),
                    Integer.parseInt(properties.getProperty("width")),
                    Integer.parseInt(properties.getProperty("channels")),
                    Integer.parseInt(properties.getProperty("classes")),
                    Long.parseLong(properties.getProperty("seed")));
        } catch (RuntimeException e) {
            throw new IOException("checkpoint " + file + " has an unreadable " + SPEC_ENTRY + " entry: " + text, e);
        }
    }
}
