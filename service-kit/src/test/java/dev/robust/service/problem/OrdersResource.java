package dev.robust.service.problem;

import dev.robust.common.InvalidFieldException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.List;
import java.util.Map;

/** A stand-in for a service's JSON resource: a typed body, a lookup by id and a failure nobody foresaw. */
@Path("/orders")
@Produces(MediaType.APPLICATION_JSON)
public class OrdersResource {
    public record Order(String item, Integer quantity, List<Integer> sizes, Map<String, Object> options) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Order create(Order order) {
        if (order == null) throw new InvalidFieldException(ProblemMappers.BODY, "a JSON body {\"item\": ...} is required");
        if (order.quantity() != null && order.quantity() > 100) {
            throw new InvalidFieldException("quantity", "quantity must be 1..100, got " + order.quantity());
        }
        return order;
    }

    @GET
    @Path("/{id}")
    public Order find(@PathParam("id") String id) {
        if (id.equals("broken")) throw new IllegalStateException("the order book is unreadable");
        throw new jakarta.ws.rs.NotFoundException("no order '" + id + "'");
    }
}
