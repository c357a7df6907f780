package dev.robust.common.profile;

import dev.robust.common.corruption.Corruption;
import dev.robust.common.image.RandAugmentGeometry;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunProfileTest {

    @Test
    void seedProfileIsTheReferenceRecipe() {
        RunProfile seed = RunProfile.named("seed");
        assertEquals("resnet50v2", seed.model());
        assertEquals(96, seed.resize());
        assertEquals(72, seed.crop());
        assertEquals(2, seed.randAugmentLayers());
        assertEquals(9, seed.randAugmentMagnitude());
        assertEquals(RandAugmentGeometry.ABSOLUTE, seed.randAugmentGeometry(), "the recipe's pixels at 72x72");
        assertEquals(128, seed.batchSize());
        assertEquals(1e-3, seed.learningRate());
        assertEquals(49_500, seed.trainExamples());
        assertEquals(500, seed.valExamples());
        assertEquals(10.0, seed.temperature());
        assertEquals(StudentLoss.DISTILLATION, seed.studentLoss());
        assertEquals(new PhaseSettings(5, Monitor.VAL_LOSS, 3, 0.1, Monitor.VAL_LOSS, 10, true), seed.teacher());
        assertEquals(new PhaseSettings(5, Monitor.VAL_ACCURACY, 3, 0.5, Monitor.VAL_ACCURACY, 10, true),
                seed.student());
        assertEquals(19, seed.evalCorruptions().size());
        assertEquals(List.of(1, 2, 3, 4, 5), seed.evalSeverities());
    }

    @Test
    void everyShippedProfileLoadsWithTheSameKeys() {
        var seedKeys = RunProfile.named("seed").asMap().keySet();
        for (String name : RunProfile.NAMES) {
            RunProfile profile = RunProfile.named(name);
            assertEquals(seedKeys, profile.asMap().keySet(), name);
            assertTrue(profile.crop() <= profile.resize(), name);
        }
        RunProfile ci = RunProfile.named("ci");
        assertEquals(List.of(Corruption.GAUSSIAN_NOISE, Corruption.FOG, Corruption.CONTRAST), ci.evalCorruptions());
        assertTrue(ci.trainExamples() < 1000, "ci trains on hundreds of images");
    }

    @Test
    void profilesWithViewsSmallerThanTheSeedsScaleRandAugmentToTheView() {
        for (String name : RunProfile.NAMES) {
            RunProfile profile = RunProfile.named(name);
            if (profile.crop() < RandAugmentGeometry.REFERENCE_SIDE) {
                assertEquals(RandAugmentGeometry.RELATIVE, profile.randAugmentGeometry(), name);
            }
        }
        assertEquals(RandAugmentGeometry.RELATIVE, RunProfile.named("quick").randAugmentGeometry());
        assertEquals(RandAugmentGeometry.RELATIVE, RunProfile.named("ci").randAugmentGeometry());
    }

    @Test
    void torchProfilesComputeInBf16DeepLearning4jOnesInFp32AndAnOverrideIsChecked() {
        for (String name : RunProfile.NAMES) {
            RunProfile profile = RunProfile.named(name);
            assertEquals(profile.engine().equals("torch") ? "bf16" : "fp32", profile.precision(), name);
        }
        assertEquals("fp32", RunProfile.named("quick").withOverrides(Map.of("engine.precision", "fp32")).precision());
        InvalidProfileException bad = assertThrows(InvalidProfileException.class,
                () -> RunProfile.named("quick").withOverrides(Map.of("engine.precision", "fp16")));
        assertEquals("engine.precision", bad.field());
        assertTrue(bad.getMessage().contains("fp32, bf16") && bad.getMessage().contains("'fp16'"), bad.getMessage());
    }

    @Test
    void geometryOverrideIsCheckedAgainstTheAllowedValues() {
        RunProfile absolute = RunProfile.named("quick").withOverrides(Map.of("augment.randaugment.geometry", "absolute"));
        assertEquals(RandAugmentGeometry.ABSOLUTE, absolute.randAugmentGeometry());
        var e = assertThrows(InvalidProfileException.class,
                () -> RunProfile.named("quick").withOverrides(Map.of("augment.randaugment.geometry", "pixels")));
        assertEquals("augment.randaugment.geometry", e.field());
        assertTrue(e.getMessage().contains("[absolute, relative]") && e.getMessage().contains("pixels"),
                e.getMessage());
    }

    @Test
    void theStudentLossIsDistillationOrCrossEntropyOnly() {
        assertEquals(StudentLoss.CROSS_ENTROPY,
                RunProfile.named("ci").withOverrides(Map.of("student.loss", "cross-entropy")).studentLoss());
        InvalidProfileException e = assertThrows(InvalidProfileException.class,
                () -> RunProfile.named("ci").withOverrides(Map.of("student.loss", "kl-only")));
        assertTrue(e.getMessage().contains("student.loss must be distillation or cross-entropy"), e.getMessage());
    }

    @Test
    void seed5IsResNet20OnAllImagesFiveAndFiveEpochsScoredAtSeverityFive() {
        RunProfile seed5 = RunProfile.named("seed5");
        assertEquals("resnet20", seed5.model());
        assertEquals(49_500, seed5.trainExamples());
        assertEquals(500, seed5.valExamples());
        assertEquals(32, seed5.crop());
        assertEquals(128, seed5.batchSize());
        assertEquals(5, seed5.teacher().epochs());
        assertEquals(5, seed5.student().epochs());
        assertEquals(10_000, seed5.evalCleanImages());
        assertEquals(19, seed5.evalCorruptions().size());
        assertEquals(List.of(5), seed5.evalSeverities());
        assertEquals(2_000, seed5.evalImagesPerSeverity());
        long steps = 5L * ((49_500 + 127) / 128);
        assertTrue(seed5.swaStartStep() > steps / 2 && seed5.swaStartStep() < steps, "SWA averages the late steps");
    }

    @Test
    void cpuFullTrainsUpToThirtyAndFortyEpochsAndScoresItsFinalModelsOnTheFullSets() {
        RunProfile full = RunProfile.named("cpu-full");
        assertEquals("resnet20", full.model());
        assertEquals(49_500, full.trainExamples());
        assertEquals(30, full.teacher().epochs());
        assertEquals(40, full.student().epochs());
        assertEquals(10, full.teacher().earlyStoppingPatience());
        assertEquals(10_000, full.evalCleanImages());
        assertEquals(19, full.evalCorruptions().size());
        assertEquals(List.of(1, 2, 3, 4, 5), full.evalSeverities());
        assertEquals(10_000, full.evalImagesPerSeverity());
        assertEquals(1_000, full.evalEpochCleanImages());
        assertEquals(100, full.evalEpochImagesPerSeverity());
    }

    @Test
    void epochCheckpointCapsNeverExceedTheFinalModelsCaps() {
        for (String name : RunProfile.NAMES) {
            RunProfile profile = RunProfile.named(name);
            assertTrue(profile.evalEpochCleanImages() <= profile.evalCleanImages(), name);
            assertTrue(profile.evalEpochImagesPerSeverity() <= profile.evalImagesPerSeverity(), name);
        }
        RunProfile lowered = RunProfile.named("cpu-full").withOverrides(Map.of("eval.images-per-severity", 50));
        assertEquals(50, lowered.evalEpochImagesPerSeverity(), "lowering the final cap lowers the epoch cap");
        var zero = assertThrows(InvalidProfileException.class,
                () -> RunProfile.named("cpu-full").withOverrides(Map.of("eval.epoch.clean-images", 0)));
        assertEquals("eval.epoch.clean-images", zero.field());
    }

    @Test
    void overridesReplaceValuesAndAcceptJsonScalars() {
        RunProfile profile = RunProfile.named("quick")
                .withOverrides(Map.of("teacher.epochs", 7, "train.learning-rate", 0.01, "eval.severities", List.of(1, 5)));
        assertEquals(7, profile.teacher().epochs());
        assertEquals(0.01, profile.learningRate());
        assertEquals(List.of(1, 5), profile.evalSeverities());
        assertEquals("7", profile.asMap().get("teacher.epochs"));
        assertEquals(3, RunProfile.named("quick").teacher().epochs(), "the shipped profile is unchanged");
    }

    @Test
    void unknownProfileNamesTheProfileField() {
        var e = assertThrows(InvalidProfileException.class, () -> RunProfile.named("huge"));
        assertEquals("profile", e.field());
        assertTrue(e.getMessage().contains("huge"));
    }

    @Test
    void unknownKeyIsRejectedByName() {
        var e = assertThrows(InvalidProfileException.class,
                () -> RunProfile.named("ci").withOverrides(Map.of("teacher.epoch", 3)));
        assertEquals("teacher.epoch", e.field());
    }

    @Test
    void nonPositiveEpochsAndBatchAreRejectedByKey() {
        var epochs = assertThrows(InvalidProfileException.class,
                () -> RunProfile.named("ci").withOverrides(Map.of("student.epochs", 0)));
        assertEquals("student.epochs", epochs.field());
        var batch = assertThrows(InvalidProfileException.class,
                () -> RunProfile.named("ci").withOverrides(Map.of("train.batch-size", -4)));
        assertEquals("train.batch-size", batch.field());
        assertTrue(batch.getMessage().contains("-4"), batch.getMessage());
    }

    @Test
    void numbersAboveTheirBoundAreRejectedNamingTheBound() {
        var epochs = assertThrows(InvalidProfileException.class,
                () -> RunProfile.named("ci").withOverrides(Map.of("teacher.epochs", Integer.MAX_VALUE)));
        assertEquals("teacher.epochs", epochs.field());
        assertTrue(epochs.getMessage().contains("1.." + RunProfile.MAX_EPOCHS), epochs.getMessage());
        Map<String, Object> tooBigValues = Map.of("data.val-examples", RunProfile.MAX_VAL_EXAMPLES + 1,
                "train.batch-size", RunProfile.MAX_BATCH_SIZE + 1, "train.learning-rate", 1e300,
                "teacher.swa.start-step", Long.MAX_VALUE, "eval.images-per-severity", 2_000_000_000);
        for (Map.Entry<String, Object> tooBig : tooBigValues.entrySet()) {
            assertEquals(tooBig.getKey(), assertThrows(InvalidProfileException.class,
                    () -> RunProfile.named("ci").withOverrides(Map.ofEntries(tooBig))).field());
        }
        assertEquals(RunProfile.MAX_EPOCHS, RunProfile.named("ci")
                .withOverrides(Map.of("student.epochs", RunProfile.MAX_EPOCHS)).student().epochs());
    }

    @Test
    void aListIsOnlyAcceptedForListSettings() {
        var e = assertThrows(InvalidProfileException.class,
                () -> RunProfile.named("ci").withOverrides(Map.of("teacher.epochs", List.of(1))));
        assertEquals("teacher.epochs", e.field());
        assertEquals(List.of(2, 5), RunProfile.named("ci")
                .withOverrides(Map.of("eval.severities", List.of(2, 5))).evalSeverities());
    }

    @Test
    void malformedValuesNameTheirKey() {
        assertEquals("teacher.plateau.factor", assertThrows(InvalidProfileException.class,
                () -> RunProfile.named("ci").withOverrides(Map.of("teacher.plateau.factor", 1.5))).field());
        assertEquals("student.plateau.monitor", assertThrows(InvalidProfileException.class,
                () -> RunProfile.named("ci").withOverrides(Map.of("student.plateau.monitor", "loss"))).field());
        assertEquals("eval.corruptions", assertThrows(InvalidProfileException.class,
                () -> RunProfile.named("ci").withOverrides(Map.of("eval.corruptions", "fog,rain"))).field());
        assertEquals("augment.crop", assertThrows(InvalidProfileException.class,
                () -> RunProfile.named("ci").withOverrides(Map.of("augment.crop", 40))).field());
        assertFalse(RunProfile.named("ci").withOverrides(Map.of("augment.horizontal-flip", false)).horizontalFlip());
    }
}
