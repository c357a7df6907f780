package dev.robust.augment.pairs;

import dev.robust.augment.RunsTopic;
import dev.robust.augment.SyntheticDataset;
import dev.robust.augment.TestKafka;
import dev.robust.augment.health.RunsConsumerReadiness;
import dev.robust.common.codec.CleanNoisyPairCodec;
import dev.robust.common.codec.LabeledImageCodec;
import dev.robust.common.event.CloudEventHeaders;
import dev.robust.common.image.CleanNoisyPair;
import dev.robust.common.image.LabeledImage;
import dev.robust.common.image.RandAugmentGeometry;
import dev.robust.common.topic.DeadLetterHeaders;
import dev.robust.common.pairs.TrainPairsProtocol;
import dev.robust.common.topic.Topics;
import dev.robust.imaging.random.ImageRandom;
import dev.robust.imaging.view.TrainingViews;
import dev.robust.imaging.view.ViewConfig;
import dev.robust.kafka.embedded.testing.EmbeddedKafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.common.annotation.Identifier;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@QuarkusTestResource(EmbeddedKafkaTestResource.class)
class PairStreamingTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int TRAIN_IMAGES = SyntheticDataset.TRAIN_SIZE - SyntheticDataset.VALIDATION_SIZE;
    /** What {@link RunsTopic#QUICK} asks for. */
    private static final TrainingViews QUICK_VIEWS =
            new TrainingViews(new ViewConfig(36, 32, 2, 9, RandAugmentGeometry.RELATIVE));

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    private TestKafka kafka;
    private RunsTopic runs;

    @BeforeEach
    void ingestAndWaitForTheRunsConsumer() throws Exception {
        SyntheticDataset.ingest();
        kafka = new TestKafka(kafkaConfig);
        runs = new RunsTopic(kafka);
        kafka.awaitAssigned("augment-service", WAIT);
    }

    @Test
    void readinessWaitsForTheRunsConsumerToJoin() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == '" + RunsConsumerReadiness.NAME + "' }.status", equalTo("UP"));
    }

    @Test
    void epochRequestYieldsOnePairPerTrainingImageThenTheMarker() throws Exception {
        runs.requestEpoch("exact", 0, TRAIN_IMAGES, 2);

        List<ConsumerRecord<String, byte[]>> epoch = runs.epochCopies("exact", 0, 1, WAIT).get(0);

        assertEquals(TRAIN_IMAGES + 1, epoch.size());
        ConsumerRecord<String, byte[]> marker = epoch.get(TRAIN_IMAGES);
        assertTrue(RunsTopic.isMarker(marker));
        assertEquals(TrainPairsProtocol.endOfEpochKey("exact", 0), marker.key());
        assertEquals(TRAIN_IMAGES, TrainPairsProtocol.decodePairCount(marker.value()));

        Map<Long, LabeledImage> train = trainingImages();
        Set<Long> sources = new HashSet<>();
        int expectedPartition = TrainPairsProtocol.partitionFor("exact", 3);
        for (int position = 0; position < TRAIN_IMAGES; position++) {
            ConsumerRecord<String, byte[]> record = epoch.get(position);
            assertEquals("exact/0/" + position, record.key());
            assertEquals(expectedPartition, record.partition());
            assertEquals("teacher", RunsTopic.header(record, TrainPairsProtocol.HEADER_PHASE));
            CleanNoisyPair pair = CleanNoisyPairCodec.decode(record.value());
            LabeledImage source = train.get(pair.index());
            assertTrue(source != null, "pair at " + position + " names index " + pair.index() + ", not in cifar10.train");
            assertEquals(source.label(), pair.label(), "label of index " + pair.index());
            assertEquals(32, pair.clean().height());
            assertEquals(32, pair.noisy().width());
            assertEquals(QUICK_VIEWS.pair(pair.index(), pair.label(), source.image(),
                    ImageRandom.forImage(RunsTopic.SEED, 0, pair.index())), pair,
                    "index " + pair.index() + ": the request's views, RandAugment geometry included");
            assertTrue(sources.add(pair.index()), "index " + pair.index() + " appears twice in one epoch");
        }
        assertEquals(train.keySet(), sources, "an epoch uses every training image once");
    }

    @Test
    void theSameRequestTwiceGivesByteIdenticalPairs() throws Exception {
        runs.requestEpoch("repeat", 1, 200, 2);
        runs.requestEpoch("repeat", 1, 200, 2);

        List<List<ConsumerRecord<String, byte[]>>> copies = runs.epochCopies("repeat", 1, 2, WAIT);

        assertEquals(2, copies.size());
        assertEquals(201, copies.get(0).size());
        assertEquals(copies.get(0).size(), copies.get(1).size());
        for (int i = 0; i < copies.get(0).size(); i++) {
            assertEquals(copies.get(0).get(i).key(), copies.get(1).get(i).key());
            assertArrayEquals(copies.get(0).get(i).value(), copies.get(1).get(i).value(), "record " + i);
        }
    }

    @Test
    void anotherEpochDrawsOtherAugmentationsOfTheSameSubset() throws Exception {
        runs.requestEpoch("epochs", 1, 200, 2);
        runs.requestEpoch("epochs", 2, 200, 2);

        Map<Long, CleanNoisyPair> first = pairsByIndex(runs.epochCopies("epochs", 1, 1, WAIT).get(0));
        Map<Long, CleanNoisyPair> second = pairsByIndex(runs.epochCopies("epochs", 2, 1, WAIT).get(0));

        assertEquals(first.keySet(), second.keySet(), "a run trains on a fixed subset of the training set");
        int differentClean = 0;
        for (long index : first.keySet()) {
            if (!first.get(index).clean().equals(second.get(index).clean())) differentClean++;
            assertFalse(first.get(index).noisy().equals(second.get(index).noisy())
                    && first.get(index).clean().equals(second.get(index).clean()), "index " + index + " repeated");
        }
        assertTrue(differentClean > 150, "only " + differentClean + " of 200 clean views changed between epochs");
    }

    @Test
    void lookAheadHoldsEpochsBackUntilTheTrainerCatchesUp() throws Exception {
        for (int epoch = 0; epoch < 4; epoch++) runs.requestEpoch("gated", epoch, 20, 1);

        runs.epochCopies("gated", 1, 1, WAIT);
        Thread.sleep(1_500);
        assertEquals(0, runs.markers("gated", 2), "epoch 2 must wait for EpochDone(0) with look-ahead 1");

        runs.epochDone("gated", 0);
        assertEquals(1, runs.epochCopies("gated", 2, 1, WAIT).size());
        Thread.sleep(1_500);
        assertEquals(0, runs.markers("gated", 3), "epoch 3 must wait for EpochDone(1)");

        runs.epochDone("gated", 1);
        assertEquals(1, runs.epochCopies("gated", 3, 1, WAIT).size());
    }

    @Test
    void garbageOnRunsGoesToTheDeadLetterTopicAndTheNextRequestIsServed() throws Exception {
        // Same key as the request, so same partition: both are handled before the request is served.
        kafka.send(Topics.RUNS, "after-garbage", "not an event".getBytes(StandardCharsets.UTF_8), Map.of());
        kafka.send(Topics.RUNS, "after-garbage", "{}".getBytes(StandardCharsets.UTF_8), Map.of(
                CloudEventHeaders.SPEC_VERSION, bytes("1.0"), CloudEventHeaders.ID, bytes("e1"),
                CloudEventHeaders.SOURCE, bytes("/future-service"),
                CloudEventHeaders.TYPE, bytes("dev.robust.run.something-newer.v1")));
        runs.requestEpoch("after-garbage", 0, 10, 2);

        assertEquals(11, runs.epochCopies("after-garbage", 0, 1, WAIT).get(0).size());
        List<ConsumerRecord<String, byte[]>> dead = kafka.readAll(Topics.dlq(Topics.RUNS)).stream()
                .filter(record -> "after-garbage".equals(record.key())).toList();
        assertEquals(1, dead.size(), "the garbage only: a well-formed event of an unknown type is ignored");
        assertEquals("not an event", new String(dead.get(0).value(), StandardCharsets.UTF_8));
        assertEquals(Topics.RUNS, RunsTopic.header(dead.get(0), DeadLetterHeaders.ORIGINAL_TOPIC));
        assertFalse(RunsTopic.header(dead.get(0), DeadLetterHeaders.REASON).isBlank());
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("robust_dead_letters_total{topic=\"runs\"}"))
                .body(containsString("augment_pairs_produced_total"));
    }

    @Test
    void aMalformedTrainingImageGoesToItsDeadLetterTopicAndEpochsGoOn() throws Exception {
        // Garbage under an index no image has, then a tombstone, so consumers of the table are left as they were.
        kafka.send(Topics.CIFAR10_TRAIN, "999999", new byte[]{1, 2, 3}, Map.of());
        kafka.send(Topics.CIFAR10_TRAIN, "999999", null, Map.of());
        runs.requestEpoch("after-bad-image", 0, TRAIN_IMAGES, 2);

        assertEquals(TRAIN_IMAGES + 1, runs.epochCopies("after-bad-image", 0, 1, WAIT).get(0).size());
        List<ConsumerRecord<String, byte[]>> dead = kafka.readAll(Topics.dlq(Topics.CIFAR10_TRAIN)).stream()
                .filter(record -> "999999".equals(record.key())).toList();
        assertEquals(1, dead.size());
        assertArrayEquals(new byte[]{1, 2, 3}, dead.get(0).value());
        assertEquals(Topics.CIFAR10_TRAIN, RunsTopic.header(dead.get(0), DeadLetterHeaders.ORIGINAL_TOPIC));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private Map<Long, LabeledImage> trainingImages() {
        Map<Long, LabeledImage> images = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : kafka.readTable(Topics.CIFAR10_TRAIN)) {
            LabeledImage image = LabeledImageCodec.decode(record.value());
            images.put(image.index(), image);
        }
        return images;
    }

    private static Map<Long, CleanNoisyPair> pairsByIndex(List<ConsumerRecord<String, byte[]>> epoch) {
        Map<Long, CleanNoisyPair> pairs = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : epoch) {
            if (RunsTopic.isMarker(record)) continue;
            CleanNoisyPair pair = CleanNoisyPairCodec.decode(record.value());
            pairs.put(pair.index(), pair);
        }
        return pairs;
    }
}
