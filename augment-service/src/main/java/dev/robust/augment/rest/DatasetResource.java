package dev.robust.augment.rest;

import dev.robust.augment.ingest.DatasetIngest;
import dev.robust.augment.ingest.IngestJob;
import dev.robust.augment.ingest.IngestJobs;
import dev.robust.augment.ingest.TopicInventory;
import dev.robust.common.InvalidFieldException;
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
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * Data set ingest. {@code POST /datasets} {@code {"spec": "synthetic:1000", "validationSize": 500}} answers 202 with
 * the job; the job's status (progress, then what the topics hold, read back from Kafka) is at
 * {@code GET /datasets/jobs/{id}}; {@code GET /datasets} shows the topics and every job.
 */
@Path("/datasets")
@Produces(MediaType.APPLICATION_JSON)
public class DatasetResource {
    private final DatasetIngest ingest;
    private final IngestJobs jobs;

    DatasetResource(DatasetIngest ingest, IngestJobs jobs) {
        this.ingest = ingest;
        this.jobs = jobs;
    }

    public record Overview(Map<String, TopicInventory.DatasetTopic> topics, List<IngestJob.Status> jobs) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response submit(DatasetIngest.Request request) {
        if (request == null) throw new InvalidFieldException("body", "a JSON body {\"spec\": ...} is required");
        IngestJob job = ingest.submit(request);
        return Response.accepted(job.status())
                .location(UriBuilder.fromResource(DatasetResource.class).path("jobs").path(job.id()).build()).build();
    }

    @GET
    public Overview overview() throws TimeoutException {
        return new Overview(ingest.topics(), ingest.jobs());
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
