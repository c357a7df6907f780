package dev.robust.cli.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.robust.common.event.Provenance;
import dev.robust.common.image.Preprocessing;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code robust submit model.onnx --name … --preprocess …}: sends a model trained elsewhere to the eval-service's
 * {@code POST /models}, which checks it, stores it and announces it for scoring like any checkpoint.
 */
@Command(name = "submit",
        mixinStandardHelpOptions = true,
        description = {
                "Submit an ONNX image classifier (opset 13 or later; input N×3×32×32 or N×32×32×3 float; 10 logits) "
                        + "to a running eval-service, which scores it on the same clean and CIFAR-10-C slices as the "
                        + "project's own checkpoints.",
                "Sends $ROBUST_SECURITY_TOKEN when it is set. Prints the checkpoint id and where its report will be."})
public final class SubmitCommand implements Callable<Integer> {
    @Parameters(paramLabel = "<model.onnx>", description = "The ONNX file.")
    Path model;

    @Option(names = "--name", required = true, paramLabel = "NAME",
            description = "The model's name in reports: 1 to 64 letters, digits, '_', '.' or '-'.")
    String name;

    @Option(names = "--preprocess", required = true, paramLabel = "SPEC",
            description = "How the model wants its pixels: '[-1,1]', '[0,1]' or 'mean=m0,m1,m2;std=s0,s1,s2' "
                    + "(per channel, on the [0,1] scale).")
    String preprocess;

    @Option(names = "--dataset", defaultValue = "unspecified", paramLabel = "LABEL",
            description = "What the model was trained on, as reports should say (default: ${DEFAULT-VALUE}).")
    String dataset;

    @Option(names = "--eval", defaultValue = "http://localhost:8083", paramLabel = "URL",
            description = "The eval-service (default: ${DEFAULT-VALUE}).")
    URI eval;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException {
        // Checked here too, so a typo is told before the upload.
        Preprocessing preprocessing = Preprocessing.parse("--preprocess", preprocess);
        if (!Files.isRegularFile(model)) throw new NoSuchFileException(model.toString());
        URI uri = eval.resolve("/models?name=" + query(name) + "&preprocess=" + query(preprocessing.text())
                + "&dataset=" + query(dataset) + "&publisher=" + query(Provenance.SUBMIT));
        JsonNode claim = new JsonHttp(StackOptions.securityToken()).postFile(uri, model, "application/octet-stream");
        String checkpointId = claim.path("checkpoint_id").asText();
        PrintWriter out = spec.commandLine().getOut();
        out.println("submitted " + model + " as checkpoint " + checkpointId + " (run " + claim.path("run_id").asText()
                + ", input " + claim.path("input").path("layout").asText() + ", preprocessing "
                + claim.path("input").path("preprocessing").asText() + ")");
        out.println("report: " + eval.resolve("/checkpoints/" + checkpointId + "/report"));
        out.flush();
        return 0;
    }

    private static String query(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
