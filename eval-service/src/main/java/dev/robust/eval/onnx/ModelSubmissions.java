package dev.robust.eval.onnx;

import dev.robust.checkpoint.CheckpointStores;
import dev.robust.common.InvalidFieldException;
import dev.robust.common.checkpoint.CheckpointStore;
import dev.robust.common.checkpoint.StoredCheckpoint;
import dev.robust.common.event.CheckpointCreated;
import dev.robust.common.event.ModelInput;
import dev.robust.common.event.ModelKind;
import dev.robust.common.event.ModelRole;
import dev.robust.common.event.Provenance;
import dev.robust.common.image.Preprocessing;
import dev.robust.eval.config.EvalConfig;
import dev.robust.service.messaging.EventPublisher;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Takes an ONNX model submitted for scoring: checks that ONNX Runtime can score it on the project's images, puts it
 * in the checkpoint store and announces it on {@code model.checkpoints} with a claim check like any trainer's, so
 * the checkpoint consumer scores it on the same slices. Nothing is stored or announced for a model that fails a
 * check.
 *
 * <p>An imported model is a run of its own, {@code imported-<name>}, with one final checkpoint,
 * {@code imported-<name>-<first 12 hex digits of its sha256>}: submitting the same file again announces the same
 * checkpoint (re-scored under the same keys), a changed file under the same name a new one. Its role is
 * {@code teacher}: like a teacher it was trained on labels alone, and nothing here distils from it.
 */
@ApplicationScoped
public class ModelSubmissions {
    private static final Logger LOG = Logger.getLogger(ModelSubmissions.class);
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    /** Who announces a model: a name a person or tool goes by, e.g. {@code robust submit}, {@code ci@lab}. */
    private static final Pattern PUBLISHER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 _.@/:+-]{0,63}");
    public static final String RUN_PREFIX = "imported-";
    private static final int ID_HEX_DIGITS = 12;

    private final EvalConfig config;
    private final EventPublisher events;

    ModelSubmissions(EvalConfig config, EventPublisher events) {
        this.config = config;
        this.events = events;
    }

    /**
     * Checks, stores and announces the model in {@code file} (a temporary file the caller deletes).
     *
     * @param sha256    the file's SHA-256, lower-case hex, computed as it was received
     * @param publisher who announces it, as the caller declares it (not verified); null: {@link Provenance#UNDECLARED}
     * @return the claim check published
     * @throws InvalidFieldException (an {@link UnusableModelException} for the model itself) naming what to fix
     */
    public CheckpointCreated submit(Path file, String sha256, String name, String preprocess, String dataset,
                                    String publisher) {
        requireName("name", name);
        requireName("dataset", dataset);
        if (publisher != null && !PUBLISHER.matcher(publisher).matches()) {
            throw new InvalidFieldException("publisher", "publisher must be 1 to 64 letters, digits, spaces or "
                    + "'_', '.', '@', '/', ':', '+', '-', starting with a letter or digit; got '" + publisher + "'");
        }
        Preprocessing preprocessing = Preprocessing.parse("preprocess", preprocess);
        ModelInput.Layout layout;
        try (OnnxClassifier classifier = OnnxClassifier.open(file, preprocessing)) {
            layout = classifier.layout();
        }
        String runId = RUN_PREFIX + name;
        String checkpointId = runId + "-" + sha256.substring(0, ID_HEX_DIGITS);
        StoredCheckpoint stored;
        try (CheckpointStore store = CheckpointStores.open(config.checkpointStore())) {
            stored = store.find(runId, checkpointId, OnnxFormat.FORMAT).orElseGet(() ->
                    store.write(runId, checkpointId, OnnxFormat.FORMAT,
                            target -> Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING)));
        }
        CheckpointCreated claim = new CheckpointCreated(checkpointId, runId, ModelRole.TEACHER, 0, name,
                OnnxFormat.RUNTIME, OnnxFormat.FORMAT, stored.uri(), stored.sha256(), stored.bytes(), Map.of(), true,
                dataset, Instant.now(), ModelKind.IMPORTED, new ModelInput(layout, preprocessing.text()),
                Provenance.imported(publisher == null ? Provenance.UNDECLARED : publisher));
        events.publish(claim);
        LOG.infof("imported ONNX model %s (%d bytes, %s, %s) as checkpoint %s", name, stored.bytes(), layout.id(),
                preprocessing, checkpointId);
        return claim;
    }

    private static void requireName(String field, String value) {
        if (value == null || !NAME.matcher(value).matches()) {
            throw new InvalidFieldException(field, field + " must be 1 to 64 letters, digits, '_', '.' or '-', "
                    + "starting with a letter or digit; got '" + value + "'");
        }
    }
}
