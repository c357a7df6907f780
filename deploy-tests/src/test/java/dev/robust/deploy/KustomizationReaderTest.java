package dev.robust.deploy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The file reader that stands in for kubectl: it must render what kubectl renders, or refuse. */
class KustomizationReaderTest {

    @Test
    void rendersEveryOverlayExactlyAsKubectlDoes() {
        assumeTrue(KubectlKustomize.isInstalled(), "kubectl is not installed; nothing to compare with");
        for (String overlay : Overlay.NAMES) {
            Path directory = Overlay.directory(overlay);
            Map<String, Object> expected = byKindAndName(new KubectlKustomize().render(directory));
            Map<String, Object> actual = byKindAndName(new KustomizationReader().render(directory));
            assertEquals(expected.keySet(), actual.keySet(), overlay + ": objects");
            expected.forEach((object, content) -> assertEquals(content, actual.get(object), overlay + ": " + object));
        }
    }

    @Test
    void mergesPatchesByNameRetagsImagesAndSetsNamespaceAndLabels(@TempDir Path directory) throws IOException {
        Path base = Files.createDirectories(directory.resolve("base"));
        Files.writeString(base.resolve("kustomization.yaml"), """
                resources: [app.yaml]
                images: [{name: robust/app, newTag: "1.0"}]
                """);
        Files.writeString(base.resolve("app.yaml"), """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: app}
                spec:
                  template:
                    spec:
                      containers:
                        - {name: app, image: robust/app, env: [{name: A, value: "1"}]}
                        - {name: sidecar, image: other/sidecar:2}
                """);
        Path overlay = Files.createDirectories(directory.resolve("overlay"));
        Files.writeString(overlay.resolve("kustomization.yaml"), """
                namespace: team
                labels: [{pairs: {part-of: robust}}]
                resources: [../base]
                patches: [{path: more.yaml}]
                images: [{name: robust/app, newTag: "1.0-cuda"}]
                """);
        Files.writeString(overlay.resolve("more.yaml"), """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: app}
                spec:
                  template:
                    spec:
                      containers:
                        - {name: app, env: [{name: B, value: "2"}], resources: {limits: {cpu: "2"}}}
                """);

        YamlValue deployment = new KustomizationReader().render(overlay).get("Deployment", "app");

        YamlValue app = deployment.at("spec", "template", "spec", "containers").named("app");
        assertEquals("robust/app:1.0-cuda", app.at("image").string());
        assertEquals(List.of("A", "B"), app.at("env").list().stream().map(e -> e.at("name").string()).toList());
        assertEquals("2", app.at("resources", "limits", "cpu").string());
        assertEquals("other/sidecar:2",
                deployment.at("spec", "template", "spec", "containers").named("sidecar").at("image").string());
        assertEquals("team", deployment.at("metadata", "namespace").string());
        assertEquals("robust", deployment.at("metadata", "labels", "part-of").string());
    }

    @Test
    void refusesKustomizeFieldsItDoesNotUnderstand(@TempDir Path directory) throws IOException {
        Files.writeString(directory.resolve("kustomization.yaml"), """
                resources: []
                configMapGenerator: [{name: settings, literals: [A=1]}]
                """);

        IllegalStateException refusal = assertThrows(IllegalStateException.class,
                () -> new KustomizationReader().render(directory));

        assertTrue(refusal.getMessage().contains("configMapGenerator"), refusal.getMessage());
    }

    private static Map<String, Object> byKindAndName(Manifests manifests) {
        Map<String, Object> objects = new TreeMap<>();
        for (YamlValue object : manifests.objects()) {
            objects.put(object.at("kind").string() + "/" + object.at("metadata", "name").string(), object.raw());
        }
        return objects;
    }
}
