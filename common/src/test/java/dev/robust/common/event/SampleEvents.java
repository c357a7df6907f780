package dev.robust.common.event;

import dev.robust.common.corruption.Corruption;
import dev.robust.common.stats.Calibration;
import dev.robust.common.stats.CalibrationBin;
import dev.robust.common.stats.PairedDifference;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One realistic instance of every event type. */
final class SampleEvents {
    static final String CHECKPOINT = "r7-teacher-3";

    private SampleEvents() {
    }

    static List<Event> all() {
        return List.of(
                new RunRequested("r7", "quick", Map.of("teacher.epochs", 2),
                        Map.of("teacher.epochs", 2, "student.epochs", 5, "dataset", "synthetic:2000"), 42L),
                new RunRequested("r8", "ci", Map.of(), Map.of("model", "smallcnn"), 7L, "dl4j"),
                new RunStarted("r7", "quick", "synthetic", 42L),
                new EpochRequested("r7", ModelRole.TEACHER, 3, 42L, 49_500, AugmentationConfig.reference(), 2),
                new EpochDone("r7", ModelRole.STUDENT, 3,
                        new EpochMetrics(1.2, 0.61, 1.4, 0.55, 1e-3, 212.5, Map.of("kl", 0.3)), CHECKPOINT),
                new EpochDone("r7", ModelRole.TEACHER, 0,
                        new EpochMetrics(2.2, 0.2, null, null, 1e-3, 200, null), null),
                new RunFinished("r7", "r7-teacher-4", "r7-student-9"),
                new RunFinished("r7", "r7-teacher-4", "r7-student-9", "r7-teacher-4-raw"),
                new RunFailed("r7", "trainer ran out of memory", ModelRole.STUDENT, 2),
                new RunFailed("r7", "dataset not found", null, null),
                checkpoint(),
                new CheckpointCreated("r7-teacher-4-raw", "r7", ModelRole.TEACHER, 4, "resnet20", "torch",
                        "torch-zip", "r7/r7-teacher-3.torch-zip", "cd".repeat(32), 1_100_000L,
                        Map.of("val_accuracy", 0.63), true, "cifar10", Instant.parse("2025-05-01T10:20:00Z"),
                        ModelKind.RAW),
                new CheckpointCreated("imported-cifar-resnet-0123456789ab", "imported-cifar-resnet", ModelRole.TEACHER,
                        0, "cifar-resnet", "onnxruntime", "onnx",
                        "imported-cifar-resnet/imported-cifar-resnet-0123456789ab.onnx", "ef".repeat(32), 99_435L,
                        Map.of(), true, "cifar10", Instant.parse("2025-05-02T08:00:00Z"), ModelKind.IMPORTED,
                        new ModelInput(ModelInput.Layout.NCHW, "mean=0.4914,0.4822,0.4465;std=0.247,0.243,0.261"),
                        new Provenance(Provenance.SUBMIT, null, null, "0.1.0")),
                trainedHere(),
                new EvaluationResult("r7-teacher-4-raw", "r7", ModelRole.TEACHER, 4, "torch", "cifar10", "clean", 0,
                        635, 1_000, 0.635, EvaluationResult.Status.OK, null, ModelKind.RAW),
                result("gaussian_noise", 5, 0.41),
                likely(result("fog", 3, 0.52)),
                new EvaluationResult(CHECKPOINT, "r7", ModelRole.TEACHER, 3, "dl4j", "cifar10", "fog", 2, 0, 0, 0,
                        EvaluationResult.Status.FAILED, "checkpoint checksum mismatch"),
                EvaluationSummary.of(List.of(result(EvaluationResult.CLEAN, 0, 0.9), result("fog", 5, 0.5),
                        result("fog", 1, 0.8))),
                EvaluationSummary.of(fullResults(0.93).stream().map(SampleEvents::likely).toList()),
                EvaluationSummary.of(List.of(result(EvaluationResult.CLEAN, 0, 0.9))).withComparisons(List.of(
                        Comparison.of("r7-teacher-4", "SWA teacher", Comparison.C_SEV5,
                                PairedDifference.of(1_000, 40, 25)))));
    }

    static CheckpointCreated checkpoint() {
        return new CheckpointCreated(CHECKPOINT, "r7", ModelRole.TEACHER, 3, "resnet50v2", "dl4j", "dl4j-zip",
                "file:///var/robust/checkpoints/r7/teacher-3.zip", "ab".repeat(32), 95_000_000L,
                Map.of("val_accuracy", 0.7), false, "cifar10", Instant.parse("2025-05-01T10:15:30Z"));
    }

    /** A final student's claim check as the trainer writes it since v3: with the run's profile and seed. */
    static CheckpointCreated trainedHere() {
        return new CheckpointCreated("r7-student-5", "r7", ModelRole.STUDENT, 5, "resnet20", "torch", "torch-zip",
                "r7/r7-student-5.torch-zip", "12".repeat(32), 1_100_000L, Map.of("val_accuracy", 0.66), true,
                "cifar10", Instant.parse("2025-05-01T11:00:00Z"), ModelKind.FINAL, null,
                new Provenance(Provenance.TRAINER, "quick", 42L, "0.1.0-SNAPSHOT"));
    }

    static EvaluationResult result(String corruption, int severity, double top1) {
        long total = 10_000;
        return new EvaluationResult(CHECKPOINT, "r7", ModelRole.TEACHER, 3, "dl4j", "cifar10", corruption, severity,
                Math.round(top1 * total), total, top1, EvaluationResult.Status.OK, null);
    }

    /**
     * {@code result} with likelihoods and a calibration histogram: every image at confidence .7 (bin 10), the
     * right ones and the wrong ones alike, each with NLL −ln .7 if right and −ln .03 if wrong.
     */
    static EvaluationResult likely(EvaluationResult result) {
        List<CalibrationBin> bins = new ArrayList<>(Calibration.empty());
        bins.set(10, new CalibrationBin(result.total(), 0.7 * result.total(), result.correct()));
        long wrong = result.total() - result.correct();
        double right = -Math.log(0.7);
        double missed = -Math.log(0.03);
        return new EvaluationResult(result.checkpointId(), result.runId(), result.role(), result.epoch(),
                result.engine(), result.dataset(), result.corruption(), result.severity(), result.correct(),
                result.total(), result.top1(), result.status(), result.error(), result.kind(),
                result.correct() * right + wrong * missed,
                result.correct() * right * right + wrong * missed * missed, bins);
    }

    /** Results for clean and every corruption × severity, top-1 drawn from {@code top1(corruption, severity)}. */
    static List<EvaluationResult> fullResults(double clean) {
        List<EvaluationResult> results = new ArrayList<>();
        results.add(result(EvaluationResult.CLEAN, 0, clean));
        for (Corruption corruption : Corruption.values()) {
            for (int severity = 1; severity <= 5; severity++) {
                results.add(result(corruption.id(), severity, top1(corruption, severity)));
            }
        }
        return results;
    }

    static double top1(Corruption corruption, int severity) {
        return 0.9 - 0.1 * severity - 0.005 * corruption.ordinal();
    }
}
