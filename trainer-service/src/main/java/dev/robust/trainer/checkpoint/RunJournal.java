package dev.robust.trainer.checkpoint;

import dev.robust.common.checkpoint.CheckpointStore;
import dev.robust.common.checkpoint.CheckpointStoreException;
import dev.robust.common.checkpoint.StoredCheckpoint;
import dev.robust.common.event.CheckpointCreated;
import dev.robust.common.event.EpochMetrics;
import dev.robust.common.event.EventJson;
import dev.robust.common.event.ModelKind;
import dev.robust.common.event.ModelRole;
import dev.robust.common.event.Provenance;
import dev.robust.engine.Engine;
import dev.robust.engine.Model;
import dev.robust.engine.SwaAverager;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A run's checkpoints in the store, and what a restarted trainer needs to continue from them.
 *
 * <p>Per checkpoint it writes, in this order: the model file, the SWA state (teacher, once averaging started) and a
 * {@link JournalEntry} ({@code <checkpointId>.epoch.json}). Only a checkpoint with its entry counts; the claim
 * check is published after the entry is written. A model file without an entry was therefore never announced, and
 * is replaced when the epoch is trained again; one with an entry is never replaced, so there are never two different
 * checkpoints for one (run, role, epoch).
 */
public final class RunJournal {
    private static final String ENTRY_EXTENSION = "epoch.json";
    private static final String SWA_EXTENSION = "swa";

    private final CheckpointStore store;
    private final Engine engine;
    private final String runId;
    private final Provenance provenance;

    /** @param provenance what every claim check of this run says of its origin (profile, seed, this build) */
    public RunJournal(CheckpointStore store, Engine engine, String runId, Provenance provenance) {
        this.store = store;
        this.engine = engine;
        this.runId = runId;
        this.provenance = provenance;
    }

    /** The recorded checkpoints of {@code role}, epoch 0 upwards (each epoch is recorded after the one before). */
    public List<JournalEntry> entries(ModelRole role) {
        List<JournalEntry> entries = new ArrayList<>();
        for (int epoch = 0; ; epoch++) {
            Optional<JournalEntry> entry = entry(CheckpointStore.checkpointId(runId, role, epoch));
            if (entry.isEmpty()) {
                return entries;
            }
            entries.add(entry.get());
        }
    }

    /**
     * Writes {@code model} as the checkpoint of ({@code role}, {@code epoch}) and records it.
     *
     * @param swa the teacher's weight average so far, or null
     * @return the entry, whose claim check the caller publishes
     */
    public JournalEntry record(Model model, ModelRole role, int epoch, long step, boolean finalCheckpoint,
                               ModelKind kind, EpochMetrics metrics, String dataset, SwaAverager swa) {
        String checkpointId = CheckpointStore.checkpointId(runId, role, epoch);
        if (store.find(runId, checkpointId, ENTRY_EXTENSION).isPresent()) {
            throw new IllegalStateException("checkpoint " + checkpointId + " is already recorded; a run continues "
                    + "after its last recorded checkpoint and never replaces one");
        }
        String extension = engine.checkpointFormat();
        store.discardUnpublished(runId, checkpointId, extension);
        store.discardUnpublished(runId, checkpointId, SWA_EXTENSION);

        StoredCheckpoint stored = store.write(runId, checkpointId, extension, model::save);
        boolean swaSaved = swa != null && swa.count() > 0;
        if (swaSaved) {
            store.write(runId, checkpointId, SWA_EXTENSION, file -> writeSwa(file, swa));
        }
        CheckpointCreated claim = new CheckpointCreated(checkpointId, runId, role, epoch,
                model.spec().architecture(), engine.name(), engine.checkpointFormat(), stored.uri(), stored.sha256(),
                stored.bytes(), asMap(metrics), finalCheckpoint, dataset, Instant.now(), kind, null, provenance);
        JournalEntry entry = new JournalEntry(claim, metrics, step, swaSaved);
        store.write(runId, checkpointId, ENTRY_EXTENSION,
                file -> EventJson.mapper().writeValue(file.toFile(), entry));
        return entry;
    }

    /**
     * Records the teacher's trained weights, before SWA replaces them, as a final model of their own
     * ({@link ModelKind#RAW}, id {@code <run>-teacher-<epochs>-raw}): a claim check on the file of {@code kept}, the
     * epoch checkpoint holding exactly those weights, so nothing is written twice. Recording again (a resumed run)
     * returns the entry recorded first.
     *
     * @param epochs the number of epochs the teacher trained (the final checkpoints' epoch)
     */
    public JournalEntry recordRawTeacher(JournalEntry kept, int epochs) {
        Optional<JournalEntry> recorded = rawTeacher(epochs);
        if (recorded.isPresent()) return recorded.get();
        CheckpointCreated source = kept.checkpoint();
        String checkpointId = rawTeacherId(epochs);
        CheckpointCreated claim = new CheckpointCreated(checkpointId, runId, ModelRole.TEACHER, epochs,
                source.model(), source.engine(), source.format(), source.uri(), source.sha256(), source.bytes(),
                source.metrics(), true, source.dataset(), Instant.now(), ModelKind.RAW, null, provenance);
        JournalEntry entry = new JournalEntry(claim, kept.metrics(), kept.step(), false);
        store.write(runId, checkpointId, ENTRY_EXTENSION,
                file -> EventJson.mapper().writeValue(file.toFile(), entry));
        return entry;
    }

    /** The raw teacher recorded for a teacher of {@code epochs} epochs, if any. */
    public Optional<JournalEntry> rawTeacher(int epochs) {
        return entry(rawTeacherId(epochs));
    }

    private Optional<JournalEntry> entry(String checkpointId) {
        return store.read(runId, checkpointId, ENTRY_EXTENSION,
                file -> EventJson.mapper().readValue(file.toFile(), JournalEntry.class));
    }

    private String rawTeacherId(int epochs) {
        return CheckpointStore.checkpointId(runId, ModelRole.TEACHER, epochs, ModelKind.RAW);
    }

    /** The model of a recorded checkpoint, after checking its bytes against the entry. */
    public Model load(JournalEntry entry) {
        CheckpointCreated claim = entry.checkpoint();
        return store.readVerified(claim.uri(), claim.sha256(), claim.bytes(), engine::load);
    }

    /** The weight average saved with {@code entry}, or an empty one when averaging had not started. */
    public SwaAverager swa(JournalEntry entry) {
        if (!entry.swaSaved()) {
            return new SwaAverager();
        }
        String checkpointId = entry.checkpoint().checkpointId();
        return store.read(runId, checkpointId, SWA_EXTENSION, RunJournal::readSwa)
                .orElseThrow(() -> new CheckpointStoreException("the SWA state of " + checkpointId + " is missing "
                        + "from the store " + store.location() + " although its journal entry says it was saved"));
    }

    private static SwaAverager readSwa(Path file) throws IOException {
        SwaAverager swa = new SwaAverager();
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            long count = in.readLong();
            float[] mean = new float[in.readInt()];
            for (int i = 0; i < mean.length; i++) {
                mean[i] = in.readFloat();
            }
            // SwaAverager has no way to set its count; adding the mean `count` times rebuilds it exactly
            // (mean += (mean − mean) / n leaves it unchanged) at the cost of count passes over the parameters.
            for (long i = 0; i < count; i++) {
                swa.add(mean);
            }
            return swa;
        }
    }

    private static void writeSwa(Path file, SwaAverager swa) throws IOException {
        float[] mean = swa.average();
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
            out.writeLong(swa.count());
            out.writeInt(mean.length);
            for (float value : mean) {
                out.writeFloat(value);
            }
        }
    }

    /** The metrics as the claim check carries them: Keras's names, then the phase-specific extras. */
    static Map<String, Double> asMap(EpochMetrics metrics) {
        Map<String, Double> map = new LinkedHashMap<>();
        map.put("loss", metrics.loss());
        map.put("accuracy", metrics.accuracy());
        if (metrics.valLoss() != null) map.put("val_loss", metrics.valLoss());
        if (metrics.valAccuracy() != null) map.put("val_accuracy", metrics.valAccuracy());
        map.put("lr", metrics.lr());
        map.put("images_per_second", metrics.imagesPerSecond());
        map.putAll(metrics.extra());
        return map;
    }
}
