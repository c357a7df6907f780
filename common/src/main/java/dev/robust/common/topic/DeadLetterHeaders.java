package dev.robust.common.topic;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

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

    /**
     * The headers to add to the dead letter of the record at {@code topic}/{@code partition}/{@code offset}, which
     * {@code consumer} rejected because of {@code reason}; in a stable order, values UTF-8.
     */
    public static Map<String, byte[]> describing(String topic, int partition, long offset, Exception reason,
                                                 String consumer) {
        Map<String, byte[]> headers = new LinkedHashMap<>();
        headers.put(REASON, utf8(String.valueOf(reason.getMessage())));
        headers.put(EXCEPTION, utf8(reason.getClass().getName()));
        headers.put(ORIGINAL_TOPIC, utf8(topic));
        headers.put(ORIGINAL_PARTITION, utf8(Integer.toString(partition)));
        headers.put(ORIGINAL_OFFSET, utf8(Long.toString(offset)));
        headers.put(CONSUMER, utf8(consumer));
        return headers;
    }

    private static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
