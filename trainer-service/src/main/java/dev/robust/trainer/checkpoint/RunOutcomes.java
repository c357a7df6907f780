package dev.robust.trainer.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import dev.robust.checkpoint.CheckpointStores;
import dev.robust.common.checkpoint.CheckpointStore;
import dev.robust.common.checkpoint.CheckpointStoreException;
import dev.robust.common.event.EventJson;
import dev.robust.common.event.EventType;
import dev.robust.common.event.RunEvent;
import dev.robust.common.event.RunFailed;
import dev.robust.common.event.RunFinished;
import dev.robust.service.messaging.EventPublisher;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a run's end ({@link RunFinished} or {@link RunFailed}) reaches the {@code runs} topic even when the broker is
 * down at that moment: the event is recorded in the store first ({@code <run>/<run>.outcome.json}), then published;
 * a published one gets a marker ({@code <run>.outcome.published}). {@link #republishPending()} publishes whatever
 * has no marker yet — at start-up and then periodically — so the end of a run is delivered at least once
 * (consumers treat a repeated end as the same end). When the store itself cannot be written (one reason a run
 * fails), the event is kept in memory and retried the same way, for as long as this process lives.
 */
public final class RunOutcomes {
    private static final Logger LOG = Logger.getLogger(RunOutcomes.class);
    static final String OUTCOME_EXTENSION = "outcome.json";
    static final String PUBLISHED_EXTENSION = "outcome.published";

    /** What the store keeps: the CloudEvents type and the event's JSON, so any terminal type reads back. */
    record RecordedOutcome(String type, JsonNode event) {
    }

    private final String storeLocation;
    private final EventPublisher publisher;
    /** Ends that could not be recorded in the store; published from memory. */
    private final Map<String, RunEvent> unrecorded = new LinkedHashMap<>();
    /** The store once it could be opened; until then each use tries again. */
    private CheckpointStore opened;

    /** @param storeLocation the checkpoint store's location, as {@link CheckpointStores#open(String)} takes it */
    public RunOutcomes(String storeLocation, EventPublisher publisher) {
        this.storeLocation = storeLocation;
        this.publisher = publisher;
    }

    /**
     * Records {@code end} and publishes it. A failed publication is logged and left for
     * {@link #republishPending()}; this method does not throw for it.
     *
     * @return true when the event reached the broker now
     */
    public boolean conclude(RunEvent end) {
        if (!(end instanceof RunFinished) && !(end instanceof RunFailed)) {
            throw new IllegalArgumentException("not the end of a run: " + end);
        }
        CheckpointStore store = store();
        if (store != null) {
            RunEvent earlier = recorded(store, end.runId());
            if (earlier != null) {
                // Already ended once (the request came back, say): the first recorded end stands.
                LOG.warnf("run %s already has a recorded end (%s); not recording %s", end.runId(), earlier, end);
                return publish(store, earlier);
            }
            if (record(store, end)) {
                return publish(store, end);
            }
        }
        synchronized (unrecorded) {
            unrecorded.put(end.runId(), end);
        }
        return publish(null, end);
    }

    /** True when this trainer has recorded (or holds) the end of {@code runId}, published or not. */
    public boolean hasEnded(String runId) {
        synchronized (unrecorded) {
            if (unrecorded.containsKey(runId)) return true;
        }
        CheckpointStore store = store();
        try {
            return store != null && store.find(runId, runId, OUTCOME_EXTENSION).isPresent();
        } catch (IllegalArgumentException e) {
            return false; // not a name the store accepts, so no end of it was ever recorded there
        } catch (CheckpointStoreException e) {
            LOG.warnf("cannot look up the end of run %s in the store: %s", runId, e.getMessage());
            return false;
        }
    }

    /**
     * Publishes every recorded end without a published marker, and every end held in memory.
     *
     * @return how many are still unpublished (the broker is still unreachable)
     */
    public int republishPending() {
        int left = 0;
        List<RunEvent> inMemory;
        synchronized (unrecorded) {
            inMemory = new ArrayList<>(unrecorded.values());
        }
        for (RunEvent end : inMemory) {
            if (publish(null, end)) {
                synchronized (unrecorded) {
                    unrecorded.remove(end.runId(), end);
                }
            } else {
                left++;
            }
        }
        CheckpointStore store = store();
        if (store == null) return left;
        for (RunEvent end : recordedUnpublished(store)) {
            LOG.infof("publishing the recorded end of run %s (%s), which had not reached the broker", end.runId(),
                    end.getClass().getSimpleName());
            if (!publish(store, end)) left++;
        }
        return left;
    }

    /** The recorded ends that have no published marker, in no particular order. */
    private static List<RunEvent> recordedUnpublished(CheckpointStore store) {
        List<RunEvent> pending = new ArrayList<>();
        try {
            for (String runId : store.runIds()) {
                if (store.find(runId, runId, PUBLISHED_EXTENSION).isEmpty()) {
                    RunEvent end = recorded(store, runId);
                    if (end != null) pending.add(end);
                }
            }
        } catch (CheckpointStoreException | IllegalArgumentException e) {
            LOG.warnf("cannot list the checkpoint store %s for unpublished run ends: %s", store.location(),
                    e.getMessage());
        }
        return pending;
    }

    /** The end recorded for {@code runId}, or null when there is none (or it cannot be read). */
    private static RunEvent recorded(CheckpointStore store, String runId) {
        try {
            return store.read(runId, runId, OUTCOME_EXTENSION, RunOutcomes::read).orElse(null);
        } catch (CheckpointStoreException | IllegalArgumentException e) {
            LOG.warnf("cannot read the recorded end of run %s: %s", runId, e.getMessage());
            return null;
        }
    }

    private boolean record(CheckpointStore store, RunEvent end) {
        try {
            RecordedOutcome outcome = new RecordedOutcome(EventType.of(end).ceType(),
                    EventJson.mapper().valueToTree(end));
            store.write(end.runId(), end.runId(), OUTCOME_EXTENSION,
                    file -> EventJson.mapper().writeValue(file.toFile(), outcome));
            return true;
        } catch (CheckpointStoreException | IllegalArgumentException e) {
            LOG.warnf("cannot record the end of run %s in the store (%s); keeping it in memory until published",
                    end.runId(), e.getMessage());
            return false;
        }
    }

    private boolean publish(CheckpointStore store, RunEvent end) {
        try {
            publisher.publish(end);
        } catch (RuntimeException e) {
            LOG.warnf("the end of run %s is not published yet (%s); retrying while the broker is unreachable",
                    end.runId(), e.getMessage());
            return false;
        }
        if (store != null) markPublished(store, end.runId());
        return true;
    }

    private static void markPublished(CheckpointStore store, String runId) {
        try {
            if (store.find(runId, runId, PUBLISHED_EXTENSION).isEmpty()) {
                store.write(runId, runId, PUBLISHED_EXTENSION, file -> { });
            }
        } catch (CheckpointStoreException e) {
            // Another replica marked it at the same time, or the store went read-only: at worst it is published again.
            LOG.debugf("cannot mark the end of run %s as published: %s", runId, e.getMessage());
        }
    }

    private static RunEvent read(Path outcome) throws IOException {
        RecordedOutcome recorded = EventJson.mapper().readValue(outcome.toFile(), RecordedOutcome.class);
        EventType type = EventType.fromCeType(recorded.type());
        if (type == null || !RunEvent.class.isAssignableFrom(type.eventClass())) {
            throw new IOException(outcome + " records an event of unknown type " + recorded.type());
        }
        return (RunEvent) EventJson.mapper().treeToValue(recorded.event(), type.eventClass());
    }

    /** The store, opened on first use; null while it cannot be opened (an unwritable directory, say). */
    private synchronized CheckpointStore store() {
        if (opened == null) {
            try {
                opened = CheckpointStores.open(storeLocation);
            } catch (CheckpointStoreException | IllegalArgumentException e) {
                LOG.debugf("the checkpoint store cannot be opened: %s", e.getMessage());
            }
        }
        return opened;
    }
}
