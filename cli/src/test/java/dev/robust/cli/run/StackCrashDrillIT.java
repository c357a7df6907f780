package dev.robust.cli.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.robust.cli.RobustCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The reliability drills of issue 17 on the real CLI (docs/reliability.md): {@code robust up} in a JVM of its own,
 * with the packaged services as its children. A service SIGKILLed under it is restarted by the CLI; then the CLI
 * (with the broker in its JVM) is SIGKILLed in the middle of a teacher epoch, its services exit as their parent
 * watch tells them to, and {@code robust run --resume} on the same directory resumes the run from its last
 * checkpoint and writes its report. The same crash in the middle of a student epoch resumes the student.
 */
class StackCrashDrillIT {
    private static final Path OUT = Path.of("target/it-stack-crash").toAbsolutePath();
    private static final Duration STACK_START = Duration.ofMinutes(5);
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(6);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonHttp HTTP = new JsonHttp(null);

    @Test
    @Timeout(value = 20, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aKilledServiceIsRestartedAndAStackKilledMidTeacherResumesItsRun() throws Exception {
        crashAndResume("teacher", Map.of("teacher.epochs", 3), true,
                List.of("teacher0", "teacher1", "teacher2", "student0"));
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aStackKilledMidStudentResumesItsRun() throws Exception {
        crashAndResume("student", Map.of("student.epochs", 3), false,
                List.of("teacher0", "student0", "student1", "student2"));
    }

    /**
     * {@code robust up}, a ci run with {@code overrides}, a SIGKILL of the CLI in the middle of an epoch after the
     * first of {@code phase}, then {@code robust run --resume}: the run resumes {@code phase} from its last
     * checkpoint, trains each epoch once and scores the raw teacher, the SWA teacher and the student.
     */
    private void crashAndResume(String phase, Map<String, Object> overrides, boolean drillSupervision,
                                List<String> expectedHistory) throws Exception {
        Path out = OUT.resolve(phase);
        Path stack = out.resolve("stack");
        ReliabilityDrillIT.deleteRecursively(out);
        Files.createDirectories(out);
        Process up = cli(out.resolve("cli-up.log"), stack, "up");
        try {
            String trainer = awaitLine(up, out.resolve("cli-up.log"), "trainer ", STACK_START).split("\\s+")[1];
            awaitLine(up, out.resolve("cli-up.log"), "The stack is up", STACK_START);

            if (drillSupervision) {
                // Supervision: the augment-service killed under the CLI is restarted, and both logs are kept.
                ProcessHandle augment = child(up, Service.AUGMENT);
                augment.destroyForcibly();
                long killed = System.nanoTime();
                awaitLine(up, out.resolve("cli-up.log"), Service.AUGMENT.module() + " is back", STACK_START);
                System.out.printf("drill: augment-service SIGKILL → back in %.1f s%n",
                        (System.nanoTime() - killed) / 1e9);
                Path augmentLog = stack.resolve("logs").resolve(Service.AUGMENT.module() + ".log");
                assertTrue(Files.exists(LogRotation.numbered(augmentLog, 1)), "the killed process's log was not kept");
                assertTrue(Files.readString(stack.resolve("logs").resolve(LocalStack.LOG)).contains("restarting it"),
                        "the restart is not in " + LocalStack.LOG);
            }

            // Whole-stack crash in the middle of an epoch of the phase, with its first epoch checkpointed.
            JsonNode accepted = HTTP.post(java.net.URI.create(trainer + "/runs"),
                    Map.of("profile", "ci", "overrides", overrides));
            String runId = accepted.path("runId").asText();
            JsonNode atKill = awaitRun(trainer, runId, run -> run.path("phase").asText().equals(phase)
                    && run.path("epoch").asInt() >= 1 && run.path("step").asInt() >= 1
                    && run.path("step").asInt() < run.path("stepsPerEpoch").asInt());
            // SIGKILL the CLI (and with it the broker in its JVM): each service sees its parent gone and shuts down
            // in order, the path on which the trainer used to commit the request of the run it was stopping.
            List<ProcessHandle> services = up.children().toList();
            up.destroyForcibly();
            up.waitFor(30, TimeUnit.SECONDS);
            for (ProcessHandle service : services) service.onExit().get(90, TimeUnit.SECONDS);
            System.out.println("drill: CLI killed at " + phase + " epoch " + atKill.path("epoch") + ", step "
                    + atKill.path("step") + "; its " + services.size() + " services exited");
        } finally {
            up.descendants().forEach(ProcessHandle::destroyForcibly);
            up.destroyForcibly();
        }

        long resumed = System.nanoTime();
        Process resume = cli(out.resolve("cli-resume.log"), stack, "run", "--resume");
        try {
            if (!resume.waitFor(RUN_TIMEOUT.toMinutes() + STACK_START.toMinutes(), TimeUnit.MINUTES)) {
                fail("robust run --resume did not end; see " + out.resolve("cli-resume.log"));
            }
        } finally {
            resume.descendants().forEach(ProcessHandle::destroyForcibly);
            resume.destroyForcibly();
        }
        System.out.printf("drill: robust run --resume → report in %.1f s%n", (System.nanoTime() - resumed) / 1e9);
        assertEquals(0, resume.exitValue(), "robust run --resume failed; see " + out.resolve("cli-resume.log"));

        JsonNode report = JSON.readTree(stack.resolve("report.json").toFile());
        String runId = report.path("runId").asText();
        Path trainerLog = stack.resolve("logs").resolve(Service.TRAINER.module() + ".log");
        Matcher resumedAfter = Pattern.compile("resuming the " + phase + " after (\\S+)")
                .matcher(Files.readString(trainerLog));
        assertTrue(resumedAfter.find() && resumedAfter.group(1).startsWith(runId + "-" + phase + "-"),
                "the trainer of the new stack did not resume the " + phase + " of " + runId + "; see " + trainerLog);
        assertTrue(Files.exists(LogRotation.numbered(trainerLog, 1)), "the killed trainer's log was not kept");
        List<String> history = new ArrayList<>();
        report.path("history").forEach(epoch -> history.add(epoch.path("phase").asText() + epoch.path("epoch")));
        assertEquals(expectedHistory, history, "each epoch once");
        List<String> kinds = new ArrayList<>();
        report.path("models").forEach(model -> kinds.add(model.path("kind").asText()));
        assertEquals(List.of("raw", "swa", "final"), kinds,
                "raw teacher, SWA teacher and student scored: " + report.path("models"));
    }

    /** {@code robust <args>} in a JVM of its own, on {@code stack}, with the drills' short group session. */
    private static Process cli(Path log, Path stack, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                        .toString(), "-cp", System.getProperty("java.class.path"),
                "-D" + ProjectLayout.HOME_PROPERTY + "=" + ProjectLayout.detect().root(),
                RobustCommand.class.getName()));
        command.addAll(List.of(args));
        command.addAll(List.of("--profile", "ci", "--dataset", "synthetic", "--out", stack.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        // A SIGKILLed member holds its partitions until its session expires: 6 s here instead of 45 s.
        builder.environment().put(StackOptions.SERVICE_JAVA_OPTS,
                "-Dkafka.session.timeout.ms=6000 -Dkafka.heartbeat.interval.ms=1000");
        return builder.start();
    }

    private static String awaitLine(Process cli, Path log, String start, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<String> line = Files.readAllLines(log).stream().map(String::strip)
                    .filter(l -> l.startsWith(start)).findFirst();
            if (line.isPresent()) return line.get();
            if (!cli.isAlive()) fail("the CLI exited (" + cli.exitValue() + "): " + Files.readString(log));
            Thread.sleep(200);
        }
        throw new AssertionError("no line '" + start + "' within " + timeout + " in " + log);
    }

    private static ProcessHandle child(Process cli, Service service) {
        return cli.children().filter(child -> child.info().arguments().map(List::of).orElse(List.of()).stream()
                        .anyMatch(argument -> argument.contains(service.module())))
                .findFirst().orElseThrow(() -> new AssertionError("no " + service.module() + " under the CLI"));
    }

    private static JsonNode awaitRun(String trainer, String runId, Predicate<JsonNode> condition) throws Exception {
        long deadline = System.nanoTime() + RUN_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode run = HTTP.get(java.net.URI.create(trainer + "/runs/" + runId));
            if (run.path("status").asText().equals("FAILED")) fail("run " + runId + " failed: " + run);
            if (condition.test(run)) return run;
            Thread.sleep(50);
        }
        throw new AssertionError("run " + runId + " never reached the drill's point");
    }
}
