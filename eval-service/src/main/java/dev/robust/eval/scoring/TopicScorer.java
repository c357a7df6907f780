package dev.robust.eval.scoring;

import dev.robust.common.BadInputException;
import dev.robust.common.codec.LabeledImageCodec;
import dev.robust.common.image.LabeledImage;
import dev.robust.common.image.UInt8Image;
import dev.robust.engine.Classifier;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Scores a model on one image topic in a single streaming pass: every configured severity at once (the clean test
 * set is "severity 0"), in batches, each image counted once. A cap of N keeps the images with index below N: the
 * same images for every checkpoint (so teacher and student are compared on identical inputs) however the records
 * interleave across partitions. Records that cannot be decoded or scored go to the dead-letter sink and the pass
 * goes on.
 */
final class TopicScorer {
    private final TopicSweep sweep;
    private final DeadLetterSink deadLetters;
    private final int batchSize;

    TopicScorer(TopicSweep sweep, DeadLetterSink deadLetters, int batchSize) {
        this.sweep = sweep;
        this.deadLetters = deadLetters;
        this.batchSize = batchSize;
    }

    /** Counts on the clean test topic, whose records are keyed by dataset index. */
    SliceCounts scoreClean(Classifier model, String topic, OptionalInt cap) {
        return score(model, topic, ImageKey::clean, List.of(ImageKey.CLEAN_SEVERITY), cap)
                .get(ImageKey.CLEAN_SEVERITY);
    }

    /** Counts per severity on a {@code cifar10c.*} topic; severities not asked for are skipped. */
    Map<Integer, SliceCounts> scoreCorrupted(Classifier model, String topic, Collection<Integer> severities,
                                             OptionalInt cap) {
        return score(model, topic, ImageKey::corrupted, severities, cap);
    }

    private Map<Integer, SliceCounts> score(Classifier model, String topic, Function<byte[], ImageKey> keyParser,
                                            Collection<Integer> severities, OptionalInt cap) {
        Map<Integer, Tally> tallies = new TreeMap<>();
        severities.forEach(severity -> tallies.put(severity, new Tally()));
        BatchScorer scorer = new BatchScorer(model, batchSize);
        sweep.run(topic, record -> {
            try {
                accept(record, keyParser, tallies, scorer, cap);
            } catch (BadInputException e) {
                deadLetters.reject(record, e);
            }
            return !everyCapReached(tallies, cap);
        });
        scorer.flush();
        Map<Integer, SliceCounts> counts = new TreeMap<>();
        tallies.forEach((severity, tally) -> counts.put(severity, tally.counts()));
        return counts;
    }

    private void accept(ConsumerRecord<byte[], byte[]> record, Function<byte[], ImageKey> keyParser,
                        Map<Integer, Tally> tallies, BatchScorer scorer, OptionalInt cap) {
        ImageKey key = keyParser.apply(record.key());
        Tally tally = tallies.get(key.severity());
        if (tally == null || (cap.isPresent() && key.index() >= cap.getAsInt())) return;
        LabeledImage image = LabeledImageCodec.decode(record.value());
        UInt8Image view = scorer.view(image.image());
        if (tally.claim(key.index())) scorer.add(view, image.label(), (int) key.index(), tally);
    }

    /** Every index below the cap has been counted (indices are distinct per tally). */
    private static boolean capReached(Tally tally, OptionalInt cap) {
        return cap.isPresent() && tally.total() >= cap.getAsInt();
    }

    private static boolean everyCapReached(Map<Integer, Tally> tallies, OptionalInt cap) {
        return cap.isPresent() && tallies.values().stream().allMatch(tally -> capReached(tally, cap));
    }
}
