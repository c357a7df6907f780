package dev.robust.cli.run;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code curl} lines {@code robust up} prints for starting and following a run. Each line is a whole shell
 * command that works when pasted into bash: the JSON body is single-quoted, and the token, when the stack asks for
 * one, is read from {@code $ROBUST_SECURITY_TOKEN} inside double quotes — never printed, and a shell that lacks the
 * variable stops with a message that names it instead of sending a request that is refused.
 */
final class CurlHints {
    private CurlHints() {
    }

    /** The header option for mutating requests, or an empty string when the stack needs no token. */
    static String authorization(boolean tokenRequired) {
        return tokenRequired
                ? " -H \"Authorization: Bearer ${" + StackOptions.SECURITY_TOKEN + ":?set "
                        + StackOptions.SECURITY_TOKEN + " to the token of the stack}\""
                : "";
    }

    /** Labelled lines ({@code label  command}) for the runs API and the live streams. */
    static List<String> lines(URI trainer, URI eval, URI augment, String profile, String engine,
                              boolean tokenRequired) {
        String auth = authorization(tokenRequired);
        String body = "{\"profile\":\"" + profile + "\"" + (engine == null ? "" : ",\"engine\":\"" + engine + "\"")
                + "}";
        List<String> lines = new ArrayList<>();
        lines.add(line("start a run", "curl -X POST -H 'Content-Type: application/json'" + auth + " -d '" + body
                + "' " + trainer + "/runs"));
        lines.add(line("follow it", "curl " + trainer + "/runs/<id>"));
        lines.add(line("cancel it", "curl -X DELETE" + auth + " " + trainer + "/runs/<id>"));
        lines.add(line("its report", eval + "/runs/<id>/report.html"));
        lines.add(line("live evaluations", "curl -N " + eval + "/evaluations/stream"));
        lines.add(line("data topics", "curl " + augment + "/datasets   and   curl " + augment + "/corruptions"));
        return lines;
    }

    private static String line(String label, String command) {
        return String.format("  %-18s %s", label, command);
    }
}
