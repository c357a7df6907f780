package dev.robust.eval.live;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Where a reader of the {@code evaluations} topic stands: the next offset to read in every partition. Its text form
 * ({@code 0:15,1:7}) is the {@code id:} of each Server-Sent Event, so a client that reconnects with
 * {@code Last-Event-ID} resumes exactly after the last event it saw, whichever partitions the missed ones are in.
 */
public record FeedPosition(SortedMap<Integer, Long> nextOffsets) {
    /** Longest {@code Last-Event-ID} accepted: a few dozen partitions' worth; anything longer is not ours. */
    static final int MAX_TEXT_LENGTH = 2048;

    public FeedPosition {
        nextOffsets = Collections.unmodifiableSortedMap(new TreeMap<>(nextOffsets));
    }

    /** The position after reading {@code offset} of {@code partition}. */
    public FeedPosition after(int partition, long offset) {
        SortedMap<Integer, Long> next = new TreeMap<>(nextOffsets);
        next.put(partition, offset + 1);
        return new FeedPosition(next);
    }

    /**
     * Parses an event id this stream wrote.
     *
     * @throws IllegalArgumentException with a message a client can act on
     */
    public static FeedPosition parse(String text) {
        if (text.length() > MAX_TEXT_LENGTH) {
            throw new IllegalArgumentException("Last-Event-ID is " + text.length() + " characters long; the ids of "
                    + "this stream are at most " + MAX_TEXT_LENGTH);
        }
        SortedMap<Integer, Long> offsets = new TreeMap<>();
        for (String part : text.split(",")) {
            String[] fields = part.trim().split(":");
            try {
                if (fields.length != 2) throw new NumberFormatException();
                int partition = Integer.parseInt(fields[0]);
                long offset = Long.parseLong(fields[1]);
                if (partition < 0 || offset < 0) throw new NumberFormatException();
                offsets.put(partition, offset);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Last-Event-ID '" + abbreviated(text) + "' is not an id of this "
                        + "stream: expected <partition>:<next offset> pairs separated by commas, e.g. 0:15,1:7");
            }
        }
        return new FeedPosition(offsets);
    }

    /** The next offset of {@code partition}, or {@code fallback} for a partition this position does not know. */
    public long next(int partition, long fallback) {
        return nextOffsets.getOrDefault(partition, fallback);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        for (Map.Entry<Integer, Long> entry : nextOffsets.entrySet()) {
            if (!text.isEmpty()) text.append(',');
            text.append(entry.getKey()).append(':').append(entry.getValue());
        }
        return text.toString();
    }

    private static String abbreviated(String text) {
        return text.length() <= 64 ? text : text.substring(0, 64) + "…";
    }
}
