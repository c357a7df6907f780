package dev.robust.cli.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes a run's report into its directory: report.json, the two charts, report.md and report.html. */
public final class ReportFiles {
    public static final String JSON = "report.json";
    public static final String MARKDOWN = "report.md";
    public static final String HTML = "report.html";

    private static final ObjectMapper JSON_MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private ReportFiles() {
    }

    public static void write(RunReport report, Path dir) throws IOException {
        Files.createDirectories(dir);
        JSON_MAPPER.writeValue(dir.resolve(JSON).toFile(), report);
        List<String> charts = ReportCharts.write(report, dir);
        Files.writeString(dir.resolve(MARKDOWN), ReportMarkdown.render(report, charts), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve(HTML), ReportHtml.render(report, charts), StandardCharsets.UTF_8);
    }

    /** The JSON settings of every file the CLI writes (indented, ISO-8601 times). */
    static ObjectMapper mapper() {
        return JSON_MAPPER;
    }

    /** Reads a report back; tests and tools use it. */
    public static RunReport read(Path json) throws IOException {
        return JSON_MAPPER.readValue(json.toFile(), RunReport.class);
    }
}
