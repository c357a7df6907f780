package dev.robust.common.pairs;

import dev.robust.common.codec.CleanNoisyPairCodec;
import dev.robust.common.event.ModelRole;
import dev.robust.common.event.RecordKeys;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How records on {@code train.pairs} are laid out; the augment-service writes them, the trainer reads them.
 *
 * <p>One epoch of a run is its pairs in shuffled order, keyed {@code run/epoch/position} with a
 * {@code CleanNoisyPairCodec} value, followed by exactly one end-of-epoch marker keyed {@code run/epoch/end} whose
 * value is the number of pairs before it ({@link #encodePairCount}). Every record carries the headers {@code run},
 * {@code epoch}, {@code phase} (UTF-8) and {@code record-type} ({@code pair} or {@code end-of-epoch}), so a consumer
 * tells the two apart without decoding the value.
 *
 * <p>All records of a run go to the partition {@link #partitionFor} picks from the run id, so they arrive in order.
 *
 * <p>Flow control: the reader of a run commits, under the consumer group {@link #readerGroup}, the offset of the next
 * record of that partition it has yet to look at (it assigns the partition itself and never joins the group). The
 * writer reads that committed offset and stays a bounded number of records ahead of it, so retention never deletes
 * a pair nobody has read.
 */
public final class TrainPairsProtocol {
    public static final String HEADER_RUN = "run";
    public static final String HEADER_EPOCH = "epoch";
    public static final String HEADER_PHASE = "phase";
    public static final String HEADER_RECORD_TYPE = "record-type";
    /** {@value #HEADER_RECORD_TYPE} of a pair record. */
    public static final String RECORD_TYPE_PAIR = "pair";
    /** {@value #HEADER_RECORD_TYPE} of the record that closes an epoch. */
    public static final String RECORD_TYPE_END_OF_EPOCH = "end-of-epoch";
    /** Last key part of the end-of-epoch marker; positions are numbers, so it cannot collide with a pair key. */
    public static final String END_OF_EPOCH_KEY_PART = "end";
    /**
     * The writer's default lead: at most this many records ahead of the reader's committed offset (the
     * augment-service's {@code robust.augment.pairs.lead}; a string, as annotation defaults are). Retention of
     * {@code train.pairs} is sized against it.
     */
    public static final String DEFAULT_LEAD = "4096";
    /** How long the writer waits, by default, for a reader that makes no room ({@code robust.augment.pairs.reader-wait}). */
    public static final String DEFAULT_READER_WAIT = "15m";
    /** Bytes a pair record takes beyond its value, at most: key, the four headers, record framing. */
    static final int PAIR_RECORD_OVERHEAD = 256;
    /** Prefix of {@link #readerGroup}. */
    public static final String READER_GROUP_PREFIX = "train.pairs.reader.";

    private TrainPairsProtocol() {
    }

    /**
     * The partition of {@code train.pairs} that carries every record of {@code runId}. {@link String#hashCode} is
     * specified by the Java language, so every service (and every version of it) agrees on the result.
     */
    public static int partitionFor(String runId, int partitionCount) {
        if (partitionCount < 1) throw new IllegalArgumentException("partitionCount must be >= 1, got " + partitionCount);
        return Math.floorMod(runId.hashCode(), partitionCount);
    }

    /** The consumer group under which the reader of {@code runId} commits how far it has read. */
    public static String readerGroup(String runId) {
        return READER_GROUP_PREFIX + runId;
    }

    /**
     * An upper bound of the bytes one pair record of {@code side}×{@code side} views takes in the log, before
     * compression: what retention must be sized by.
     */
    public static long pairRecordBytes(int side) {
        return CleanNoisyPairCodec.HEADER_SIZE + 2L * side * side * 3 + PAIR_RECORD_OVERHEAD;
    }

    /** Key of the end-of-epoch marker: {@code run/epoch/end}. */
    public static String endOfEpochKey(String runId, int epoch) {
        String pairKey = RecordKeys.trainPair(runId, epoch, 0);
        return pairKey.substring(0, pairKey.lastIndexOf('/') + 1) + END_OF_EPOCH_KEY_PART;
    }

    /** Headers of a pair record. */
    public static Map<String, byte[]> pairHeaders(String runId, ModelRole phase, int epoch) {
        return headers(runId, phase, epoch, RECORD_TYPE_PAIR);
    }

    /** Headers of the end-of-epoch marker. */
    public static Map<String, byte[]> endOfEpochHeaders(String runId, ModelRole phase, int epoch) {
        return headers(runId, phase, epoch, RECORD_TYPE_END_OF_EPOCH);
    }

    /** True when the {@value #HEADER_RECORD_TYPE} header value (may be null) marks the end of an epoch. */
    public static boolean isEndOfEpoch(byte[] recordTypeHeader) {
        return recordTypeHeader != null
                && RECORD_TYPE_END_OF_EPOCH.equals(new String(recordTypeHeader, StandardCharsets.UTF_8));
    }

    /** Value of the end-of-epoch marker: the pair count as an 8-byte big-endian integer. */
    public static byte[] encodePairCount(long pairs) {
        return ByteBuffer.allocate(Long.BYTES).putLong(pairs).array();
    }

    public static long decodePairCount(byte[] value) {
        if (value == null || value.length != Long.BYTES) {
            throw new IllegalArgumentException("end-of-epoch marker value must be 8 bytes, got "
                    + (value == null ? "null" : value.length + " bytes"));
        }
        return ByteBuffer.wrap(value).getLong();
    }

    private static Map<String, byte[]> headers(String runId, ModelRole phase, int epoch, String recordType) {
        Map<String, byte[]> headers = new LinkedHashMap<>();
        headers.put(HEADER_RUN, utf8(runId));
        headers.put(HEADER_EPOCH, utf8(Integer.toString(epoch)));
        headers.put(HEADER_PHASE, utf8(phase.id()));
        headers.put(HEADER_RECORD_TYPE, utf8(recordType));
        return headers;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
