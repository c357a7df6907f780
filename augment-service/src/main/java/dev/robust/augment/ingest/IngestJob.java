package dev.robust.augment.ingest;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One ingest job (a data set or corruptions) as it runs: what it expects to write per topic, what the broker has
 * acknowledged so far, and at the end the contents read back from Kafka. Updated by the job's thread, read by REST.
 */
public final class IngestJob {
    public enum State { QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED }

    private final String id;
    private final String kind;
    private final Object request;
    private final Instant submitted = Instant.now();
    private final Map<String, Long> expected = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> acknowledged = new ConcurrentHashMap<>();
    private final Map<String, String> skipped = new ConcurrentHashMap<>();
    private volatile State state = State.QUEUED;
    private volatile Instant finished;
    private volatile String error;
    private volatile Object readBack;

    IngestJob(String id, String kind, Object request) {
        this.id = id;
        this.kind = kind;
        this.request = request;
    }

    public String id() {
        return id;
    }

    /** Marks the job running, unless it was cancelled while it waited; false then. */
    synchronized boolean running() {
        if (state != State.QUEUED) return false;
        state = State.RUNNING;
        return true;
    }

    public State state() {
        return state;
    }

    public boolean hasEnded() {
        return state != State.QUEUED && state != State.RUNNING;
    }

    /** Ends a queued or running job as cancelled; false when it had already ended. */
    synchronized boolean cancel() {
        return end(State.CANCELLED, "cancelled");
    }

    /** Thrown into the job's own thread at its next record once it is cancelled. */
    void throwIfCancelled() {
        if (state == State.CANCELLED) throw new CancellationException("ingest job " + id + " was cancelled");
    }

    /**
     * Declares what a topic will receive. Every expectation comes before the first record is acknowledged, so that
     * the total never grows under a running job and its progress never goes back.
     */
    void expect(String topic, long records) {
        if (acknowledged.values().stream().anyMatch(count -> count.get() > 0)) {
            throw new IllegalStateException("ingest job " + id + " expected " + topic
                    + " after records were acknowledged: declare every topic first");
        }
        expected.merge(topic, records, Long::sum);
        acknowledged.computeIfAbsent(topic, t -> new AtomicLong());
    }

    void acknowledged(String topic, long records) {
        acknowledged.computeIfAbsent(topic, t -> new AtomicLong()).set(records);
    }

    /** The topic already held exactly this data; nothing was produced to it. */
    void skipped(String topic, String why) {
        skipped.put(topic, why);
        acknowledged(topic, expected.getOrDefault(topic, 0L));
    }

    synchronized void succeeded(Object contents) {
        if (hasEnded()) return;
        readBack = contents;
        end(State.SUCCEEDED, null);
    }

    synchronized void failed(String message) {
        end(State.FAILED, message);
    }

    /** The first end wins: a job cancelled while it wrote its last records stays cancelled. */
    private boolean end(State end, String message) {
        if (hasEnded()) return false;
        error = message;
        finished = Instant.now();
        state = end;
        return true;
    }

    /** Acknowledged records over expected ones, 0..1 (1 once finished). */
    public double progress() {
        long total = expected.values().stream().mapToLong(Long::longValue).sum();
        if (state == State.SUCCEEDED) return 1;
        if (total == 0) return 0;
        long done = acknowledged.values().stream().mapToLong(AtomicLong::get).sum();
        return Math.min(1, (double) done / total);
    }

    /** What {@code GET /datasets/jobs/{id}} answers. */
    public Status status() {
        Map<String, TopicProgress> topics = new TreeMap<>();
        expected.forEach((topic, count) -> topics.put(topic, new TopicProgress(count,
                acknowledged.get(topic).get(), skipped.get(topic))));
        return new Status(id, kind, state, request, submitted, finished, progress(), topics, error, readBack);
    }

    public record TopicProgress(long expected, long acknowledged, String skipped) {
    }

    public record Status(String id, String kind, State state, Object request, Instant submitted, Instant finished,
                         double progress, Map<String, TopicProgress> topics, String error, Object readBack) {
    }
}
