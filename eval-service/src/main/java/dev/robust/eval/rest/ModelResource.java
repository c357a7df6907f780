package dev.robust.eval.rest;

import dev.robust.common.event.CheckpointCreated;
import dev.robust.eval.onnx.ModelSubmissions;
import io.quarkus.runtime.configuration.MemorySize;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * {@code POST /models}: a model trained elsewhere, as ONNX, scored on the same slices as this project's checkpoints.
 * The body is the {@code .onnx} file itself; {@code name}, {@code preprocess}, {@code dataset} and the optional
 * {@code publisher} (who announces it, as the claim check's provenance says; declared, not verified) are query
 * parameters. 202 with the claim check published; the scores follow under {@code /checkpoints/{id}/report}.
 */
@Path("/models")
public class ModelResource {
    static final String LIMIT_SETTING = "quarkus.http.limits.max-body-size";

    private final ModelSubmissions submissions;
    private final long maxBytes;

    ModelResource(ModelSubmissions submissions, @ConfigProperty(name = LIMIT_SETTING) MemorySize limit) {
        this.submissions = submissions;
        this.maxBytes = limit.asLongValue();
    }

    @POST
    @Consumes(MediaType.APPLICATION_OCTET_STREAM)
    @Produces(MediaType.APPLICATION_JSON)
    public Response submit(@QueryParam("name") String name, @QueryParam("preprocess") String preprocess,
                           @QueryParam("dataset") @DefaultValue("unspecified") String dataset,
                           @QueryParam("publisher") String publisher, InputStream body)
            throws IOException {
        java.nio.file.Path file = Files.createTempFile("robust-model-", ".onnx");
        try {
            String sha256 = receive(body, file);
            CheckpointCreated claim = submissions.submit(file, sha256, name, preprocess, dataset, publisher);
            return Response.accepted(claim)
                    .location(URI.create("/checkpoints/" + claim.checkpointId() + "/report"))
                    .build();
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** Copies the body to {@code file}, refusing it past the limit (a chunked body declares no length up front). */
    private String receive(InputStream body, java.nio.file.Path file) throws IOException {
        MessageDigest digest = sha256();
        long total = 0;
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = new DigestInputStream(body, digest); OutputStream out = Files.newOutputStream(file)) {
            int read;
            while ((read = in.read(buffer)) > 0) {
                total += read;
                if (total > maxBytes) {
                    throw new WebApplicationException("the model is over " + maxBytes + " bytes, this service's "
                            + "limit (" + LIMIT_SETTING + ")", 413);
                }
                out.write(buffer, 0, read);
            }
        }
        if (total == 0) {
            throw new WebApplicationException("the body is empty; send the .onnx file's bytes as "
                    + MediaType.APPLICATION_OCTET_STREAM, 400);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }
}
