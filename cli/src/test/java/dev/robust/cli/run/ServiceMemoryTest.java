package dev.robust.cli.run;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServiceMemoryTest {
    @Test
    void trainerHeapAndOffHeapAreCappedWithinTheQuickProfilesThreeGigabytes() {
        List<String> trainer = Service.TRAINER.memoryOptions();
        assertTrue(trainer.contains("-Xmx1g"), trainer.toString());
        assertTrue(trainer.contains("-Dorg.bytedeco.javacpp.maxbytes=1g"), trainer.toString());
        assertTrue(trainer.contains("-Dorg.bytedeco.javacpp.maxphysicalbytes=2800m"), trainer.toString());
    }

    @Test
    void everyServiceHasAHeapCap() {
        for (Service service : Service.values()) {
            assertTrue(service.memoryOptions().stream().anyMatch(o -> o.startsWith("-Xmx")), service.module());
        }
    }

    @Test
    void ownJavaOptsComeFromTheServicesVariable() {
        Map<String, String> environment = Map.of("ROBUST_TRAINER_JAVA_OPTS", " -Xmx4g  -Dx=y ",
                "ROBUST_EVAL_JAVA_OPTS", " ");
        assertEquals(List.of("-Xmx4g", "-Dx=y"), Service.TRAINER.ownJvmOptions(environment));
        assertEquals(List.of(), Service.EVAL.ownJvmOptions(environment));
        assertEquals(List.of(), Service.AUGMENT.ownJvmOptions(environment));
    }
}
