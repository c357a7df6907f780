package dev.robust.cli.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.robust.common.checkpoint.CheckpointStore;
import dev.robust.common.corruption.Corruption;
import dev.robust.common.event.CheckpointCreated;
import dev.robust.common.event.EvaluationResult;
import dev.robust.common.event.EvaluationSummary;
import dev.robust.common.event.Event;
import dev.robust.common.event.EventType;
import dev.robust.common.event.ModelRole;
import dev.robust.common.profile.RunProfile;
import dev.robust.common.topic.DeadLetterHeaders;
import dev.robust.common.topic.Topics;
import dev.robust.common.pairs.TrainPairsProtocol;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Reliability drills (docs/reliability.md) on one stack of the packaged services with the {@code ci} profile and
 * synthetic data: garbage on every topic the services consume, the trainer killed mid-epoch, the eval-service
 * killed mid-sweep, the broker restarted mid-run. Each drill starts a run of its own and asserts that it completes
 * and that what the eval-service reports is whole and has no duplicates. Service logs: target/it-drills/logs.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReliabilityDrillIT {
    private static final Path OUT = Path.of("target/it-drills").toAbsolutePath();
    private static final RunProfile CI = RunProfile.named("ci");
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(4);
    private static final Duration POLL = Duration.ofMillis(50);
    private static final Pattern RESUMED = Pattern.compile("resuming the teacher after (\\S+)");
    private static final PrintWriter LOG = new PrintWriter(System.out, true);
    /** Measured durations, printed at the end (docs/reliability.md quotes them). */
    private static final Map<String, Double> SECONDS = new LinkedHashMap<>();

    private static final JsonHttp HTTP = new JsonHttp(null);
    private static DrillStack stack;
    private static Garbage garbage;
    private static final List<Garbage.Injected> DATA_GARBAGE = new ArrayList<>();

    @BeforeAll
    @Timeout(value = 8, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    static void startTheStackWithGarbageInEveryDataTopic() throws IOException, InterruptedException {
        long started = System.nanoTime();
        deleteRecursively(OUT);
        DataPlan data = new DatasetChoice(OUT.resolve("no-local-data"), OUT, directory -> {
            throw new IOException("the drills use synthetic data");
        }).choose("synthetic", null, CI);
        stack = DrillStack.start(OUT, data.dataRoot(), CI, LOG);
        SECONDS.put("stack start", seconds(started));
        garbage = new Garbage(stack.bootstrapServers());
        // Before the ingest: the eval-service stops reading a data topic once it has every image it scores, so
        // garbage behind the images would never be read. Two of the three records carry the keys of real images.
        DATA_GARBAGE.addAll(garbage.images(Topics.CIFAR10_TRAIN, String::valueOf));
        DATA_GARBAGE.addAll(garbage.images(Topics.CIFAR10_VAL, String::valueOf));
        DATA_GARBAGE.addAll(garbage.images(Topics.CIFAR10_TEST, String::valueOf));
        int severity = CI.evalSeverities().get(0);
        for (Corruption corruption : CI.evalCorruptions()) {
            DATA_GARBAGE.addAll(garbage.images(Topics.cifar10c(corruption), index -> severity + "/" + index));
        }
        long ingestStarted = System.nanoTime();
        IngestClient ingest = new IngestClient(HTTP, stack.uri(Service.AUGMENT), LOG);
        ingest.ingestDataset(data, CI);
        ingest.ingestCorruptions(data, CI);
        SECONDS.put("ingest", seconds(ingestStarted));
    }

    @AfterAll
    static void stopTheStack() {
        if (garbage != null) garbage.close();
        if (stack != null) {
            long stopping = System.nanoTime();
            stack.close();
            SECONDS.put("stack stop", seconds(stopping));
        }
        LOG.println("drill timings (s): " + SECONDS);
    }

    /** Issue 9: the oneDNN self-check passes in the packaged runners, not only in the modules' tests. */
    @Test
    @Order(1)
    void packagedTrainerAndEvalRunDl4jWithOneDnn() throws IOException, InterruptedException {
        JsonNode trainer = HTTP.get(stack.uri(Service.TRAINER).resolve("/info"));
        assertEquals("dl4j", trainer.path("engine").asText(), trainer.toString());
        assertTrue(trainer.path("backend").path("onednn").asBoolean(false), "trainer /info: " + trainer);
        JsonNode eval = HTTP.get(stack.uri(Service.EVAL).resolve("/info"));
        assertTrue(eval.path("engines").path("dl4j").path("onednn").asBoolean(false), "eval /info: " + eval);
    }

    /** The packaged services watch the process that started them (ParentWatch), so a killed CLI orphans none. */
    @Test
    @Order(1)
    void packagedServicesWatchTheProcessThatStartedThem() throws IOException {
        for (Service service : Service.values()) {
            String log = Files.readString(stack.log(service));
            assertTrue(log.contains("started by process " + ProcessHandle.current().pid() + "; exiting when it is gone"),
                    service.module() + " does not watch its parent; see " + stack.log(service));
        }
    }

    @Test
    @Order(2)
    @Timeout(value = 5, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void garbageOnEveryConsumedTopicIsDeadLetteredAndTheRunCompletes() throws Exception {
        long started = System.nanoTime();
        List<Garbage.Injected> injected = new ArrayList<>(DATA_GARBAGE);
        injected.addAll(garbage.events(Topics.RUNS, EventType.RUN_REQUESTED, "drill-garbage"));
        injected.addAll(garbage.events(Topics.MODEL_CHECKPOINTS, EventType.CHECKPOINT_CREATED,
                "drill-garbage/teacher/0"));
        List<Garbage.Injected> ignoredByDesign = garbage.events(Topics.EVALUATIONS, EventType.EVALUATION_RESULT,
                "drill-garbage/clean/0");
        MetricsScrape trainerBefore = MetricsScrape.of(stack.uri(Service.TRAINER));
        MetricsScrape evalBefore = MetricsScrape.of(stack.uri(Service.EVAL));
        String runId = startRun(Map.of());

        // train.pairs: the trainer reads only its run's records of the epoch it trains, from where the run
        // started. Garbage with the run's headers for student epoch 0, written after the teacher's last epoch
        // (the SWA pass) is complete on the topic and before any student epoch ends, is read as student epoch 0.
        int partition = TrainPairsProtocol.partitionFor(runId, TopicRecords.partitions(stack.bootstrapServers(),
                Topics.TRAIN_PAIRS));
        int swaEpoch = CI.teacher().epochs();
        awaitCondition("teacher epoch " + swaEpoch + " of " + runId + " on " + Topics.TRAIN_PAIRS,
                () -> endOfEpochWritten(runId, ModelRole.TEACHER, swaEpoch));
        assertTrue(!endOfEpochWritten(runId, ModelRole.STUDENT, 0), "student epoch 0 already written: too late");
        injected.addAll(garbage.pairs(runId, ModelRole.STUDENT, 0, partition));

        awaitScored(runId);
        Map<String, Set<String>> expected = new TreeMap<>();
        for (Garbage.Injected record : injected) {
            expected.computeIfAbsent(record.topic(), t -> new TreeSet<>()).add(record.origin());
        }
        Map<String, Set<String>> consumers = new TreeMap<>();
        for (Map.Entry<String, Set<String>> topic : expected.entrySet()) {
            String dlq = Topics.dlq(topic.getKey());
            awaitCondition("every garbage record of " + topic.getKey() + " in " + dlq,
                    () -> origins(dlq).keySet().containsAll(topic.getValue()));
            Map<String, Set<String>> origins = origins(dlq);
            assertEquals(topic.getValue(), origins.keySet(), dlq + ": only the garbage, all of it");
            consumers.put(topic.getKey(), origins.values().stream().flatMap(Set::stream)
                    .collect(Collectors.toCollection(TreeSet::new)));
        }
        LOG.println("drill garbage: dead-lettered by " + consumers);
        assertTrue(TopicRecords.read(stack.bootstrapServers(), Topics.dlq(Topics.EVALUATIONS)).isEmpty(),
                ignoredByDesign.size() + " garbage records on " + Topics.EVALUATIONS
                        + " are skipped by its readers (the query table, the live feed), not dead-lettered");
        assertEveryCheckpointScoredOnce(runId);
        assertMetricsFollowedTheRun(runId, trainerBefore, evalBefore, expected.keySet());
        SECONDS.put("garbage drill", seconds(started));
    }

    /** Series count of the eval-service's evaluation gauges after the first run's checkpoints were scored. */
    private static long evaluationSeriesAfterOneRun;
    private static int checkpointsAfterOneRun;

    /** Issue 18: each service's /q/metrics, scraped before and after a run, shows the run going. */
    private static void assertMetricsFollowedTheRun(String runId, MetricsScrape trainerBefore,
                                                    MetricsScrape evalBefore, Set<String> garbageTopics)
            throws IOException, InterruptedException {
        int checkpoints = checkpointShaSets(runId).size();
        MetricsScrape trainer = MetricsScrape.of(stack.uri(Service.TRAINER));
        MetricsScrape eval = MetricsScrape.of(stack.uri(Service.EVAL));
        MetricsScrape augment = MetricsScrape.of(stack.uri(Service.AUGMENT));
        LOG.println("drill metrics: trainer " + trainer.count("robust_") + " robust_ series, eval "
                + eval.count("robust_") + ", augment " + augment.count("robust_") + "; augment's runs lag: "
                + augment.labelValues("kafka_consumer_fetch_manager_records_lag", "topic"));

        assertEquals(checkpoints, trainer.sum("robust_trainer_checkpoints_published_total")
                - trainerBefore.sum("robust_trainer_checkpoints_published_total"), "checkpoints published");
        assertEquals(Set.of("teacher", "student"), trainer.labelValues("robust_trainer_checkpoints_published_total",
                "role"));
        assertEquals(1, trainer.sum("robust_trainer_runs_ended_total")
                - trainerBefore.sum("robust_trainer_runs_ended_total"), "runs ended");
        assertEquals(0, trainer.sum("robust_trainer_runs_training"));
        assertTrue(trainer.sum("robust_trainer_step") > trainerBefore.sum("robust_trainer_step"), "steps");
        assertEquals(CI.student().epochs() - 1.0, trainer.series().get("robust_trainer_epoch{role=\"student\"}"));
        for (String name : List.of("robust_trainer_images_per_second", "robust_trainer_loss",
                "robust_trainer_val_accuracy", "robust_trainer_phase")) {
            assertEquals(Set.of("teacher", "student"), trainer.labelValues(name, "role"), name);
        }
        assertTrue(trainer.sum("robust_trainer_pairs_wait_seconds_count")
                > trainerBefore.sum("robust_trainer_pairs_wait_seconds_count"), "pairs waited for");
        assertTrue(trainer.sum("robust_trainer_checkpoint_publish_duration_seconds_count") >= checkpoints);
        assertEquals(Set.of(Topics.RUNS), trainer.labelValues("robust_kafka_consumer_lag", "topic"));

        assertTrue(eval.sum("robust_eval_sweeps_total") - evalBefore.sum("robust_eval_sweeps_total") >= checkpoints,
                "sweeps completed");
        assertTrue(eval.sum("robust_eval_images_scored_total") > evalBefore.sum("robust_eval_images_scored_total"));
        assertTrue(eval.sum("robust_eval_sweep_duration_seconds_count") >= checkpoints);
        assertTrue(eval.sum("robust_eval_slice_duration_seconds_count")
                >= checkpoints * (1.0 + CI.evalCorruptions().size()), "a pass per topic of each sweep");
        assertTrue(eval.has("robust_eval_checkpoints_waiting"));
        // Counted every 5 s by the checkpoint consumer: the last count may predate the run's last checkpoint.
        awaitCondition("no checkpoint waiting", () ->
                MetricsScrape.of(stack.uri(Service.EVAL)).sum("robust_eval_checkpoints_waiting") == 0);
        assertEquals(Set.of(Topics.MODEL_CHECKPOINTS), eval.labelValues("robust_kafka_consumer_lag", "topic"));
        assertTrue(eval.has("robust_evaluation_top1"));

        Set<String> deadLettered = new TreeSet<>();
        for (MetricsScrape service : List.of(trainer, eval, augment)) {
            deadLettered.addAll(service.labelValues("robust_dead_letters_total", "topic"));
        }
        assertTrue(deadLettered.containsAll(garbageTopics), "dead letters counted on " + deadLettered
                + ", garbage on " + garbageTopics);
        evaluationSeriesAfterOneRun = eval.count("robust_evaluation_");
        checkpointsAfterOneRun = checkpoints;
    }

    @Test
    @Order(3)
    @Timeout(value = 5, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void trainerKilledMidEpochResumesFromItsLastCheckpoint() throws Exception {
        long started = System.nanoTime();
        // Three teacher epochs, so the kill can land inside epoch 1 or 2 with epoch 0 checkpointed.
        String runId = startRun(Map.of("teacher.epochs", 3));
        JsonNode atKill = awaitRun(runId, run -> run.path("phase").asText().equals("teacher")
                && run.path("epoch").asInt() >= 1 && run.path("step").asInt() >= 1
                && run.path("step").asInt() < run.path("stepsPerEpoch").asInt());
        stack.kill(Service.TRAINER);
        long killed = System.nanoTime();
        int epochAtKill = atKill.path("epoch").asInt();
        LOG.println("drill: trainer killed at teacher epoch " + epochAtKill + ", step " + atKill.path("step"));
        Map<String, String> shaAtKill = checkpointSha256s(runId);

        stack.restart(Service.TRAINER);
        awaitScored(runId);
        SECONDS.put("trainer kill → run finished", seconds(killed));

        Matcher resumed = RESUMED.matcher(Files.readString(stack.log(Service.TRAINER)));
        assertTrue(resumed.find(), "the new trainer did not resume the teacher; see " + stack.log(Service.TRAINER));
        String resumedAfter = resumed.group(1);
        int resumedEpoch = Integer.parseInt(resumedAfter.substring(resumedAfter.lastIndexOf('-') + 1));
        assertTrue(resumedAfter.startsWith(runId + "-teacher-") && resumedEpoch >= epochAtKill - 1,
                "resumed after " + resumedAfter + ", but epoch " + (epochAtKill - 1) + " was checkpointed at the kill");
        Map<String, Set<String>> shas = checkpointShaSets(runId);
        shas.forEach((checkpoint, set) ->
                assertEquals(1, set.size(), checkpoint + " was published with different contents: " + set));
        shaAtKill.forEach((checkpoint, sha) -> assertEquals(Set.of(sha), shas.get(checkpoint), checkpoint));
        JsonNode run = HTTP.get(stack.uri(Service.TRAINER).resolve("/runs/" + runId));
        List<String> history = new ArrayList<>();
        run.path("history").forEach(epoch -> history.add(epoch.path("phase").asText() + epoch.path("epoch").asInt()));
        assertEquals(List.of("teacher0", "teacher1", "teacher2", "student0"), history, "each epoch once");
        assertEveryCheckpointScoredOnce(runId);
        SECONDS.put("trainer drill", seconds(started));
    }

    @Test
    @Order(4)
    @Timeout(value = 5, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void evalKilledMidSweepScoresEveryCheckpointOnce() throws Exception {
        long started = System.nanoTime();
        String runId = startRun(Map.of());
        boolean midSweep = false;
        Set<String> tried = new HashSet<>();
        try (EvaluationFeed feed = new EvaluationFeed(stack.bootstrapServers(), runId)) {
            // A sweep of the ci profile takes about a second; if the kill lands just after one ended, try the
            // next checkpoint.
            for (int attempt = 0; attempt < 3 && !midSweep; attempt++) {
                String checkpoint = awaitValue("a sweep of " + runId + " in progress", () -> {
                    feed.poll(POLL);
                    return feed.inProgress().map(EvaluationFeed.Scoring::checkpointId).filter(id -> !tried.contains(id));
                });
                stack.kill(Service.EVAL);
                tried.add(checkpoint);
                midSweep = summaries(runId).stream().noneMatch(s -> s.checkpointId().equals(checkpoint));
                LOG.println("drill: eval-service killed while scoring " + checkpoint
                        + (midSweep ? " (mid-sweep)" : " (its sweep had just ended)"));
                stack.restart(Service.EVAL);
                if (!midSweep) feed.poll(POLL);
            }
        }
        assertTrue(midSweep, "no kill landed inside a sweep in 3 attempts");
        awaitScored(runId);
        assertEveryCheckpointScoredOnce(runId);
        SECONDS.put("eval drill", seconds(started));
    }

    @Test
    @Order(5)
    @Timeout(value = 5, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void runCompletesAcrossABrokerRestart() throws Exception {
        long started = System.nanoTime();
        String runId = startRun(Map.of());
        awaitRun(runId, run -> run.path("phase").asText().equals("teacher") && run.path("step").asInt() >= 1);
        long stopped = System.nanoTime();
        stack.restartBroker(Duration.ofSeconds(3));
        SECONDS.put("broker stop + 3 s down + start", seconds(stopped));
        awaitScored(runId);
        for (Service service : Service.values()) assertTrue(stack.isAlive(service), service.module() + " died");
        assertEveryCheckpointScoredOnce(runId);
        SECONDS.put("broker drill", seconds(started));
    }

    /**
     * Orphans: a stand-in for {@code robust up} in a JVM of its own starts the packaged augment-service the way the
     * CLI does and is killed with SIGKILL; the service must notice and exit. Last, because the extra augment-service
     * joins the augment-service's consumer group on {@code runs}.
     */
    @Test
    @Order(6)
    @Timeout(value = 4, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void serviceExitsWhenTheCliThatStartedItIsKilled() throws Exception {
        Path outDir = OUT.resolve("orphan");
        Process cli = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "-D" + ProjectLayout.HOME_PROPERTY + "=" + ProjectLayout.detect().root(),
                OrphanedServiceLauncher.class.getName(), Service.AUGMENT.name(), stack.bootstrapServers(),
                outDir.toString())
                .redirectErrorStream(true).redirectOutput(OUT.resolve("orphan-launcher.log").toFile()).start();
        String[] ready = awaitValue("the stand-in CLI's augment-service to be ready", () -> {
            if (!cli.isAlive()) fail("the stand-in CLI exited: " + Files.readString(OUT.resolve("orphan-launcher.log")));
            return Files.readAllLines(OUT.resolve("orphan-launcher.log")).stream()
                    .filter(line -> line.startsWith("ready ")).findFirst().map(line -> line.split(" "));
        });
        ProcessHandle service = ProcessHandle.of(Long.parseLong(ready[1])).orElseThrow();
        cli.destroyForcibly(); // SIGKILL: the CLI's shutdown hook, which would stop the service, never runs
        long killed = System.nanoTime();
        try {
            service.onExit().get(60, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            service.destroyForcibly();
            fail("the augment-service (pid " + service.pid() + ") still ran 60 s after its CLI was killed");
        }
        SECONDS.put("CLI SIGKILL → its service gone", seconds(killed));
        assertTrue(Files.readString(Path.of(ready[2])).contains("is gone; shutting down"),
                "the service did not say why it stopped; see " + ready[2]);
    }

    /** Issue 18: however many checkpoints the drills' runs add, the eval-service's series stay as they were. */
    @Test
    @Order(6)
    void evalServiceSeriesDoNotGrowWithCheckpoints() throws Exception {
        int checkpoints = events(Topics.MODEL_CHECKPOINTS, CheckpointCreated.class).stream()
                .map(CheckpointCreated::checkpointId).collect(Collectors.toSet()).size();
        assertTrue(checkpointsAfterOneRun > 0 && checkpoints > checkpointsAfterOneRun,
                checkpoints + " checkpoints now, " + checkpointsAfterOneRun + " after the first run");
        awaitCondition("the eval-service's gauges rebuilt from " + Topics.EVALUATIONS, () ->
                MetricsScrape.of(stack.uri(Service.EVAL)).count("robust_evaluation_") >= evaluationSeriesAfterOneRun);
        assertEquals(evaluationSeriesAfterOneRun, MetricsScrape.of(stack.uri(Service.EVAL)).count("robust_evaluation_"),
                "robust_evaluation_* series after " + checkpoints + " checkpoints");
    }

    // ---- runs and what the eval-service made of them ----

    private static String startRun(Map<String, Object> overrides) throws IOException, InterruptedException {
        JsonNode accepted = HTTP.post(stack.uri(Service.TRAINER).resolve("/runs"),
                Map.of("profile", CI.name(), "overrides", overrides));
        String runId = accepted.path("runId").asText();
        LOG.println("drill: run " + runId + " " + overrides);
        return runId;
    }

    /** Polls the trainer (which may be restarting) until the run matches; fails if it fails. */
    private static JsonNode awaitRun(String runId, Predicate<JsonNode> condition) throws InterruptedException {
        return awaitValue("run " + runId + " to reach the drill's point", () -> {
            JsonNode run;
            try {
                run = HTTP.get(stack.uri(Service.TRAINER).resolve("/runs/" + runId));
            } catch (IOException trainerAway) {
                return Optional.empty();
            }
            String status = run.path("status").asText();
            if (status.equals("FAILED") || status.equals("CANCELLED")) fail("run " + runId + " " + status + ": " + run);
            return condition.test(run) ? Optional.of(run) : Optional.empty();
        });
    }

    /** The run finished and every checkpoint it published has a complete summary. */
    private static void awaitScored(String runId) throws InterruptedException {
        awaitRun(runId, run -> run.path("status").asText().equals("FINISHED"));
        awaitCondition("a complete summary of every checkpoint of " + runId, () -> {
            Set<String> complete = summaries(runId).stream()
                    .filter(s -> s.status() == EvaluationSummary.Status.COMPLETE)
                    .map(EvaluationSummary::checkpointId).collect(Collectors.toSet());
            return complete.containsAll(checkpointShaSets(runId).keySet());
        });
    }

    /**
     * Every checkpoint of the run has each slice of the profile scored, the same counts each time a slice was
     * scored again, and the eval-service's report and query table show each checkpoint and each slice once.
     */
    private static void assertEveryCheckpointScoredOnce(String runId) throws Exception {
        Set<String> checkpoints = checkpointShaSets(runId).keySet();
        Set<String> slices = new TreeSet<>();
        slices.add(EvaluationResult.CLEAN + "/0");
        for (Corruption corruption : CI.evalCorruptions()) {
            for (int severity : CI.evalSeverities()) slices.add(corruption.id() + "/" + severity);
        }
        Map<String, Set<String>> scored = new TreeMap<>();
        Map<String, Set<String>> countsPerSlice = new TreeMap<>();
        for (EvaluationResult result : events(Topics.EVALUATIONS, EvaluationResult.class)) {
            if (!result.runId().equals(runId)) continue;
            String slice = result.corruption() + "/" + result.severity();
            assertEquals(EvaluationResult.Status.OK, result.status(), result.checkpointId() + " " + slice);
            scored.computeIfAbsent(result.checkpointId(), c -> new TreeSet<>()).add(slice);
            countsPerSlice.computeIfAbsent(result.recordKey(), k -> new TreeSet<>())
                    .add(result.correct() + "/" + result.total());
        }
        for (String checkpoint : checkpoints) assertEquals(slices, scored.get(checkpoint), checkpoint);
        countsPerSlice.forEach((key, counts) -> assertEquals(1, counts.size(), key + " re-scored differently"));

        awaitCondition("the eval-service's table to hold every result of " + runId, () -> {
            JsonNode rows = HTTP.get(stack.uri(Service.EVAL).resolve("/evaluations?run=" + runId));
            return rows.size() >= checkpoints.size() * slices.size();
        });
        JsonNode rows = HTTP.get(stack.uri(Service.EVAL).resolve("/evaluations?run=" + runId));
        List<String> rowKeys = new ArrayList<>();
        rows.forEach(row -> rowKeys.add(row.path("checkpoint_id").asText() + "/" + row.path("corruption").asText()
                + "/" + row.path("severity").asInt()));
        assertEquals(checkpoints.size() * slices.size(), rowKeys.size(), "GET /evaluations rows: " + rowKeys);
        assertEquals(rowKeys.size(), new HashSet<>(rowKeys).size(), "duplicate rows: " + rowKeys);

        JsonNode report = HTTP.get(stack.uri(Service.EVAL).resolve("/runs/" + runId + "/report"));
        List<String> reported = new ArrayList<>();
        report.path("checkpoints").forEach(summary -> reported.add(summary.path("checkpoint_id").asText()));
        assertEquals(new TreeSet<>(checkpoints), new TreeSet<>(reported), "report of " + runId);
        assertEquals(reported.size(), new HashSet<>(reported).size(), "duplicate checkpoints in the report");
        // Complete against the ci profile's own scope (3 corruptions at severity 5), not all 19 x 5 slices.
        report.path("checkpoints").forEach(summary -> assertEquals("complete", summary.path("status").asText(),
                summary.path("checkpoint_id").asText() + " in the report: " + summary));
    }

    // ---- reading topics ----

    private static <T extends Event> List<T> events(String topic, Class<T> type) {
        return TopicRecords.events(stack.bootstrapServers(), topic, type);
    }

    private static List<EvaluationSummary> summaries(String runId) {
        return events(Topics.EVALUATION_SUMMARIES, EvaluationSummary.class).stream()
                .filter(s -> s.runId().equals(runId)).toList();
    }

    /** Checkpoint id → every sha256 published for it on {@code model.checkpoints}. */
    private static Map<String, Set<String>> checkpointShaSets(String runId) {
        Map<String, Set<String>> shas = new TreeMap<>();
        for (CheckpointCreated checkpoint : events(Topics.MODEL_CHECKPOINTS, CheckpointCreated.class)) {
            if (!checkpoint.runId().equals(runId)) continue;
            assertEquals(CheckpointStore.checkpointId(runId, checkpoint.role(), checkpoint.epoch(), checkpoint.kind()),
                    checkpoint.checkpointId());
            shas.computeIfAbsent(checkpoint.checkpointId(), id -> new TreeSet<>()).add(checkpoint.sha256());
        }
        return shas;
    }

    private static Map<String, String> checkpointSha256s(String runId) {
        Map<String, String> shas = new HashMap<>();
        checkpointShaSets(runId).forEach((id, set) -> shas.put(id, set.iterator().next()));
        return shas;
    }

    /** Origin ({@code topic/partition/offset}) → the services that dead-lettered it. */
    private static Map<String, Set<String>> origins(String dlq) {
        Map<String, Set<String>> origins = new TreeMap<>();
        for (ConsumerRecord<String, byte[]> letter : TopicRecords.read(stack.bootstrapServers(), dlq)) {
            String origin = TopicRecords.header(letter, DeadLetterHeaders.ORIGINAL_TOPIC) + "/"
                    + TopicRecords.header(letter, DeadLetterHeaders.ORIGINAL_PARTITION) + "/"
                    + TopicRecords.header(letter, DeadLetterHeaders.ORIGINAL_OFFSET);
            origins.computeIfAbsent(origin, o -> new TreeSet<>())
                    .add(TopicRecords.header(letter, DeadLetterHeaders.CONSUMER));
        }
        return origins;
    }

    private static boolean endOfEpochWritten(String runId, ModelRole phase, int epoch) {
        String key = TrainPairsProtocol.endOfEpochKey(runId, epoch);
        return TopicRecords.read(stack.bootstrapServers(), Topics.TRAIN_PAIRS).stream()
                .anyMatch(record -> key.equals(record.key()) && phase.id().equals(
                        TopicRecords.header(record, TrainPairsProtocol.HEADER_PHASE)));
    }

    // ---- waiting ----

    @FunctionalInterface
    interface Probe<T> {
        Optional<T> value() throws Exception;
    }

    @FunctionalInterface
    private interface Check {
        boolean holds() throws Exception;
    }

    private static void awaitCondition(String what, Check check) throws InterruptedException {
        awaitValue(what, () -> check.holds() ? Optional.of(Boolean.TRUE) : Optional.empty());
    }

    /** Polls {@code probe} every 50 ms until it has a value; fails after 4 minutes. Shared with EvalScaleOutIT. */
    static <T> T awaitValue(String what, Probe<T> probe) throws InterruptedException {
        long deadline = System.nanoTime() + RUN_TIMEOUT.toNanos();
        while (true) {
            try {
                Optional<T> value = probe.value();
                if (value.isPresent()) return value.get();
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception notYet) {
                if (System.nanoTime() > deadline) throw new AssertionError("waiting for " + what, notYet);
            }
            if (System.nanoTime() > deadline) fail("no " + what + " within " + RUN_TIMEOUT.toSeconds() + " s");
            Thread.sleep(POLL.toMillis());
        }
    }

    static double seconds(long startedNanos) {
        return Math.round((System.nanoTime() - startedNanos) / 1e8) / 10.0;
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) Files.delete(path);
        }
    }
}
