package dev.robust.common.topic;

/**
 * Headers a consumer adds when it routes a record it cannot process to {@code <topic>.dlq} ({@link Topics#dlq}).
 * The dead-letter record keeps the original key, value and headers; these say why and where it came from, as UTF-8
 * text.
 */
public final class DeadLetterHeaders {
    /** What was wrong, for a person: e.g. {@code labelled-image: bad magic 0x00000000}. */
    public static final String REASON = "dlq-reason";
    /** Class name of the exception that rejected the record. */
    public static final String EXCEPTION = "dlq-exception";
    public static final String ORIGINAL_TOPIC = "dlq-original-topic";
    public static final String ORIGINAL_PARTITION = "dlq-original-partition";
    public static final String ORIGINAL_OFFSET = "dlq-original-offset";
    /** Which service routed it, e.g. {@code augment-service}. */
    public static final String CONSUMER = "dlq-consumer";

    private DeadLetterHeaders() {
    }
}
