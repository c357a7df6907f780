package dev.robust.common.event;

import dev.robust.common.corruption.Corruption;
import dev.robust.common.stats.Wilson;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class EvaluationSummaryTest {
    @Test
    void completeResultsGiveMeansOverSeverityFiveAndOverAll() {
        EvaluationSummary summary = EvaluationSummary.of(SampleEvents.fullResults(0.93));
        double sev5 = 0;
        double all = 0;
        for (Corruption corruption : Corruption.values()) {
            sev5 += SampleEvents.top1(corruption, 5);
            for (int severity = 1; severity <= 5; severity++) all += SampleEvents.top1(corruption, severity);
        }
        assertEquals(EvaluationSummary.Status.COMPLETE, summary.status());
        assertEquals(0.93, summary.cleanTop1());
        assertEquals(sev5 / 19, summary.cSev5(), 1e-12);
        assertEquals(all / 95, summary.cAll(), 1e-12);
        assertEquals(List.of(), summary.missing());
        assertEquals(SampleEvents.top1(Corruption.FOG, 3), summary.perCorruption().get("fog").get(3));
    }

    @Test
    void aLaterFailureReplacesAnEarlierResultAndMarksTheCorruptionMissing() {
        List<EvaluationResult> results = new ArrayList<>(SampleEvents.fullResults(0.9));
        results.add(new EvaluationResult(SampleEvents.CHECKPOINT, "r7", ModelRole.TEACHER, 3, "dl4j", "cifar10",
                "snow", 5, 0, 0, 0, EvaluationResult.Status.FAILED, "out of memory"));
        EvaluationSummary summary = EvaluationSummary.of(results);
        assertEquals(EvaluationSummary.Status.PARTIAL, summary.status());
        assertEquals(List.of("snow"), summary.missing());
        assertNull(summary.perCorruption().get("snow").get(5));
    }

    @Test
    void onlyFailuresGiveAFailedSummaryWithoutScores() {
        EvaluationSummary summary = EvaluationSummary.of(List.of(new EvaluationResult(SampleEvents.CHECKPOINT, "r7",
                ModelRole.TEACHER, 3, "dl4j", "cifar10", "clean", 0, 0, 0, 0, EvaluationResult.Status.FAILED, "x")));
        assertEquals(EvaluationSummary.Status.FAILED, summary.status());
        assertNull(summary.cleanTop1());
        assertNull(summary.cSev5());
        assertEquals(19, summary.missing().size());
    }

    @Test
    void aNarrowerScopeIsCompleteWhenItsCorruptionsAndSeveritiesAreIn() {
        List<EvaluationResult> results = new ArrayList<>();
        results.add(result(EvaluationResult.CLEAN, 0, 0.9));
        results.add(result("fog", 5, 0.5));
        results.add(result("snow", 5, 0.3));

        EvaluationSummary scoped = EvaluationSummary.of(results, List.of(Corruption.FOG, Corruption.SNOW), List.of(5));
        assertEquals(EvaluationSummary.Status.COMPLETE, scoped.status());
        assertEquals(List.of(), scoped.missing());
        assertEquals(0.4, scoped.cSev5(), 1e-12);

        EvaluationSummary wider = EvaluationSummary.of(results, List.of(Corruption.FOG, Corruption.SNOW), List.of(4, 5));
        assertEquals(EvaluationSummary.Status.PARTIAL, wider.status());
        assertEquals(List.of("snow", "fog"), wider.missing());
    }

    private static EvaluationResult result(String corruption, int severity, double top1) {
        return new EvaluationResult(SampleEvents.CHECKPOINT, "r7", ModelRole.TEACHER, 3, "dl4j", "cifar10",
                corruption, severity, Math.round(top1 * 100), 100, top1, EvaluationResult.Status.OK, null);
    }

    @Test
    void headlineFiguresCarryWilsonIntervalsOverTheirImages() {
        EvaluationSummary summary = EvaluationSummary.of(List.of(
                new EvaluationResult("r1-student-2", "r1", ModelRole.STUDENT, 2, "torch", "cifar10", "clean", 0, 442,
                        1_000, 0.442, EvaluationResult.Status.OK, null, ModelKind.FINAL),
                new EvaluationResult("r1-student-2", "r1", ModelRole.STUDENT, 2, "torch", "cifar10", "fog", 5, 50,
                        200, 0.25, EvaluationResult.Status.OK, null, ModelKind.FINAL),
                new EvaluationResult("r1-student-2", "r1", ModelRole.STUDENT, 2, "torch", "cifar10", "snow", 5, 81,
                        63, 0, EvaluationResult.Status.FAILED, "gone", ModelKind.FINAL),
                new EvaluationResult("r1-student-2", "r1", ModelRole.STUDENT, 2, "torch", "cifar10", "snow", 5, 31,
                        63, 31 / 63.0, EvaluationResult.Status.OK, null, ModelKind.FINAL),
                new EvaluationResult("r1-student-2", "r1", ModelRole.STUDENT, 2, "torch", "cifar10", "snow", 1, 40,
                        63, 40 / 63.0, EvaluationResult.Status.OK, null, ModelKind.FINAL)));
        assertEquals(Wilson.interval(442, 1_000), summary.cleanTop1Interval());
        // C-sev5 pools the severity-5 images of fog and snow: 81 of 263 (the failed snow result counts nothing).
        assertEquals(Wilson.interval(81, 263), summary.cSev5Interval());
        assertEquals(Wilson.interval(121, 326), summary.cAllInterval());
        assertEquals(ModelKind.FINAL, summary.kind());
        assertEquals("student", summary.modelName());
    }

    @Test
    void modelsAreNamedByKind() {
        assertEquals("raw teacher (before SWA)", ModelKind.describe(ModelKind.RAW, ModelRole.TEACHER, 5));
        assertEquals("SWA teacher", ModelKind.describe(ModelKind.SWA, ModelRole.TEACHER, 5));
        assertEquals("student", ModelKind.describe(ModelKind.FINAL, ModelRole.STUDENT, 5));
        assertEquals("teacher epoch 2", ModelKind.describe(ModelKind.EPOCH, ModelRole.TEACHER, 2));
        assertEquals("teacher epoch 2", ModelKind.describe(null, ModelRole.TEACHER, 2));
    }
}
