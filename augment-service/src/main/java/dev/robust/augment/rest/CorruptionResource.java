package dev.robust.augment.rest;

import dev.robust.augment.ingest.CorruptionIngest;
import dev.robust.augment.ingest.IngestJob;
import dev.robust.augment.ingest.IngestJobs;
import dev.robust.augment.ingest.TopicInventory;
import dev.robust.common.corruption.Corruption;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;

import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * CIFAR-10-C topics. {@code POST /corruptions} with {@code {"directory": "CIFAR-10-C"}} ingests a released directory
 * (under the data root); without {@code directory} it generates from {@code cifar10.test}. Optional:
 * {@code corruptions} (ids), {@code severities} (1..5), {@code limitPerSeverity}. {@code GET /corruptions} counts
 * what every {@code cifar10c.*} topic holds per severity.
 */
@Path("/corruptions")
@Produces(MediaType.APPLICATION_JSON)
public class CorruptionResource {
    private final CorruptionIngest ingest;
    private final IngestJobs jobs;

    CorruptionResource(CorruptionIngest ingest, IngestJobs jobs) {
        this.ingest = ingest;
        this.jobs = jobs;
    }

    public record Overview(List<TopicInventory.CorruptionTopic> topics, List<IngestJob.Status> jobs) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response submit(CorruptionIngest.Request request) {
        IngestJob job = ingest.submit(request == null ? new CorruptionIngest.Request(null, null, null, null) : request);
        return Response.accepted(job.status())
                .location(UriBuilder.fromResource(CorruptionResource.class).path("jobs").path(job.id()).build())
                .build();
    }

    @GET
    public Overview overview() throws TimeoutException {
        return new Overview(ingest.topics(Corruption.all()), ingest.jobs());
    }

    @GET
    @Path("/jobs/{id}")
    public Response job(@PathParam("id") String id) {
        return IngestJobAnswers.status(jobs, id);
    }

    /** Cancels a queued or running job: 202 with it, {@code CANCELLED}; 409 when it has already ended. */
    @DELETE
    @Path("/jobs/{id}")
    public Response cancel(@PathParam("id") String id) {
        return IngestJobAnswers.cancel(jobs, id);
    }
}
