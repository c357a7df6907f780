package dev.robust.deploy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Turns a kustomization directory into the objects {@code kubectl apply -k} would send to the cluster. */
interface KustomizeRenderer {

    String name();

    Manifests render(Path kustomization);

    /** The file reader always; kubectl's own kustomize as well where kubectl is installed. */
    static List<KustomizeRenderer> available() {
        List<KustomizeRenderer> renderers = new ArrayList<>();
        renderers.add(new KustomizationReader());
        if (KubectlKustomize.isInstalled()) renderers.add(new KubectlKustomize());
        return renderers;
    }
}
