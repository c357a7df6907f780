package dev.robust.cli.run;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * {@code robust up}: the stack of {@code robust run}, with the profile's data ingested, kept running for the user's
 * own requests until Ctrl-C.
 */
@Command(name = "up",
        mixinStandardHelpOptions = true,
        description = {
                "Start the embedded stack (Kafka and the three services) and keep it running until Ctrl-C.",
                "Ingests the profile's data first; prints the dashboard URL and the REST endpoints."})
public final class UpCommand implements Callable<Integer> {
    private static final Duration HEALTH_CHECK = Duration.ofSeconds(2);

    @Mixin
    StackOptions options;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        try (PreparedStack prepared = PreparedStack.start(options, out)) {
            LocalStack stack = prepared.stack();
            URI augment = stack.uri(Service.AUGMENT);
            URI trainer = stack.uri(Service.TRAINER);
            URI eval = stack.uri(Service.EVAL);
            out.println();
            out.println("The stack is up. Ctrl-C stops it.");
            out.println("  dashboard          " + eval + "/");
            String engine = options.engine == null ? "" : ",\"engine\":\"" + options.engine + "\"";
            out.println("  start a run        curl -X POST -H 'Content-Type: application/json' -d '{\"profile\":\""
                    + prepared.profile().name() + "\"" + engine + "}' " + trainer + "/runs");
            out.println("  follow it          curl " + trainer + "/runs/<id>");
            out.println("  its report         " + eval + "/runs/<id>/report.html");
            out.println("  live evaluations   curl -N " + eval + "/evaluations/stream");
            out.println("  data topics        curl " + augment + "/datasets   and   " + augment + "/corruptions");
            out.println("  OpenAPI            " + augment + "/q/openapi, " + trainer + "/q/openapi, " + eval
                    + "/q/openapi");
            out.println("  Kafka              " + stack.bootstrapServers());
            if (StackOptions.securityToken() != null) {
                out.println("POST and DELETE need -H 'Authorization: Bearer $" + StackOptions.SECURITY_TOKEN + "'.");
            }
            out.flush();
            // Ctrl-C runs the stack's shutdown hook; until then, notice a service that dies.
            while (true) {
                stack.requireRunning();
                Thread.sleep(HEALTH_CHECK.toMillis());
            }
        }
    }
}
