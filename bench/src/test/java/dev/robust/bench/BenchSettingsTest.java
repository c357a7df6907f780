package dev.robust.bench;

import dev.robust.engine.Precision;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BenchSettingsTest {

    @Test
    void defaultsMeasureTheThreeModelsAtBatch32() {
        BenchSettings settings = BenchSettings.parse("--bootstrap-servers", "localhost:9092");
        assertEquals(List.of(new ModelSize("resnet20", 32), new ModelSize("smallcnn", 32),
                new ModelSize("resnet50v2", 72)), settings.models());
        assertEquals(32, settings.batch());
        assertEquals(EnumSet.allOf(BenchSettings.Part.class), settings.parts());
        assertTrue(settings.engines().isEmpty(), "every engine on the class path");
        assertNull(settings.report());
        assertEquals((3 + 10) * 32, settings.kafkaExamples());
    }

    @Test
    void trainsInFp32UnlessAPrecisionIsNamed() {
        assertEquals(Precision.FP32, BenchSettings.parse("--parts", "engines").precision());
        assertEquals(Precision.BF16, BenchSettings.parse("--parts", "engines", "--precision", "bf16").precision());
        assertMessage("--precision must be one of fp32, bf16, got 'fp16'", "--parts", "engines", "--precision", "fp16");
    }

    @Test
    void enginesAndImagingNeedNoBroker() {
        BenchSettings settings = BenchSettings.parse("--parts", "engines,imaging", "--models", "smallcnn:16");
        assertEquals(EnumSet.of(BenchSettings.Part.ENGINES, BenchSettings.Part.IMAGING), settings.parts());
    }

    @Test
    void kafkaPartsWithoutABrokerNameTheParts() {
        BenchUsageException e = assertThrows(BenchUsageException.class,
                () -> BenchSettings.parse("--parts", "engines,eval"));
        assertTrue(e.getMessage().contains("[eval] need --bootstrap-servers"), e.getMessage());
    }

    @Test
    void rejectsMalformedOptionsNamingThem() {
        assertMessage("--steps must be an integer, got 'ten'", "--steps", "ten");
        assertMessage("--steps must be >= 1, got 0", "--steps", "0");
        assertMessage("--models: 'resnet20' is not name:side, e.g. resnet20:32", "--models", "resnet20");
        assertMessage("--parts: unknown part 'gpu'", "--parts", "gpu");
        assertMessage("unknown option --speed", "--parts", "imaging", "--speed", "2");
        assertMessage("--batch needs a value", "--batch");
        assertMessage("--compute-rounds must be >= 1, got 0", "--parts", "compute", "--compute-rounds", "0");
        assertMessage("--peak-gflops must be > 0, got -5.0", "--parts", "compute", "--peak-gflops", "-5");
    }

    @Test
    void computeNeedsNoBrokerAndTakesThePeerAndThePeak() {
        BenchSettings settings = BenchSettings.parse("--parts", "compute", "--compute-rounds", "5",
                "--peer-classpath", "/tmp/peer/classes:/tmp/lib/x.jar", "--peak-gflops", "166");
        assertEquals(EnumSet.of(BenchSettings.Part.COMPUTE), settings.parts());
        assertEquals(5, settings.computeRounds());
        assertEquals("/tmp/peer/classes:/tmp/lib/x.jar", settings.peerClassPath());
        assertEquals(166, settings.peakGigaFlops().orElseThrow());
        BenchSettings defaults = BenchSettings.parse("--parts", "compute");
        assertEquals(3, defaults.computeRounds());
        assertNull(defaults.peerClassPath());
        assertTrue(defaults.peakGigaFlops().isEmpty());
    }

    @Test
    void viewsKeepTheProfilesProportions() {
        assertEquals(36, new ModelSize("resnet20", 32).resize());
        assertEquals(96, new ModelSize("resnet50v2", 72).resize());
        assertEquals(18, new ModelSize("smallcnn", 16).resize());
    }

    private static void assertMessage(String expected, String... args) {
        BenchUsageException e = assertThrows(BenchUsageException.class, () -> BenchSettings.parse(args));
        assertTrue(e.getMessage().startsWith(expected), e.getMessage());
    }
}
