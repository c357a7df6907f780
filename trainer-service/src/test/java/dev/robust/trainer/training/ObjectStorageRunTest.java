package dev.robust.trainer.training;

import dev.robust.checkpoint.CheckpointStores;
import dev.robust.s3testkit.S3Server;
import dev.robust.common.checkpoint.CheckpointStore;
import dev.robust.common.dataset.SyntheticSource;
import dev.robust.common.event.CheckpointCreated;
import dev.robust.common.event.RunFinished;
import dev.robust.common.event.RunRequested;
import dev.robust.common.profile.RunProfile;
import dev.robust.common.topic.Topics;
import dev.robust.engine.Engine;
import dev.robust.engine.Model;
import dev.robust.kafka.embedded.testing.EmbeddedKafkaTestResource;
import dev.robust.service.messaging.DeadLetterPublisher;
import dev.robust.service.messaging.EventPublisher;
import dev.robust.service.messaging.KafkaClients;
import dev.robust.trainer.config.TrainerConfig;
import dev.robust.trainer.testing.AugmentStandIn;
import dev.robust.trainer.testing.TopicEvents;
import dev.robust.trainer.testing.TrainerConfigWithStore;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A ci run whose checkpoint store is S3 (s3proxy in this JVM) over the embedded broker: every claim check the trainer
 * publishes names an object that a second store, opened from the same location as the eval-service opens it,
 * downloads, verifies against the claim check and loads; nothing lands on the local disk.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedKafkaTestResource.class)
class ObjectStorageRunTest {
    private static final String BUCKET = "robust-run";
    private static S3Server s3;

    @Inject
    KafkaClients kafka;
    @Inject
    TrainingMetrics metrics;
    @Inject
    Engine engine;
    @Inject
    EventPublisher publisher;
    @Inject
    DeadLetterPublisher deadLetters;
    @Inject
    TrainerConfig config;

    @BeforeAll
    static void startS3() throws Exception {
        s3 = S3Server.start(BUCKET);
    }

    @AfterAll
    static void stopS3() throws Exception {
        s3.close();
    }

    @Test
    void checkpointsGoToTheBucketAndLoadFromItAfterVerification() throws Exception {
        String runId = "s3-" + UUID.randomUUID().toString().substring(0, 8);
        String location = "s3://" + BUCKET + "/checkpoints?endpoint=" + s3.endpoint() + "&path-style=true";
        Map<String, Object> overrides = Map.of("data.train-examples", 192);
        RunProfile profile = RunProfile.named("ci").withOverrides(overrides);
        RunRequested request = new RunRequested(runId, "ci", overrides, Map.copyOf(profile.asMap()), profile.seed());

        try (AugmentStandIn augment = new AugmentStandIn(kafka, new SyntheticSource(5, 192, 128)).start()) {
            augment.publishValidation();
            new RunExecutor(engine, kafka, deadLetters, publisher, new TrainerConfigWithStore(config, location), metrics)
                    .execute(request, new RunControl() {
                        @Override
                        public void checkContinue() {
                        }

                        @Override
                        public void onProgress(RunProgress progress) {
                        }
                    });
        }

        assertTrue(TopicEvents.read(kafka, Topics.RUNS, RunFinished.class).stream()
                .anyMatch(f -> f.runId().equals(runId)), "the run finished");
        List<CheckpointCreated> checkpoints = TopicEvents.read(kafka, Topics.MODEL_CHECKPOINTS,
                CheckpointCreated.class).stream().filter(c -> c.runId().equals(runId)).toList();
        List<String> models = checkpoints.stream().map(CheckpointCreated::modelName).toList();
        assertTrue(models.containsAll(List.of("teacher epoch 0", "raw teacher (before SWA)", "student")), models
                .toString());
        try (CheckpointStore eval = CheckpointStores.open(location)) {
            for (CheckpointCreated checkpoint : checkpoints) {
                assertTrue(s3.blobs().blobExists(BUCKET, "checkpoints/" + checkpoint.uri()), checkpoint.uri());
                Model model = eval.readVerified(checkpoint.uri(), checkpoint.sha256(), checkpoint.bytes(),
                        engine::load);
                assertEquals(checkpoint.model(), model.spec().architecture(), checkpoint.checkpointId());
            }
        }
        assertTrue(s3.blobs().blobExists(BUCKET, "checkpoints/" + runId + "/" + runId + ".outcome.json"),
                "the run's end is recorded in the bucket too");
        assertFalse(Files.exists(Path.of(config.checkpointStore()).resolve(runId)), "nothing on the local store");
    }
}
