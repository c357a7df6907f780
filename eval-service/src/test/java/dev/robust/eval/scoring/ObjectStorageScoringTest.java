package dev.robust.eval.scoring;

import dev.robust.checkpoint.CheckpointStores;
import dev.robust.s3testkit.S3Server;
import dev.robust.common.checkpoint.CheckpointStore;
import dev.robust.common.codec.LabeledImageCodec;
import dev.robust.common.dataset.Split;
import dev.robust.common.dataset.SyntheticSource;
import dev.robust.common.event.CheckpointCreated;
import dev.robust.common.event.EvaluationResult;
import dev.robust.common.event.EvaluationSummary;
import dev.robust.common.event.EventCodec;
import dev.robust.common.event.ModelRole;
import dev.robust.common.event.RecordKeys;
import dev.robust.common.image.LabeledImage;
import dev.robust.common.topic.Topics;
import dev.robust.eval.config.EvalConfig;
import dev.robust.eval.fixtures.KafkaFixtures;
import dev.robust.eval.fixtures.TinyCheckpoint;
import dev.robust.kafka.embedded.testing.EmbeddedKafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.common.annotation.Identifier;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The eval-service with its checkpoint store on S3 (s3proxy in this JVM): a claim check on {@code model.checkpoints}
 * is downloaded, verified and scored; one whose sha256 does not match the object is refused.
 *
 * <p>Its S3 store applies to the whole Quarkus application, so it runs in a surefire fork of its own (the
 * {@code object-storage} execution in the pom): a second application start in one JVM would load libtorch twice.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedKafkaTestResource.class)
// Restricted: an unrestricted resource applies to every @QuarkusTest of the module (its store would replace theirs).
@QuarkusTestResource(value = ObjectStorageScoringTest.S3Store.class, restrictToAnnotatedClass = true)
class ObjectStorageScoringTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final SyntheticSource SYNTHETIC = new SyntheticSource(77, 128, 20);
    private static final String RUN = "s3-eval-" + Long.toString(System.currentTimeMillis(), 36);

    /** Starts the S3 server before the service and points {@code robust.eval.checkpoint-store} at a bucket on it. */
    public static final class S3Store implements QuarkusTestResourceLifecycleManager {
        private S3Server server;

        @Override
        public Map<String, String> start() {
            try {
                server = S3Server.start("robust-eval");
            } catch (Exception e) {
                throw new IllegalStateException("s3proxy did not start", e);
            }
            return Map.of("robust.eval.checkpoint-store",
                    "s3://robust-eval/checkpoints?endpoint=" + server.endpoint() + "&path-style=true");
        }

        @Override
        public void stop() {
            try {
                server.close();
            } catch (Exception e) {
                throw new IllegalStateException("s3proxy did not stop", e);
            }
        }
    }

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    @Inject
    EvalConfig config;

    @Test
    void scoresACheckpointFromTheBucketAndRefusesOneThatDoesNotMatchItsClaim() throws Exception {
        assertTrue(config.checkpointStore().startsWith("s3://robust-eval/"), config.checkpointStore());
        try (KafkaFixtures kafka = new KafkaFixtures(kafkaConfig);
             CheckpointStore store = CheckpointStores.open(config.checkpointStore())) {
            for (LabeledImage image : SYNTHETIC.readAll(Split.TEST)) {
                kafka.send(Topics.CIFAR10_TEST, RecordKeys.datasetImage(image.index()),
                        LabeledImageCodec.encode(image));
            }
            TinyCheckpoint good = TinyCheckpoint.train(store, RUN, ModelRole.TEACHER, 0,
                    SYNTHETIC.readAll(Split.TRAIN), 4);
            kafka.publish(good.event());
            ConsumerRecord<byte[], byte[]> summary = await(kafka, Topics.EVALUATION_SUMMARIES,
                    good.event().checkpointId());
            EvaluationSummary scored = (EvaluationSummary) EventCodec.decode(summary.headers(), summary.value());
            assertNotNull(scored.cleanTop1(), "scored from the bucket: " + scored);

            TinyCheckpoint other = TinyCheckpoint.train(store, RUN, ModelRole.STUDENT, 0,
                    SYNTHETIC.readAll(Split.TRAIN), 4);
            CheckpointCreated e = other.event();
            kafka.publish(new CheckpointCreated(e.checkpointId(), e.runId(), e.role(), e.epoch(), e.model(),
                    e.engine(), e.format(), e.uri(), good.event().sha256(), e.bytes(), e.metrics(), false,
                    e.dataset(), e.createdAt()));
            ConsumerRecord<byte[], byte[]> result = await(kafka, Topics.EVALUATIONS,
                    RecordKeys.evaluation(e.checkpointId(), "clean", 0));
            EvaluationResult refused = (EvaluationResult) EventCodec.decode(result.headers(), result.value());
            assertEquals(EvaluationResult.Status.FAILED, refused.status());
            assertTrue(refused.error().contains("does not match its claim check"), refused.error());
        }
    }

    private static ConsumerRecord<byte[], byte[]> await(KafkaFixtures kafka, String topic, String key) {
        return kafka.await(topic, record -> key.equals(new String(record.key(), StandardCharsets.UTF_8)),
                records -> !records.isEmpty(), TIMEOUT).get(0);
    }
}
