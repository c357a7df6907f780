package dev.robust.trainer.training;

import dev.robust.common.checkpoint.CheckpointStore;
import dev.robust.common.checkpoint.FileCheckpointStore;
import dev.robust.common.checkpoint.StoredCheckpoint;
import dev.robust.common.dataset.SyntheticSource;
import dev.robust.common.event.CheckpointCreated;
import dev.robust.common.event.EpochDone;
import dev.robust.common.event.ModelRole;
import dev.robust.common.event.RunFailed;
import dev.robust.common.event.RunFinished;
import dev.robust.common.event.RunRequested;
import dev.robust.common.profile.RunProfile;
import dev.robust.common.topic.Topics;
import dev.robust.engine.Engine;
import dev.robust.kafka.embedded.testing.EmbeddedKafkaTestResource;
import dev.robust.service.messaging.DeadLetterPublisher;
import dev.robust.trainer.config.TrainerConfig;
import dev.robust.service.messaging.EventPublisher;
import dev.robust.service.messaging.KafkaClients;
import dev.robust.trainer.testing.AugmentStandIn;
import dev.robust.trainer.testing.TopicEvents;
import dev.robust.trainer.testing.TrainerConfigWithStore;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A run interrupted mid-epoch is continued by a fresh executor (what a restarted trainer builds) from its last
 * checkpoint, and no checkpoint id is ever published with two different contents.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedKafkaTestResource.class)
class ResumeTest {
    @Inject
    KafkaClients kafka;
    @Inject
    DeadLetterPublisher deadLetters;
    @Inject
    TrainingMetrics metrics;

    @Inject
    Engine engine;

    @Inject
    EventPublisher publisher;

    @Inject
    TrainerConfig config;

    @TempDir
    Path storeRoot;

    @Test
    void restartedRunContinuesAfterItsLastCheckpointAndNeverRewritesOne() throws Exception {
        String runId = "resume-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> overrides = Map.of("teacher.epochs", 2, "data.train-examples", 192);
        RunProfile profile = RunProfile.named("ci").withOverrides(overrides);
        RunRequested request = new RunRequested(runId, "ci", overrides, Map.copyOf(profile.asMap()), profile.seed());
        TrainerConfig withStore = new TrainerConfigWithStore(config, storeRoot.toString());
        FileCheckpointStore store = CheckpointStore.open(storeRoot);
        String format = engine.checkpointFormat();

        try (AugmentStandIn augment = new AugmentStandIn(kafka, new SyntheticSource(5, 192, 128)).start()) {
            augment.publishValidation();
            // First attempt: the trainer goes away two batches into teacher epoch 1.
            assertThrows(RunStoppedException.class, () -> executor(withStore)
                    .execute(request, new CrashAt(ModelRole.TEACHER, 1, 2)));
            StoredCheckpoint teacher0 = store.find(runId, runId + "-teacher-0", format).orElseThrow();
            // As if it had also died between writing epoch 1's model file and recording it.
            Path orphan = store.resolve(CheckpointStore.uri(runId, runId + "-teacher-1", format));
            Files.write(orphan, new byte[] {1, 2, 3});

            executor(withStore).execute(request, new CrashAt(null, -1, -1));

            assertEquals(teacher0, store.find(runId, runId + "-teacher-0", format).orElseThrow(),
                    "the checkpoint of teacher epoch 0 was not rewritten");
            assertTrue(Files.size(orphan) > 3, "the unannounced file was replaced by epoch 1's checkpoint");
        }

        assertTrue(TopicEvents.read(kafka, Topics.RUNS, RunFailed.class).stream()
                .noneMatch(f -> f.runId().equals(runId)));
        RunFinished finished = TopicEvents.read(kafka, Topics.RUNS, RunFinished.class).stream()
                .filter(f -> f.runId().equals(runId)).findFirst().orElseThrow();
        assertEquals(runId + "-teacher-2", finished.teacherCheckpointId());
        assertEquals(runId + "-student-1", finished.studentCheckpointId());

        List<EpochDone> epochs = TopicEvents.read(kafka, Topics.RUNS, EpochDone.class).stream()
                .filter(e -> e.runId().equals(runId)).toList();
        assertEquals(List.of("teacher-0", "teacher-0", "teacher-1", "student-0"),
                epochs.stream().map(e -> e.phase().id() + "-" + e.epoch()).toList(),
                "each epoch trained once; the second attempt announces the last checkpoint it resumed from again");

        List<CheckpointCreated> checkpoints = TopicEvents.read(kafka, Topics.MODEL_CHECKPOINTS,
                CheckpointCreated.class).stream().filter(c -> c.runId().equals(runId)).toList();
        for (CheckpointCreated checkpoint : checkpoints) {
            assertEquals(1, checkpoints.stream().filter(c -> c.checkpointId().equals(checkpoint.checkpointId()))
                    .map(CheckpointCreated::sha256).distinct().count(), checkpoint.checkpointId());
            store.readVerified(checkpoint.uri(), checkpoint.sha256(), checkpoint.bytes(), Files::size);
        }
        assertNotEquals(shaOf(checkpoints, runId + "-teacher-0"), shaOf(checkpoints, runId + "-teacher-1"));
    }

    @Test
    void unwritableStoreFailsTheRunWithAReasonNamingIt() throws Exception {
        String runId = "nostore-" + UUID.randomUUID().toString().substring(0, 8);
        Path blocker = Files.writeString(storeRoot.resolve("a-file"), "not a directory");
        Path root = blocker.resolve("checkpoints");
        RunRequested request = new RunRequested(runId, "ci", Map.of(),
                Map.copyOf(RunProfile.named("ci").asMap()), 42);

        executor(new TrainerConfigWithStore(config, root.toString())).execute(request, new CrashAt(null, -1, -1));

        RunFailed failed = TopicEvents.read(kafka, Topics.RUNS, RunFailed.class).stream()
                .filter(f -> f.runId().equals(runId)).findFirst().orElseThrow();
        assertTrue(failed.reason().contains(root.toString()), failed.reason());
        assertTrue(failed.reason().contains("not a writable directory"), failed.reason());
    }

    @Test
    void pairsLostForGoodFailTheRunWithinAMinuteNamingRunEpochCountsAndCause() throws Exception {
        String runId = "lost-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> overrides = Map.of("teacher.epochs", 2, "data.train-examples", 192);
        RunProfile profile = RunProfile.named("ci").withOverrides(overrides);
        RunRequested request = new RunRequested(runId, "ci", overrides, Map.copyOf(profile.asMap()), profile.seed());
        TrainerConfig withStore = new TrainerConfigWithStore(config, storeRoot.toString());

        try (AugmentStandIn augment = new AugmentStandIn(kafka, new SyntheticSource(5, 192, 128))
                .losingPairs(1, 10).start()) {
            augment.publishValidation();
            executor(withStore).execute(request, new CrashAt(null, -1, -1));
            long ended = System.nanoTime();

            assertTrue(augment.firstLossNanos() > 0, "the stand-in never lost a pair");
            assertTrue(ended - augment.firstLossNanos() < Duration.ofMinutes(1).toNanos(),
                    "the run ended " + (ended - augment.firstLossNanos()) / 1e9 + " s after the loss");
        }
        RunFailed failed = TopicEvents.read(kafka, Topics.RUNS, RunFailed.class).stream()
                .filter(f -> f.runId().equals(runId)).findFirst().orElseThrow();
        assertTrue(failed.reason().contains("run " + runId + " teacher epoch 1 (182 of 192 pairs read)"),
                failed.reason());
        assertTrue(failed.reason().contains("the end marker counts 192 pairs, but 182 of them arrived"),
                failed.reason());
        assertTrue(failed.reason().contains("had already been asked for a second time"), failed.reason());
        assertTrue(TopicEvents.read(kafka, Topics.RUNS, RunFinished.class).stream()
                .noneMatch(f -> f.runId().equals(runId)));
    }

    /** Stops the run (as a vanished trainer would) once it has trained {@code steps} batches of an epoch. */
    private static final class CrashAt implements RunControl {
        private final ModelRole phase;
        private final int epoch;
        private final int steps;
        private volatile boolean crashed;

        CrashAt(ModelRole phase, int epoch, int steps) {
            this.phase = phase;
            this.epoch = epoch;
            this.steps = steps;
        }

        @Override
        public void checkContinue() {
            if (crashed) {
                throw new RunStoppedException("simulated crash");
            }
        }

        @Override
        public void onProgress(RunProgress progress) {
            if (progress.phase() == phase && progress.epoch() == epoch && progress.step() >= steps) {
                crashed = true;
            }
        }
    }

    private static String shaOf(List<CheckpointCreated> checkpoints, String checkpointId) {
        return checkpoints.stream().filter(c -> c.checkpointId().equals(checkpointId)).findFirst().orElseThrow()
                .sha256();
    }

    private RunExecutor executor(TrainerConfig withStore) {
        return new RunExecutor(engine, kafka, deadLetters, publisher, withStore, metrics);
    }
}
