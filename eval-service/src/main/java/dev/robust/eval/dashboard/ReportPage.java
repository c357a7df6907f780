package dev.robust.eval.dashboard;

import dev.robust.eval.streams.EvaluationTable;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * {@code GET /runs/{id}/report.html}: the run report page. The page is the same for every run; its script reads
 * the run id from the address and draws the charts from {@code /runs/{id}/report}. A run without evaluations has
 * no report, so its page is a 404 like its report's.
 */
@Path("/runs/{id}/report.html")
public class ReportPage {
    private static final String PAGE = "dashboard/report.html";

    private final byte[] html = load();
    private final EvaluationTable table;

    ReportPage(EvaluationTable table) {
        this.table = table;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public byte[] page(@PathParam("id") String runId) {
        if (table.queries().forRun(runId).isEmpty()) {
            throw new NotFoundException("no evaluations of run '" + runId + "' yet, so no report page");
        }
        return html;
    }

    private static byte[] load() {
        try (InputStream in = ReportPage.class.getClassLoader().getResourceAsStream(PAGE)) {
            if (in == null) throw new IllegalStateException(PAGE + " is missing from the application");
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + PAGE, e);
        }
    }
}
