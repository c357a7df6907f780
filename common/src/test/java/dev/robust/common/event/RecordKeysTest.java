package dev.robust.common.event;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RecordKeysTest {
    @Test
    void keysNameTheFactSoRescoringYieldsTheSameKey() {
        assertEquals("ck1/gaussian_noise/5", RecordKeys.evaluation("ck1", "gaussian_noise", 5));
        assertEquals(SampleEvents.CHECKPOINT + "/clean/0", SampleEvents.result("clean", 0, 0.5).recordKey());
        assertEquals("r1/student/4", RecordKeys.checkpoint("r1", ModelRole.STUDENT, 4));
        assertEquals("r1/teacher/4", RecordKeys.checkpoint("r1", ModelRole.TEACHER, 4, ModelKind.SWA));
        assertEquals("r1/teacher/4/raw", RecordKeys.checkpoint("r1", ModelRole.TEACHER, 4, ModelKind.RAW));
        assertEquals("3/9999", RecordKeys.corruptedImage(3, 9999));
        assertEquals("r1/2/17", RecordKeys.trainPair("r1", 2, 17));
        assertEquals("123", RecordKeys.datasetImage(123));
    }

    @Test
    void rejectsPartsThatWouldMakeKeysAmbiguous() {
        assertThrows(IllegalArgumentException.class, () -> RecordKeys.run("a/b"));
        assertThrows(IllegalArgumentException.class, () -> RecordKeys.corruptedImage(6, 1));
    }
}
