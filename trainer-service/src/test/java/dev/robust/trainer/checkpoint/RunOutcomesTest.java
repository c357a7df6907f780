package dev.robust.trainer.checkpoint;

import dev.robust.common.event.Event;
import dev.robust.common.event.EventCodec;
import dev.robust.common.event.ModelRole;
import dev.robust.common.event.RunFailed;
import dev.robust.common.event.RunFinished;
import dev.robust.service.messaging.EventPublisher;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A run's end survives a broker that is down when the run ends, and a trainer restart in between. */
class RunOutcomesTest {
    private final MockProducer<String, byte[]> broker =
            new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
    private final EventPublisher publisher = new EventPublisher(broker, "/trainer-service");

    @TempDir
    Path store;

    @Test
    void failureWhileTheBrokerIsDownIsRecordedAndPublishedByTheRestartedTrainerOnceTheBrokerIsBack() {
        RunFailed failed = new RunFailed("run-1", "IllegalStateException: cannot publish EpochDone",
                ModelRole.TEACHER, 2);
        brokerDown();

        assertFalse(new RunOutcomes(store.toString(), publisher).conclude(failed));
        assertTrue(broker.history().isEmpty());
        assertTrue(Files.isRegularFile(store.resolve("run-1/run-1.outcome.json")));

        RunOutcomes restarted = new RunOutcomes(store.toString(), publisher);
        assertTrue(restarted.hasEnded("run-1"), "a request of the run that comes back is skipped");
        assertEquals(1, restarted.republishPending(), "still down: still pending");
        assertTrue(broker.history().isEmpty());

        brokerUp();
        assertEquals(0, restarted.republishPending());
        assertEquals(List.of(failed), published());
        assertEquals("run-1", broker.history().get(0).key());

        assertEquals(0, restarted.republishPending());
        assertEquals(0, new RunOutcomes(store.toString(), publisher).republishPending());
        assertEquals(1, broker.history().size(), "a published end is not published again");
    }

    @Test
    void endPublishedAtOnceIsMarkedAndNotRepublished() {
        RunFinished finished = new RunFinished("run-2", "run-2-teacher-3", "run-2-student-3");
        RunOutcomes outcomes = new RunOutcomes(store.toString(), publisher);

        assertTrue(outcomes.conclude(finished));
        assertEquals(0, outcomes.republishPending());

        assertEquals(List.of(finished), published());
        assertTrue(Files.isRegularFile(store.resolve("run-2/run-2.outcome.published")));
        assertTrue(outcomes.hasEnded("run-2"));
        assertFalse(outcomes.hasEnded("run-3"));
        assertFalse(outcomes.hasEnded("../run-2"), "a run id the store cannot hold has no recorded end");
    }

    @Test
    void endThatCannotBeRecordedBecauseTheStoreIsUnwritableIsRetriedFromMemory() throws Exception {
        Path blocker = Files.writeString(store.resolve("a-file"), "not a directory");
        RunOutcomes outcomes = new RunOutcomes(blocker.resolve("checkpoints").toString(), publisher);
        RunFailed failed = new RunFailed("run-4", "checkpoint store root is not a writable directory", null, null);
        brokerDown();

        assertFalse(outcomes.conclude(failed));
        assertTrue(outcomes.hasEnded("run-4"));
        assertEquals(1, outcomes.republishPending());

        brokerUp();
        assertEquals(0, outcomes.republishPending());
        assertEquals(0, outcomes.republishPending());
        assertEquals(List.of(failed), published());
    }

    @Test
    void firstRecordedEndOfARunStands() {
        RunOutcomes outcomes = new RunOutcomes(store.toString(), publisher);
        brokerDown();
        RunFailed first = new RunFailed("run-5", "pairs timed out", ModelRole.STUDENT, 0);
        outcomes.conclude(first);
        outcomes.conclude(new RunFailed("run-5", "something later", null, null));

        brokerUp();
        assertEquals(0, outcomes.republishPending());
        assertEquals(List.of(first), published());
    }

    private void brokerDown() {
        broker.sendException = new TimeoutException("Topic runs not present in metadata after 60000 ms.");
    }

    private void brokerUp() {
        broker.sendException = null;
    }

    private List<Event> published() {
        return broker.history().stream()
                .map(r -> EventCodec.decode(r.headers(), r.value()))
                .toList();
    }
}
