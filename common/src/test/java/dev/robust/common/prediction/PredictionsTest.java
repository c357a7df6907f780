package dev.robust.common.prediction;

import dev.robust.common.codec.CodecException;
import dev.robust.common.event.Comparison;
import dev.robust.common.event.ModelKind;
import dev.robust.common.event.ModelRole;
import dev.robust.common.stats.McNemar;
import dev.robust.common.stats.Verdict;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PredictionsTest {
    @Test
    void oneBytePerImageHoldsTheClassAndWhetherItWasRight() {
        Predictions predictions = new Predictions.Builder().set(0, 3, true).set(2, 9, false).build();
        assertEquals(3, predictions.size());
        assertTrue(predictions.correct(0));
        assertEquals(3, predictions.predictedClass(0));
        assertFalse(predictions.scored(1), "an index never set is not scored");
        assertFalse(predictions.correct(2));
        assertEquals(9, predictions.predictedClass(2));
        assertEquals(2, predictions.scoredCount());
        assertEquals(1, predictions.correctCount());
        assertArrayEquals(new byte[] {(byte) 0x83, (byte) 0xFF, 0x09}, predictions.codes());
    }

    @Test
    void codecRoundTripsAndSpendsOneBytePerImage() {
        Predictions.Builder builder = new Predictions.Builder();
        for (int i = 0; i < 10_000; i++) builder.set(i, i % 10, i % 3 == 0);
        byte[] value = PredictionsCodec.encode(builder.build());
        assertEquals(10_009, value.length);
        Predictions decoded = PredictionsCodec.decode(value);
        assertEquals(3334, decoded.correctCount());
        assertEquals(7, decoded.predictedClass(9_997));
    }

    @Test
    void codecRejectsWrongMagicVersionLengthAndCodes() {
        byte[] good = PredictionsCodec.encode(new Predictions.Builder().set(1, 2, true).build());
        assertRejected(new byte[] {1, 2, 3}, "header");
        byte[] magic = good.clone();
        magic[0] = 'X';
        assertRejected(magic, "magic");
        byte[] version = good.clone();
        version[4] = 2;
        assertRejected(version, "version");
        assertRejected(java.util.Arrays.copyOf(good, good.length - 1), "holds");
        byte[] badCode = ByteBuffer.allocate(10).putInt(PredictionsCodec.MAGIC).put((byte) 1).putInt(1)
                .put((byte) 0x7F).array();
        assertRejected(badCode, "class 127");
    }

    @Test
    void pairedCountsCountOnlyImagesBothModelsScored() {
        // By hand: index 0 both right, 1 only first, 2 only second, 3 both wrong, 4 only first scored.
        Predictions first = new Predictions.Builder().set(0, 1, true).set(1, 2, true).set(2, 3, false)
                .set(3, 4, false).set(4, 5, true).build();
        Predictions second = new Predictions.Builder().set(0, 1, true).set(1, 7, false).set(2, 3, true)
                .set(3, 6, false).build();
        PairedCounts counts = PairedCounts.of(first, second);
        assertEquals(new PairedCounts(4, 1, 1), counts);
        assertEquals(new PairedCounts(8, 2, 2), counts.plus(counts));
        assertEquals(0.0, counts.difference().difference());
    }

    @Test
    void slicePredictionsTravelWithTheEvaluationKeyAndWhoseTheyAre() {
        SlicePredictions slice = new SlicePredictions("r1-teacher-3-raw", "r1", ModelRole.TEACHER, ModelKind.RAW,
                "fog", 5, new Predictions.Builder().set(0, 1, true).build());
        assertEquals("r1-teacher-3-raw/fog/5", slice.recordKey());
        SlicePredictions read = SlicePredictions.read(slice.recordKey(), slice.headers(), slice.value());
        assertEquals(slice.checkpointId(), read.checkpointId());
        assertEquals(ModelKind.RAW, read.kind());
        assertEquals(ModelRole.TEACHER, read.role());
        assertEquals("r1", read.runId());
        assertEquals(5, read.severity());
        assertThrows(CodecException.class, () -> SlicePredictions.read("r1/fog", slice.headers(), slice.value()));
        assertThrows(CodecException.class, () -> SlicePredictions.read(slice.recordKey(), Map.of(), slice.value()));
    }

    @Test
    void aStudentIsComparedWithATeacherOnCleanPooledSeverityFiveAndEachCorruption() {
        // Clean: 100 images, student right on 60, teacher on 50, 20 discordant for the student and 10 against.
        Predictions[] clean = pair(100, 20, 10, 40);
        Predictions[] fog = pair(50, 8, 2, 10);
        Predictions[] snow = pair(50, 1, 5, 10);
        ModelPredictions student = new ModelPredictions("r1-student-3", "student", clean[0],
                Map.of("snow", snow[0], "fog", fog[0]));
        ModelPredictions teacher = new ModelPredictions("r1-teacher-3", "SWA teacher", clean[1],
                Map.of("fog", fog[1], "snow", snow[1], "frost", fog[1]));
        List<Comparison> comparisons = student.compareWith(teacher);

        assertEquals(List.of("clean", "c_sev5", "snow", "fog"), comparisons.stream().map(Comparison::slice).toList(),
                "clean, pooled, then corruptions in the released order; frost only the teacher has is left out");
        Comparison cleanComparison = comparisons.get(0);
        assertEquals(0.1, cleanComparison.difference(), 1e-12);
        assertEquals(20, cleanComparison.onlyThisCorrect());
        assertEquals(10, cleanComparison.onlyBaselineCorrect());
        assertEquals(McNemar.exactPValue(20, 10), cleanComparison.pValue());
        assertEquals(Verdict.NO_SIGNIFICANT_DIFFERENCE, cleanComparison.verdict(), "p = 0.099 by SciPy's binomtest(10, 30)");
        Comparison pooled = comparisons.get(1);
        assertEquals(100, pooled.images());
        assertEquals(9, pooled.onlyThisCorrect());
        assertEquals(7, pooled.onlyBaselineCorrect());
        assertEquals("SWA teacher", pooled.baselineName());
    }

    /** Two models on {@code n} images: only the first right on the first images, then only the second, then both. */
    private static Predictions[] pair(int n, int firstOnly, int secondOnly, int both) {
        Predictions.Builder first = new Predictions.Builder();
        Predictions.Builder second = new Predictions.Builder();
        for (int i = 0; i < n; i++) {
            boolean bothRight = i >= firstOnly + secondOnly && i < firstOnly + secondOnly + both;
            boolean firstRight = i < firstOnly || bothRight;
            boolean secondRight = (i >= firstOnly && i < firstOnly + secondOnly) || bothRight;
            first.set(i, firstRight ? 1 : 2, firstRight);
            second.set(i, secondRight ? 1 : 3, secondRight);
        }
        return new Predictions[] {first.build(), second.build()};
    }

    private static void assertRejected(byte[] value, String expected) {
        CodecException e = assertThrows(CodecException.class, () -> PredictionsCodec.decode(value));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
