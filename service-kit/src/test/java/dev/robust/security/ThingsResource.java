package dev.robust.security;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

/** A stand-in for a service's resource: one read and two writes. */
@Path("/things")
public class ThingsResource {
    @GET
    public String list() {
        return "[]";
    }

    @POST
    public void create() {
    }

    @DELETE
    public void deleteAll() {
    }
}
