package dev.robust.engine;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What actually runs the maths, for logs and {@code GET /info}.
 *
 * @param library the deep-learning library and version, e.g. {@code deeplearning4j 1.0.0-M2.1}
 * @param backend the compute backend, e.g. {@code nd4j-native cpu}
 * @param onednn  whether oneDNN kernels are in use for convolutions and batch normalisation
 * @param detail  anything else worth knowing (instruction set, threads), free text
 */
public record BackendDescription(String library, String backend, boolean onednn, String detail) {

    /** The fields as an ordered map, ready to serialise as JSON. */
    public Map<String, Object> asMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("library", library);
        map.put("backend", backend);
        map.put("onednn", onednn);
        map.put("detail", detail);
        return map;
    }

    @Override
    public String toString() {
        return library + " on " + backend + " (onednn: " + onednn + "; " + detail + ")";
    }
}
