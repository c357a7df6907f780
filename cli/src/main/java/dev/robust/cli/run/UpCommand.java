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
            CurlHints.lines(trainer, eval, augment, prepared.profile().name(), options.engine,
                    StackOptions.securityToken() != null).forEach(out::println);
            out.println("  OpenAPI            " + augment + "/q/openapi, " + trainer + "/q/openapi, " + eval
                    + "/q/openapi");
            out.println("  Kafka              " + stack.bootstrapServers());
            out.println("  endpoints          docs/api.md");
            out.flush();
            // Ctrl-C runs the stack's shutdown hook; until then, notice a service that dies.
            while (true) {
                stack.requireRunning();
                Thread.sleep(HEALTH_CHECK.toMillis());
            }
        }
    }
}
