package dev.robust.augment.ingest;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs ingest jobs one after the other on a thread of their own (they share the producer and the cores with pair
 * streaming, so running two at once would only slow both) and keeps their status for the REST API. Exposes
 * {@code augment_ingest_progress} (0..1 of the latest job) to Prometheus.
 */
@ApplicationScoped
public class IngestJobs {
    private static final Logger LOG = Logger.getLogger(IngestJobs.class);
    private static final int KEPT_JOBS = 100;

    /** The work of a job; it records its progress on the job it is given. */
    @FunctionalInterface
    public interface Work {
        void run(IngestJob job) throws Exception;
    }

    private final Map<String, IngestJob> jobs = new ConcurrentHashMap<>();
    private final Map<String, Future<?>> running = new ConcurrentHashMap<>();
    private final ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "ingest");
        thread.setDaemon(true);
        return thread;
    });
    private volatile IngestJob latest;

    IngestJobs(MeterRegistry registry) {
        Gauge.builder("augment.ingest.progress", this, jobs -> jobs.latest == null ? 0 : jobs.latest.progress())
                .description("Share of the latest ingest job's records the broker has acknowledged").register(registry);
    }

    public IngestJob submit(String kind, Object request, Work work) {
        IngestJob job = new IngestJob(UUID.randomUUID().toString(), kind, request);
        forgetOldestBeyond(KEPT_JOBS - 1);
        jobs.put(job.id(), job);
        latest = job;
        running.put(job.id(), executor.submit(() -> {
            try {
                if (job.running()) work.run(job);
            } catch (Throwable e) {
                // Errors too: a data set too big for the heap must end its job FAILED, not leave it RUNNING forever.
                if (job.hasEnded()) {
                    LOG.infof("ingest job %s (%s) stopped: %s", job.id(), kind, job.status().state());
                } else {
                    LOG.errorf(e, "ingest job %s (%s) failed", job.id(), kind);
                    job.failed(reason(e));
                }
            } finally {
                running.remove(job.id());
            }
        }));
        return job;
    }

    /**
     * Cancels a queued or running job: it ends {@code CANCELLED} at once, and its thread stops at its next record
     * (interrupted if it waits). What it already wrote stays in the topics; an ingest repeated later overwrites it.
     *
     * @return false when the job had already ended
     */
    public boolean cancel(IngestJob job) {
        if (!job.cancel()) return false;
        Future<?> work = running.remove(job.id());
        if (work != null) work.cancel(true);
        return true;
    }

    private static String reason(Throwable e) {
        if (e instanceof OutOfMemoryError) {
            return "the augment-service ran out of memory (" + e.getMessage() + "); ingest fewer images, or give "
                    + "the service a larger heap (-Xmx)";
        }
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }

    /** Job history is for people following recent ingests; a long-running service must not grow it forever. */
    private void forgetOldestBeyond(int kept) {
        List<IngestJob.Status> byAge = jobs.values().stream().map(IngestJob::status)
                .sorted(Comparator.comparing(IngestJob.Status::submitted)).toList();
        for (int i = 0; i < byAge.size() - kept; i++) jobs.remove(byAge.get(i).id());
    }

    public Optional<IngestJob> find(String id) {
        return Optional.ofNullable(jobs.get(id));
    }

    public List<IngestJob.Status> all(String kind) {
        return jobs.values().stream().map(IngestJob::status).filter(status -> status.kind().equals(kind))
                .sorted(Comparator.comparing(IngestJob.Status::submitted)).toList();
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }
}
