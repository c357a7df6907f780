package dev.robust.augment.rest;

import dev.robust.augment.ingest.IngestJob;
import dev.robust.augment.ingest.IngestJobs;
import dev.robust.service.problem.Problem;
import jakarta.ws.rs.core.Response;

/** What {@code GET} and {@code DELETE} on {@code /datasets/jobs/{id}} and {@code /corruptions/jobs/{id}} answer. */
final class IngestJobAnswers {
    private IngestJobAnswers() {
    }

    static Response status(IngestJobs jobs, String id) {
        return jobs.find(id).map(job -> Response.ok(job.status()).build()).orElseGet(() -> unknown(id));
    }

    /** 202 with the cancelled job; 409 when it had already ended. */
    static Response cancel(IngestJobs jobs, String id) {
        return jobs.find(id).map(job -> jobs.cancel(job) ? Response.accepted(job.status()).build()
                : Problem.response(Response.Status.CONFLICT, "ingest job " + id + " has already ended ("
                        + job.status().state() + ")", null)).orElseGet(() -> unknown(id));
    }

    private static Response unknown(String id) {
        return Problem.response(Response.Status.NOT_FOUND, "no ingest job '" + id + "'", "id");
    }
}
