package dev.robust.bench;

import dev.robust.engine.Compute;
import dev.robust.engine.Engine;
import dev.robust.engine.Engines;
import dev.robust.engine.Precision;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The ways of computing the bench measures follow what each engine offers. */
class ComputeThroughputTest {

    @Test
    void torchIsMeasuredWithEachLeverAloneAllLeversAndBf16WhereTheCpuHasIt() {
        Engine torch = Engines.named("torch");
        Map<String, Compute> variants = ComputeThroughput.variants(torch);
        List<String> expected = new ArrayList<>(List.of("fp32 baseline", "fp32 + channels-last",
                "fp32 + folded-inference", "fp32 + all levers"));
        if (torch.precisions().contains(Precision.BF16)) expected.addAll(List.of("bf16", "bf16 + all levers"));
        assertEquals(expected, List.copyOf(variants.keySet()));
        assertEquals(Compute.BASELINE, variants.get("fp32 baseline"));
        assertEquals(Compute.exactly(Precision.FP32, Set.of("channels-last", "folded-inference")),
                variants.get("fp32 + all levers"));
    }

    @Test
    void anEngineWithoutLeversOrBf16IsMeasuredAtItsBaselineOnly() {
        assertEquals(Map.of("fp32 baseline", Compute.BASELINE), ComputeThroughput.variants(Engines.named("dl4j")));
    }
}
