package dev.robust.trainer.training;

import dev.robust.common.ProjectVersion;
import dev.robust.common.checkpoint.CheckpointStore;
import dev.robust.common.dataset.SyntheticSource;
import dev.robust.common.event.CheckpointCreated;
import dev.robust.common.event.EpochDone;
import dev.robust.common.event.ModelKind;
import dev.robust.common.event.ModelRole;
import dev.robust.common.event.Provenance;
import dev.robust.common.event.RunFinished;
import dev.robust.common.event.RunStarted;
import dev.robust.common.topic.Topics;
import dev.robust.kafka.embedded.testing.EmbeddedKafkaTestResource;
import dev.robust.trainer.config.TrainerConfig;
import dev.robust.service.messaging.KafkaClients;
import dev.robust.trainer.testing.AugmentStandIn;
import dev.robust.trainer.testing.TopicEvents;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole trainer through its API and the real broker: a {@code ci} run requested with {@code POST /runs} is
 * taken from the runs topic, trains teacher and student on pairs that arrive through {@code train.pairs}, and
 * publishes verified checkpoints whose validation accuracy clearly beats chance.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedKafkaTestResource.class)
class CiRunTest {
    private static final double CHANCE = 0.1;

    @Inject
    KafkaClients kafka;

    @Inject
    TrainerConfig config;

    @Test
    void ciRunTrainsTeacherThenStudentFromTrainPairsAndBeatsChance() throws Exception {
        SyntheticSource data = new SyntheticSource(11, 384, 128);
        String runId;
        long seed;
        try (AugmentStandIn augment = new AugmentStandIn(kafka, data).start()) {
            augment.publishValidation();
            var accepted = given().contentType(ContentType.JSON).body(Map.of("profile", "ci"))
                    .post("/runs")
                    .then().statusCode(202)
                    .extract();
            runId = accepted.path("runId");
            seed = ((Number) accepted.path("seed")).longValue();

            String status = RunPolling.awaitEnd(runId);
            assertEquals("FINISHED", status, "run view: " + given().get("/runs/" + runId).asString());
            assertTrue(augment.epochsServed() >= 3, "teacher epoch, SWA batch-norm epoch and student epoch");
        }

        List<CheckpointCreated> ofRun = TopicEvents.read(kafka, Topics.MODEL_CHECKPOINTS, CheckpointCreated.class)
                .stream().filter(c -> c.runId().equals(runId))
                .sorted(Comparator.comparing(CheckpointCreated::role).thenComparing(CheckpointCreated::epoch)
                        .thenComparing(CheckpointCreated::kind)).toList();
        assertEquals(List.of("teacher-0", "teacher-1", "teacher-1", "student-0", "student-1"),
                ofRun.stream().map(c -> c.role().id() + "-" + c.epoch()).toList());
        assertEquals(List.of(ModelKind.EPOCH, ModelKind.RAW, ModelKind.SWA, ModelKind.EPOCH, ModelKind.FINAL),
                ofRun.stream().map(CheckpointCreated::kind).toList());
        assertEquals(List.of(false, true, true, false, true),
                ofRun.stream().map(CheckpointCreated::finalCheckpoint).toList());
        assertEquals(List.of("teacher epoch 0", "raw teacher (before SWA)", "SWA teacher", "student epoch 0",
                "student"), ofRun.stream().map(CheckpointCreated::modelName).toList());

        CheckpointStore store = CheckpointStore.open(Path.of(config.checkpointStore()));
        for (CheckpointCreated checkpoint : ofRun) {
            store.readVerified(checkpoint.uri(), checkpoint.sha256(), checkpoint.bytes(), Files::size);
            assertEquals("synthetic", checkpoint.dataset());
            assertEquals("smallcnn", checkpoint.model());
            assertEquals("dl4j", checkpoint.engine());
            assertEquals(new Provenance("trainer-service", "ci", seed, ProjectVersion.current()),
                    checkpoint.provenance(), checkpoint.checkpointId());
        }
        CheckpointCreated raw = ofRun.get(1);
        CheckpointCreated teacher = ofRun.get(2);
        CheckpointCreated student = ofRun.get(4);
        assertEquals(runId + "-teacher-1-raw", raw.checkpointId());
        assertEquals(ofRun.get(0).sha256(), raw.sha256(), "the raw teacher is the trained epoch's weights, not a copy");
        assertEquals(ofRun.get(0).uri(), raw.uri());
        assertEquals(teacher.metrics().get("val_accuracy_before_swa"), raw.metrics().get("val_accuracy"));
        assertTrue(teacher.metrics().containsKey("val_accuracy_before_swa"), teacher.metrics().toString());
        assertTrue(teacher.metrics().get("swa_snapshots") > 0, teacher.metrics().toString());
        assertTrue(teacher.metrics().get("val_accuracy") > 3 * CHANCE, "teacher " + teacher.metrics());
        assertTrue(student.metrics().get("val_accuracy") > 3 * CHANCE, "student " + student.metrics());

        List<EpochDone> epochs = TopicEvents.read(kafka, Topics.RUNS, EpochDone.class).stream()
                .filter(e -> e.runId().equals(runId)).toList();
        assertEquals(List.of(ModelRole.TEACHER, ModelRole.STUDENT), epochs.stream().map(EpochDone::phase).toList());
        assertTrue(epochs.get(0).metrics().imagesPerSecond() > 0);
        assertTrue(TopicEvents.read(kafka, Topics.RUNS, RunStarted.class).stream()
                .anyMatch(s -> s.runId().equals(runId) && s.dataset().equals("synthetic")));
        RunFinished finished = TopicEvents.read(kafka, Topics.RUNS, RunFinished.class).stream()
                .filter(f -> f.runId().equals(runId)).findFirst().orElseThrow();
        assertEquals(teacher.checkpointId(), finished.teacherCheckpointId());
        assertEquals(student.checkpointId(), finished.studentCheckpointId());
        assertEquals(raw.checkpointId(), finished.rawTeacherCheckpointId());

        given().get("/runs/" + runId).then().statusCode(200)
                .body("history.size()", org.hamcrest.Matchers.equalTo(2))
                .body("teacherCheckpointId", org.hamcrest.Matchers.equalTo(teacher.checkpointId()))
                .body("rawTeacherCheckpointId", org.hamcrest.Matchers.equalTo(raw.checkpointId()));
        assertFalse(ofRun.get(0).sha256().equals(teacher.sha256()), "SWA changed the teacher's weights");
    }
}
