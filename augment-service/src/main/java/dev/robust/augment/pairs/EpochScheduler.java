package dev.robust.augment.pairs;

import dev.robust.common.event.EpochRequested;
import dev.robust.common.event.ModelRole;
import dev.robust.common.event.RunFailed;
import dev.robust.service.messaging.EventPublisher;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Decides when an epoch request is served. A request for epoch e of a run's phase waits until
 * {@code e <= lastDone + 1 + lookAhead}, where {@code lastDone} is the latest {@code EpochDone} seen for that run and
 * phase — so the service is never more than the look-ahead ahead of the trainer. A run and phase seen for the first
 * time count as having finished the epoch before the one requested (that is the trainer's start, or its restart from
 * a checkpoint, or this service's restart mid-run).
 *
 * <p>A run's epochs are produced one at a time, in order, on a thread of the run's own (rendering inside an epoch
 * uses every core): flow control ({@link ReaderLead}) paces each run at its trainer's speed, so one run's slow
 * trainer must not hold back another run's epochs. A request that cannot be served (e.g. the training set is too
 * small) is answered with {@code RunFailed} on {@code runs}; one whose run ended or whose reader went away
 * ({@link ReaderGoneException}) is dropped with a log line — a trainer that comes back asks again.
 * {@code whenAnswered} runs after the request was served or failed: the listener acknowledges it there, so a request
 * is only committed once answered.
 */
@ApplicationScoped
public class EpochScheduler {
    private static final Logger LOG = Logger.getLogger(EpochScheduler.class);

    private record RunPhase(String runId, ModelRole phase) {
    }

    private record Pending(EpochRequested request, Runnable whenAnswered) {
    }

    private final EpochStreamer streamer;
    private final EventPublisher events;
    private final ReaderLead readerLead;
    private final Map<RunPhase, Integer> lastDone = new HashMap<>();
    private final List<Pending> waiting = new ArrayList<>();
    private final Map<String, ExecutorService> workers = new HashMap<>();

    EpochScheduler(EpochStreamer streamer, EventPublisher events, ReaderLead readerLead) {
        this.streamer = streamer;
        this.events = events;
        this.readerLead = readerLead;
    }

    public synchronized void requested(EpochRequested request, Runnable whenAnswered) {
        lastDone.putIfAbsent(new RunPhase(request.runId(), request.phase()), request.epoch() - 1);
        waiting.add(new Pending(request, whenAnswered));
        dispatch();
    }

    public synchronized void epochDone(String runId, ModelRole phase, int epoch) {
        lastDone.merge(new RunPhase(runId, phase), epoch, Math::max);
        dispatch();
    }

    /** The run finished or failed: requests still waiting will never be needed. */
    public synchronized void runEnded(String runId) {
        readerLead.runEnded(runId);
        ExecutorService worker = workers.remove(runId);
        if (worker != null) worker.shutdown();
        lastDone.keySet().removeIf(key -> key.runId().equals(runId));
        for (Iterator<Pending> it = waiting.iterator(); it.hasNext(); ) {
            Pending pending = it.next();
            if (pending.request().runId().equals(runId)) {
                it.remove();
                pending.whenAnswered().run();
            }
        }
    }

    private void dispatch() {
        for (Iterator<Pending> it = waiting.iterator(); it.hasNext(); ) {
            Pending pending = it.next();
            EpochRequested request = pending.request();
            int done = lastDone.getOrDefault(new RunPhase(request.runId(), request.phase()), request.epoch() - 1);
            if (request.epoch() <= done + 1 + Math.max(0, request.lookAhead())) {
                it.remove();
                workers.computeIfAbsent(request.runId(), EpochScheduler::worker).execute(() -> serve(pending));
            }
        }
    }

    private void serve(Pending pending) {
        EpochRequested request = pending.request();
        try {
            if (readerLead.hasEnded(request.runId())) throw new ReaderGoneException("run " + request.runId() + " ended");
            streamer.stream(request);
        } catch (ReaderGoneException e) {
            LOG.warnf("run %s %s epoch %d: given up: %s", request.runId(), request.phase().id(), request.epoch(),
                    e.getMessage());
        } catch (Exception e) {
            LOG.errorf(e, "run %s %s epoch %d: cannot produce pairs", request.runId(), request.phase().id(),
                    request.epoch());
            reportFailure(request, e);
        } finally {
            pending.whenAnswered().run();
        }
    }

    private void reportFailure(EpochRequested request, Exception cause) {
        String reason = "augment-service cannot produce epoch " + request.epoch() + ": " + cause.getMessage();
        try {
            events.publish(new RunFailed(request.runId(), reason, request.phase(), request.epoch()));
        } catch (RuntimeException e) {
            LOG.errorf(e, "could not publish RunFailed for run %s", request.runId());
        }
    }

    private static ExecutorService worker(String runId) {
        return Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "epoch-streamer-" + runId);
            thread.setDaemon(true);
            return thread;
        });
    }

    @PreDestroy
    synchronized void stop() {
        workers.values().forEach(ExecutorService::shutdownNow);
    }
}
