package dev.robust.deploy;

import java.util.ArrayList;
import java.util.List;

/** The compose command lines installed here: the standalone {@code docker-compose} and the {@code docker compose} plugin. */
final class ComposeTool {
    private ComposeTool() {
    }

    static List<List<String>> installed() {
        List<List<String>> tools = new ArrayList<>();
        for (List<String> tool : List.of(List.of("docker-compose"), List.of("docker", "compose"))) {
            List<String> version = new ArrayList<>(tool);
            version.add("version");
            if (ExternalCommand.works(version)) tools.add(tool);
        }
        return tools;
    }
}
