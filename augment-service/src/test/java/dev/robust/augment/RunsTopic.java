package dev.robust.augment;

import dev.robust.common.event.AugmentationConfig;
import dev.robust.common.event.EpochDone;
import dev.robust.common.event.EpochMetrics;
import dev.robust.common.event.EpochRequested;
import dev.robust.common.event.Event;
import dev.robust.common.event.EventCodec;
import dev.robust.common.event.ModelRole;
import dev.robust.common.image.RandAugmentGeometry;
import dev.robust.common.pairs.TrainPairsProtocol;
import dev.robust.common.topic.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The trainer's side of the run protocol, as the tests play it: requests on {@code runs}, pairs back. */
public final class RunsTopic {
    /** The quick profile's views: resize 36, crop 32, RandAugment(2, 9) scaled to the view. */
    public static final AugmentationConfig QUICK = new AugmentationConfig(36, 32, true, 2, 9,
            RandAugmentGeometry.RELATIVE);
    public static final long SEED = 42;

    private final TestKafka kafka;

    public RunsTopic(TestKafka kafka) {
        this.kafka = kafka;
    }

    public void requestEpoch(String run, int epoch, int examples, int lookAhead) throws Exception {
        publish(new EpochRequested(run, ModelRole.TEACHER, epoch, SEED, examples, QUICK, lookAhead));
    }

    public void epochDone(String run, int epoch) throws Exception {
        publish(new EpochDone(run, ModelRole.TEACHER, epoch, new EpochMetrics(1.0, 0.5, null, null, 1e-3, 100, null), null));
    }

    private void publish(Event event) throws Exception {
        var outgoing = EventCodec.encode(event, "/test");
        kafka.send(outgoing.topic(), outgoing.key(), outgoing.value(), outgoing.headers());
    }

    /**
     * The records of one run and epoch on {@code train.pairs}, in order, split into one list per produced copy
     * (each ends with its marker); waits until {@code copies} markers have arrived.
     */
    public List<List<ConsumerRecord<String, byte[]>>> epochCopies(String run, int epoch, int copies, Duration timeout) {
        List<ConsumerRecord<String, byte[]>> records = kafka.readUntil(Topics.TRAIN_PAIRS,
                read -> markers(read, run, epoch) >= copies, timeout);
        List<List<ConsumerRecord<String, byte[]>>> result = new ArrayList<>();
        List<ConsumerRecord<String, byte[]>> current = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            if (!belongs(record, run, epoch)) continue;
            current.add(record);
            if (isMarker(record)) {
                result.add(current);
                current = new ArrayList<>();
            }
        }
        return result;
    }

    /** How many end-of-epoch markers of (run, epoch) the topic holds right now. */
    public long markers(String run, int epoch) {
        return markers(kafka.readAll(Topics.TRAIN_PAIRS), run, epoch);
    }

    private static long markers(List<ConsumerRecord<String, byte[]>> records, String run, int epoch) {
        return records.stream().filter(r -> belongs(r, run, epoch) && isMarker(r)).count();
    }

    public static boolean isMarker(ConsumerRecord<String, byte[]> record) {
        return TrainPairsProtocol.isEndOfEpoch(record.headers().lastHeader(TrainPairsProtocol.HEADER_RECORD_TYPE).value());
    }

    private static boolean belongs(ConsumerRecord<String, byte[]> record, String run, int epoch) {
        return run.equals(header(record, TrainPairsProtocol.HEADER_RUN))
                && Integer.toString(epoch).equals(header(record, TrainPairsProtocol.HEADER_EPOCH));
    }

    public static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
