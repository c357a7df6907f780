package dev.robust.engine.dl4j;

import dev.robust.engine.ModelSpecEntry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;

/**
 * Checkpoints in DL4J's own zip format ({@value #FORMAT}): configuration, parameters and updater state via
 * {@link ModelSerializer}, plus the {@link ModelSpecEntry} so a loaded model knows its architecture name and input
 * size.
 */
final class Checkpoints {

    static final String FORMAT = "dl4j-zip";

    private Checkpoints() {
    }

    static void save(Dl4jModel model, Path file) throws IOException {
        ModelSerializer.writeModel(model.network(), file.toFile(), true);
        ModelSerializer.addObjectToFile(file.toFile(), ModelSpecEntry.NAME, ModelSpecEntry.write(model.spec()));
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
        return new Dl4jModel(ModelSpecEntry.read(readSpecEntry(file), file), network);
    }

    private static String readSpecEntry(Path file) {
        try {
            return ModelSerializer.getObjectFromFile(file.toFile(), ModelSpecEntry.NAME);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
