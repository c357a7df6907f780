package dev.robust.engine.torch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.robust.engine.Batch;
import dev.robust.engine.Compute;
import dev.robust.engine.Engine;
import dev.robust.engine.Engines;
import dev.robust.engine.Model;
import dev.robust.engine.ModelSpec;
import dev.robust.engine.Precision;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each lever and bf16 change how the torch engine computes, not what, beyond rounding. */
class TorchComputeTest {

    private static final Engine ENGINE = Engines.named("torch");
    private static final Compute FOLDED = Compute.exactly(Precision.FP32, Set.of(TorchEngine.FOLDED));
    private static final Compute CHANNELS_LAST = Compute.exactly(Precision.FP32, Set.of(TorchEngine.CHANNELS_LAST));
    private static final Compute ALL = Compute.exactly(Precision.FP32, ENGINE.levers());

    @ParameterizedTest
    @CsvSource({"smallcnn, 16, 8", "resnet20, 16, 8", "resnet50v2, 32, 4"})
    void foldedScoringEqualsUnfoldedAndFollowsTraining(String architecture, int side, int batchSize) {
        ModelSpec spec = ModelSpec.of(architecture, side, 10, 3);
        Batch batch = batch(batchSize, side, 1);
        for (Compute compute : new Compute[] {FOLDED, ALL}) {
            Model folded = ENGINE.create(spec, compute);
            Model plain = ENGINE.create(spec, Compute.BASELINE);
            for (int round = 0; round < 2; round++) {
                // Training moves the running statistics away from 0 / 1 and the weights, so the fold has work to do;
                // the second round checks that the folded copy follows the parameters after it was first made.
                folded.trainTeacher(batch);
                folded.trainTeacher(batch(batchSize, side, 2));
                plain.setParameters(folded.parameters());
                assertClose(plain.predict(batch).values(), folded.predict(batch).values(), 1e-4,
                        architecture + " " + compute + " round " + round);
            }
        }
    }

    @Test
    void channelsLastTrainsAlongTheSameLossTrajectory() {
        ModelSpec spec = ModelSpec.of("resnet20", 16, 10, 5);
        Model plain = ENGINE.create(spec, Compute.BASELINE);
        Model channelsLast = ENGINE.create(spec, CHANNELS_LAST);
        assertArrayEquals(plain.parameters(), channelsLast.parameters(), "same initial parameters in either layout");
        for (int step = 0; step < 6; step++) {
            Batch batch = batch(8, 16, 10 + step);
            double expected = plain.trainTeacher(batch);
            double actual = channelsLast.trainTeacher(batch);
            assertEquals(expected, actual, 1e-3 * Math.abs(expected), "loss of step " + step);
        }
    }

    @Test
    void channelsLastParametersRoundTripInRowMajorOrder() {
        Model model = ENGINE.create(ModelSpec.of("smallcnn", 16, 10, 9), CHANNELS_LAST);
        float[] values = new float[(int) model.parameterCount()];
        SplittableRandom random = new SplittableRandom(4);
        for (int i = 0; i < values.length; i++) values[i] = (float) random.nextDouble(0.5, 1.5);
        model.setParameters(values);
        assertArrayEquals(values, model.parameters());
        Model plain = ENGINE.create(ModelSpec.of("smallcnn", 16, 10, 9), Compute.BASELINE);
        plain.setParameters(values);
        Batch batch = batch(4, 16, 3);
        assertClose(plain.predict(batch).values(), model.predict(batch).values(), 1e-4, "same parameters, same logits");
    }

    @Test
    void bf16TrainsAndScoresNearFp32WhereTheCpuHasIt() {
        assumeTrue(ENGINE.precisions().contains(Precision.BF16),
                "skipped: this CPU reports no bf16 instructions (avx512_bf16 or amx_bf16 in /proc/cpuinfo)");
        ModelSpec spec = ModelSpec.of("resnet20", 16, 10, 6);
        Model fp32 = ENGINE.create(spec, Compute.exactly(Precision.FP32, Set.of()));
        Model bf16 = ENGINE.create(spec, Compute.exactly(Precision.BF16, ENGINE.levers()));
        assertEquals(Precision.BF16, bf16.precision());
        Batch batch = batch(8, 16, 7);
        // bf16 keeps 8 bits of mantissa: logits agree to a few per cent of their scale, not to 1e-4.
        assertClose(fp32.predict(batch).values(), bf16.predict(batch).values(), 0.05, "initial logits");
        double first = bf16.trainTeacher(batch);
        assertEquals(fp32.trainTeacher(batch), first, 0.05 * first, "first loss");
        double last = first;
        for (int step = 0; step < 5; step++) last = bf16.trainTeacher(batch);
        assertTrue(last < first, "bf16 training lowers the loss on a fixed batch: " + first + " -> " + last);
        for (float value : bf16.parameters()) assertTrue(Float.isFinite(value), "FP32 master weights stay finite");
        // SWA's statistics pass runs under autocast too and records FP32 statistics close to FP32's own.
        fp32.setParameters(bf16.parameters());
        List<Batch> batches = List.of(batch, batch(8, 16, 8));
        fp32.recomputeBatchNormStatistics(batches);
        bf16.recomputeBatchNormStatistics(batches);
        assertClose(fp32.parameters(), bf16.parameters(), 0.02, "parameters with recomputed statistics");
    }

    @Test
    void unknownLeverIsRefusedByName() {
        var e = assertThrows(IllegalArgumentException.class, () -> ENGINE.create(ModelSpec.of("smallcnn", 16, 10, 1),
                Compute.exactly(Precision.FP32, Set.of("winograd"))));
        assertTrue(e.getMessage().contains("'winograd'") && e.getMessage().contains(TorchEngine.CHANNELS_LAST),
                e.getMessage());
    }

    @Test
    void multiplyAddsAreCountedFromTheLayerShapes() {
        // ResNet-20 on 32x32: 3x3 convolutions of 16/32/64 filters on 32/16/8-pixel maps, 1x1 projections, dense.
        long stem = 32L * 32 * 16 * 3 * 9;
        long stage1 = 6 * (32L * 32 * 16 * 16 * 9);
        long stage2 = 16L * 16 * 32 * 16 * 9 + 5 * (16L * 16 * 32 * 32 * 9) + 16L * 16 * 32 * 16;
        long stage3 = 8L * 8 * 64 * 32 * 9 + 5 * (8L * 8 * 64 * 64 * 9) + 8L * 8 * 64 * 32;
        long expected = stem + stage1 + stage2 + stage3 + 64 * 10;
        assertEquals(expected, ENGINE.create(ModelSpec.of("resnet20", 32, 10, 1)).multiplyAdds().orElseThrow());
    }

    /** Every value within {@code relative} × the largest magnitude of {@code expected}. */
    private static void assertClose(float[] expected, float[] actual, double relative, String what) {
        assertEquals(expected.length, actual.length, what);
        double scale = 0;
        for (float value : expected) scale = Math.max(scale, Math.abs(value));
        double worst = 0;
        for (int i = 0; i < expected.length; i++) worst = Math.max(worst, Math.abs(expected[i] - actual[i]));
        assertTrue(worst <= relative * scale, what + ": largest difference " + worst + " > " + relative + " × " + scale);
    }

    private static Batch batch(int size, int side, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        byte[] pixels = new byte[size * side * side * 3];
        for (int i = 0; i < pixels.length; i++) pixels[i] = (byte) random.nextInt(256);
        return new Batch(pixels, random.ints(size, 0, 10).toArray(), size, side, side, 3);
    }
}
