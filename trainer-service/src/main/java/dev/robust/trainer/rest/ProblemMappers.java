package dev.robust.trainer.rest;

import dev.robust.common.profile.InvalidProfileException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns request errors into problem+json answers. */
public class ProblemMappers {

    @ServerExceptionMapper
    public Response invalidProfile(InvalidProfileException e) {
        return Problem.response(Response.Status.BAD_REQUEST, "Invalid run request", e.getMessage(), e.field());
    }
}
