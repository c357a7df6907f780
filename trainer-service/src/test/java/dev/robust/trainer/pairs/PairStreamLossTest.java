package dev.robust.trainer.pairs;

import dev.robust.common.codec.CleanNoisyPairCodec;
import dev.robust.common.event.ModelRole;
import dev.robust.common.event.RecordKeys;
import dev.robust.common.image.CleanNoisyPair;
import dev.robust.common.image.UInt8Image;
import dev.robust.common.pairs.TrainPairsProtocol;
import dev.robust.common.topic.Topics;
import dev.robust.kafka.embedded.testing.TestKitBroker;
import dev.robust.service.messaging.DeadLetterPublisher;
import dev.robust.service.messaging.KafkaClients;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the trainer's stream does when pairs are lost: records deleted before they were read (done here with
 * {@code deleteRecords}, which moves the log start offset exactly as retention does), an incomplete copy, a lost
 * request. The reader thread polls only once an epoch is asked for, so deleting first is deterministic.
 */
class PairStreamLossTest {
    private static final int SIDE = 4;
    private static final int PAIRS = 100;
    private static final TopicPartition PARTITION = new TopicPartition(Topics.TRAIN_PAIRS, 0);
    private static TestKitBroker broker;
    private static KafkaClients kafka;
    private static Admin admin;
    private static KafkaProducer<String, byte[]> producer;
    private static DeadLetterPublisher deadLetters;

    @BeforeAll
    static void start() throws Exception {
        broker = TestKitBroker.start();
        kafka = KafkaClients.forBootstrapServers(broker.bootstrapServers());
        admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()));
        admin.createTopics(List.of(new NewTopic(Topics.TRAIN_PAIRS, 1, (short) 1))).all().get();
        producer = kafka.producer();
        deadLetters = new DeadLetterPublisher(producer, new SimpleMeterRegistry(), "trainer-service");
    }

    @AfterAll
    static void stop() {
        kafka.close();
        admin.close();
        broker.close();
    }

    @Test
    void openingCommitsWhereTheReaderStartsSoTheWriterCanMeasureItsLead() throws Exception {
        produce("lead", 0, 0, PAIRS, PAIRS);
        long end = admin.listOffsets(Map.of(PARTITION, OffsetSpec.latest())).partitionResult(PARTITION).get().offset();
        try (PairStream ignored = open("lead", Duration.ofSeconds(20), (phase, epoch, later) -> List.of())) {
            String group = TrainPairsProtocol.readerGroup("lead");
            OffsetAndMetadata committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get()
                    .get(PARTITION);
            assertEquals(end, committed.offset(), "committed = the end offset the stream opened at");
        }
    }

    @Test
    void pairsDeletedUnreadAreAskedForOnceMoreAndTheEpochArrivesWhole() throws Exception {
        List<String> asked = new CopyOnWriteArrayList<>();
        try (PairStream stream = open("heal", Duration.ofSeconds(20), (phase, epoch, later) -> {
            asked.add(phase.id() + " " + epoch + " " + later);
            produce("heal", epoch, 0, PAIRS, PAIRS);
            return List.of(epoch);
        })) {
            long start = produce("heal", 0, 0, PAIRS, PAIRS);
            deleteBefore(start + 40);

            List<Integer> labels = labels(stream.epoch(ModelRole.TEACHER, 0));

            assertEquals(List.of("teacher 0 true"), asked, "asked again once, with the later epochs");
            assertEquals(PAIRS, labels.size(), "every position of the epoch, 60 from the first copy, 40 from the next");
            assertEquals(PAIRS, labels.stream().distinct().count());
        }
    }

    @Test
    void pairsDeletedAgainFailTheEpochWithinAMinuteNamingRunEpochCountsAndCause() throws Exception {
        List<Integer> asked = new CopyOnWriteArrayList<>();
        try (PairStream stream = open("gone", Duration.ofSeconds(60), (phase, epoch, later) -> {
            asked.add(epoch);
            long copy = produce("gone", epoch, 0, PAIRS, PAIRS);
            deleteBefore(copy + 10); // retention bites the repeated copy too
            return List.of(epoch);
        })) {
            long start = produce("gone", 0, 0, PAIRS, PAIRS);
            deleteBefore(start + 40);
            long began = System.nanoTime();

            PairsUnavailableException failure = assertThrows(PairsUnavailableException.class,
                    () -> labels(stream.epoch(ModelRole.TEACHER, 0)));

            assertTrue(System.nanoTime() - began < Duration.ofMinutes(1).toNanos());
            assertEquals(List.of(0), asked);
            String reason = failure.getMessage();
            assertTrue(reason.contains("run gone teacher epoch 0 (0 pairs read)"), reason);
            assertTrue(reason.contains("deleted by retention before they were read"), reason);
            assertTrue(reason.contains("asked for a second time"), reason);
        }
    }

    @Test
    void anIncompleteCopyIsAskedForOnceMoreAndASecondOneFailsWithTheCounts() throws Exception {
        List<Integer> asked = new CopyOnWriteArrayList<>();
        try (PairStream stream = open("partial", Duration.ofSeconds(60), (phase, epoch, later) -> {
            asked.add(epoch);
            produce("partial", epoch, 30, PAIRS, PAIRS); // still short of positions 0..29
            return List.of(epoch);
        })) {
            produce("partial", 0, 50, PAIRS, PAIRS); // the tail of a copy begun before the stream opened

            PairsUnavailableException failure = assertThrows(PairsUnavailableException.class,
                    () -> labels(stream.epoch(ModelRole.TEACHER, 0)));

            assertEquals(List.of(0), asked);
            assertTrue(failure.getMessage().contains("run partial teacher epoch 0 (70 of 100 pairs read)"),
                    failure.getMessage());
            assertTrue(failure.getMessage().contains("the end marker counts 100 pairs, but 70 of them arrived"),
                    failure.getMessage());
        }
    }

    @Test
    void aLostRequestIsAskedForOnceMoreThenFailsWithinTheTimeout() {
        List<Integer> asked = new CopyOnWriteArrayList<>();
        try (PairStream stream = open("lost", Duration.ofSeconds(4), (phase, epoch, later) -> {
            asked.add(epoch);
            return List.of(epoch);
        })) {
            long began = System.nanoTime();

            PairsUnavailableException failure = assertThrows(PairsUnavailableException.class,
                    () -> labels(stream.epoch(ModelRole.TEACHER, 0)));

            assertTrue(System.nanoTime() - began < Duration.ofSeconds(8).toNanos());
            assertEquals(List.of(0), asked);
            assertTrue(failure.getMessage().contains("run lost teacher epoch 0 (0 pairs read): no record of the run "
                    + "arrived"), failure.getMessage());
        }
    }

    private static PairStream open(String run, Duration timeout, PairStream.Resend resend) {
        return PairStream.open(kafka, deadLetters, run, 8, SIDE, 4, timeout, () -> { }, resend);
    }

    /** Pairs {@code from..to-1} of an epoch (label = position), then a marker counting {@code count}; returns the offset
     * of the first pair. */
    private static long produce(String run, int epoch, int from, int to, int count) {
        try {
            long first = -1;
            for (int position = from; position < to; position++) {
                UInt8Image view = UInt8Image.zeros(SIDE, SIDE, 3);
                byte[] value = CleanNoisyPairCodec.encode(new CleanNoisyPair(position, position, view, view));
                long offset = producer.send(new ProducerRecord<>(Topics.TRAIN_PAIRS, 0,
                        RecordKeys.trainPair(run, epoch, position), value,
                        headers(TrainPairsProtocol.pairHeaders(run, ModelRole.TEACHER, epoch)))).get().offset();
                if (first < 0) first = offset;
            }
            producer.send(new ProducerRecord<>(Topics.TRAIN_PAIRS, 0, TrainPairsProtocol.endOfEpochKey(run, epoch),
                    TrainPairsProtocol.encodePairCount(count),
                    headers(TrainPairsProtocol.endOfEpochHeaders(run, ModelRole.TEACHER, epoch)))).get();
            return first;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteBefore(long offset) {
        try {
            admin.deleteRecords(Map.of(PARTITION, RecordsToDelete.beforeOffset(offset))).all().get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Integer> labels(Iterable<PairBatch> epoch) {
        List<Integer> labels = new ArrayList<>();
        for (PairBatch batch : epoch) {
            for (int label : batch.clean().requireLabels()) labels.add(label);
        }
        return labels;
    }

    private static RecordHeaders headers(Map<String, byte[]> values) {
        RecordHeaders headers = new RecordHeaders();
        values.forEach(headers::add);
        return headers;
    }
}
