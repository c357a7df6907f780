package dev.robust.cli.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.robust.common.checkpoint.CheckpointPartitions;
import dev.robust.common.event.CheckpointCreated;
import dev.robust.common.event.EvaluationSummary;
import dev.robust.common.event.Event;
import dev.robust.common.event.ModelKind;
import dev.robust.common.event.ModelRole;
import dev.robust.common.profile.RunProfile;
import dev.robust.common.topic.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
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
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static dev.robust.cli.run.ReliabilityDrillIT.awaitValue;
import static dev.robust.cli.run.ReliabilityDrillIT.seconds;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Two eval-service replicas on the embedded broker, in the stack of {@code robust run}: they split the checkpoints
 * of a ci run, both score at once when checkpoints wait, and when one is killed mid-sweep the other scores what it
 * left; every checkpoint ends with one complete summary, and the final student still has its verdicts.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EvalScaleOutIT {
    private static final Path OUT = Path.of("target/it-scale-out").toAbsolutePath();
    private static final RunProfile CI = RunProfile.named("ci");
    private static final Duration READY = Duration.ofMinutes(5);
    private static final String GROUP = "eval-service";
    private static final PrintWriter LOG = new PrintWriter(System.out, true);
    private static final JsonHttp HTTP = new JsonHttp(null);
    private static final Pattern STARTED = Pattern.compile(
            "^(\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d,\\d{3}) .*scoring checkpoint (\\S+) \\(");
    private static final Pattern ENDED = Pattern.compile(
            "^(\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d,\\d{3}) .*checkpoint (\\S+): [A-Z]+, clean top-1");
    private static final DateTimeFormatter LOG_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss,SSS");
    private static final Map<String, Double> SECONDS = new LinkedHashMap<>();

    private static DrillStack stack;
    /** The eval-service processes alive now. */
    private static final List<ServiceProcess> evals = new ArrayList<>();
    private static String runId;

    @BeforeAll
    @Timeout(value = 8, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    static void startTheStackWithTwoEvalReplicas() throws IOException, InterruptedException {
        long started = System.nanoTime();
        ReliabilityDrillIT.deleteRecursively(OUT);
        DataPlan data = new DatasetChoice(OUT.resolve("no-local-data"), OUT, directory -> {
            throw new IOException("this test uses synthetic data");
        }).choose("synthetic", null, CI);
        stack = DrillStack.start(OUT, data.dataRoot(), CI, LOG);
        evals.add(stack.primary(Service.EVAL));
        ServiceProcess second = stack.addReplica(Service.EVAL);
        IngestClient ingest = new IngestClient(HTTP, stack.uri(Service.AUGMENT), LOG);
        ingest.ingestDataset(data, CI);
        ingest.ingestCorruptions(data, CI);
        second.awaitReady(READY);
        evals.add(second);
        SECONDS.put("stack start + ingest", seconds(started));
    }

    @AfterAll
    static void stopTheStack() {
        if (stack != null) stack.close();
        LOG.println("EvalScaleOutIT seconds: " + SECONDS);
    }

    @Test
    @Order(1)
    @Timeout(value = 6, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aRunIsScoredWholeByTwoReplicasSharingThePartitions() throws Exception {
        long started = System.nanoTime();
        assertEquals(CheckpointPartitions.DEFAULT_COUNT,
                TopicRecords.partitions(stack.bootstrapServers(), Topics.MODEL_CHECKPOINTS),
                "the eval-service gives model.checkpoints its partitions at start-up");
        awaitGroupOf(2);
        JsonNode accepted = HTTP.post(stack.uri(Service.TRAINER).resolve("/runs"),
                Map.of("profile", CI.name(), "overrides", Map.of()));
        runId = accepted.path("runId").asText();
        awaitValue("run " + runId + " to finish", () -> {
            JsonNode run = HTTP.get(stack.uri(Service.TRAINER).resolve("/runs/" + runId));
            String status = run.path("status").asText();
            if (status.equals("FAILED") || status.equals("CANCELLED")) fail("run " + runId + " " + status + ": " + run);
            return status.equals("FINISHED") ? Optional.of(run) : Optional.empty();
        });
        awaitEveryCheckpointScoredOnce();
        SECONDS.put("ci run scored by two replicas", seconds(started));
    }

    @Test
    @Order(2)
    @Timeout(value = 4, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void bothReplicasScoreAtOnceWhenCheckpointsWait() throws Exception {
        long started = System.nanoTime();
        Map<ServiceProcess, Integer> linesBefore = logLines();
        int claims = republishClaims();
        awaitValue("the re-published checkpoints scored again", () -> {
            int ended = 0;
            for (ServiceProcess eval : evals) ended += sweeps(eval, linesBefore.get(eval)).stream()
                    .filter(sweep -> sweep.end != null).count();
            return ended >= claims ? Optional.of(ended) : Optional.empty();
        });
        List<Sweep> first = sweeps(evals.get(0), linesBefore.get(evals.get(0)));
        List<Sweep> second = sweeps(evals.get(1), linesBefore.get(evals.get(1)));
        LOG.println("scale-out: replica 1 scored " + first + "; replica 2 scored " + second);
        assertTrue(!first.isEmpty() && !second.isEmpty(), "each replica scores a share: " + first + " / " + second);
        boolean overlapped = first.stream().anyMatch(a -> second.stream().anyMatch(a::overlaps));
        assertTrue(overlapped, "two sweeps at the same time, one per replica: " + first + " / " + second);
        awaitEveryCheckpointScoredOnce();
        SECONDS.put("both busy", seconds(started));
    }

    @Test
    @Order(3)
    @Timeout(value = 6, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aReplicaKilledMidSweepLeavesItsCheckpointToTheOther() throws Exception {
        long started = System.nanoTime();
        String raw = claims().stream().filter(claim -> claim.kind() == ModelKind.RAW)
                .map(CheckpointCreated::checkpointId).findFirst().orElseThrow();
        boolean midSweep = false;
        for (int attempt = 0; attempt < 3 && !midSweep; attempt++) {
            if (evals.size() < 2) {
                ServiceProcess replacement = stack.addReplica(Service.EVAL);
                replacement.awaitReady(READY);
                evals.add(replacement);
            }
            awaitGroupOf(2);
            Map<ServiceProcess, Integer> linesBefore = logLines();
            republishClaims();
            // The raw teacher is the first of the run's finals on their shared partition: kill its scorer at once.
            ServiceProcess scorer = awaitValue("a replica scoring " + raw, () -> evals.stream()
                    .filter(eval -> sweeps(eval, linesBefore.get(eval)).stream().anyMatch(s -> s.checkpoint.equals(raw)))
                    .findFirst());
            stack.kill(scorer);
            evals.remove(scorer);
            midSweep = sweeps(scorer, linesBefore.get(scorer)).stream()
                    .anyMatch(sweep -> sweep.checkpoint.equals(raw) && sweep.end == null);
            LOG.println("scale-out: killed the replica scoring " + raw + (midSweep ? " mid-sweep" : " as it ended"));
            ServiceProcess survivor = evals.get(0);
            awaitValue("the surviving replica to score " + raw, () -> sweeps(survivor, linesBefore.get(survivor))
                    .stream().filter(sweep -> sweep.checkpoint.equals(raw) && sweep.end != null).findFirst());
            awaitEveryCheckpointScoredOnce();
        }
        assertTrue(midSweep, "no kill landed inside a sweep in 3 attempts");
        SECONDS.put("kill mid-sweep", seconds(started));
    }

    // ---- checks ----

    /**
     * Every checkpoint of the run has one complete summary on the compacted topic (latest per key) and in the
     * report of the replicas alive, each checkpoint once; the final student's summary compares it with its teachers.
     */
    private static void awaitEveryCheckpointScoredOnce() throws InterruptedException {
        Set<String> checkpoints = claims().stream().map(CheckpointCreated::checkpointId).collect(Collectors.toSet());
        Map<String, EvaluationSummary> latest = awaitValue("a complete summary of every checkpoint of " + runId, () -> {
            Map<String, EvaluationSummary> byKey = new LinkedHashMap<>();
            for (EvaluationSummary summary : events(Topics.EVALUATION_SUMMARIES, EvaluationSummary.class)) {
                if (summary.runId().equals(runId)) byKey.put(summary.recordKey(), summary);
            }
            boolean complete = byKey.values().stream().map(EvaluationSummary::checkpointId)
                    .collect(Collectors.toSet()).equals(checkpoints)
                    && byKey.values().stream().allMatch(s -> s.status() == EvaluationSummary.Status.COMPLETE);
            return complete ? Optional.of(byKey) : Optional.empty();
        });
        assertEquals(checkpoints.size(), latest.size(), "one summary key per checkpoint: " + latest.keySet());
        EvaluationSummary student = latest.values().stream()
                .filter(s -> s.role() == ModelRole.STUDENT && s.kind() == ModelKind.FINAL).findFirst().orElseThrow();
        assertTrue(student.comparisons().size() > 0, "the final student's verdicts against both final teachers: "
                + student.comparisons());
        for (ServiceProcess eval : evals) {
            JsonNode report = awaitValue("the report of " + runId + " on " + eval.baseUri(), () -> {
                JsonNode current = HTTP.get(eval.baseUri().resolve("/runs/" + runId + "/report"));
                return current.path("checkpoints").size() >= checkpoints.size() ? Optional.of(current)
                        : Optional.empty();
            });
            List<String> reported = new ArrayList<>();
            report.path("checkpoints").forEach(summary -> {
                reported.add(summary.path("checkpoint_id").asText());
                assertEquals("complete", summary.path("status").asText(), summary.toString());
            });
            assertEquals(checkpoints, new HashSet<>(reported), "report on " + eval.baseUri());
            assertEquals(checkpoints.size(), reported.size(), "each checkpoint once: " + reported);
        }
    }

    // ---- the group, the claims, the logs ----

    private static void awaitGroupOf(int replicas) throws InterruptedException {
        awaitValue(replicas + " replicas sharing the partitions of " + Topics.MODEL_CHECKPOINTS, () -> {
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                    stack.bootstrapServers()))) {
                ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(GROUP)).all()
                        .get(10, TimeUnit.SECONDS).get(GROUP);
                List<Integer> shares = group.members().stream().map(MemberDescription::assignment)
                        .map(assignment -> assignment.topicPartitions().size()).toList();
                int each = CheckpointPartitions.DEFAULT_COUNT / replicas;
                return shares.size() == replicas && shares.stream().allMatch(share -> share == each)
                        ? Optional.of(shares) : Optional.empty();
            }
        });
    }

    private static List<CheckpointCreated> claims() {
        return events(Topics.MODEL_CHECKPOINTS, CheckpointCreated.class).stream()
                .filter(claim -> claim.runId().equals(runId)).toList();
    }

    /**
     * Publishes the run's claim checks again, each on its partition, all at once: as if the trainer had just
     * announced them while every replica was idle. Returns how many.
     */
    private static int republishClaims() {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (ConsumerRecord<String, byte[]> record : TopicRecords.read(stack.bootstrapServers(),
                Topics.MODEL_CHECKPOINTS)) {
            if (record.key() != null && record.key().startsWith(runId + "/") && seen.add(record.key())) {
                records.add(record);
            }
        }
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()), new StringSerializer(),
                new ByteArraySerializer())) {
            for (ConsumerRecord<String, byte[]> record : records) {
                producer.send(new ProducerRecord<>(record.topic(), record.partition(), record.key(), record.value(),
                        record.headers()));
            }
        }
        LOG.println("scale-out: re-published " + records.size() + " claim checks of " + runId);
        return records.size();
    }

    private static <T extends Event> List<T> events(String topic, Class<T> type) {
        return TopicRecords.events(stack.bootstrapServers(), topic, type);
    }

    private static Map<ServiceProcess, Integer> logLines() throws IOException {
        Map<ServiceProcess, Integer> lines = new LinkedHashMap<>();
        for (ServiceProcess eval : evals) lines.put(eval, Files.readAllLines(eval.log()).size());
        return lines;
    }

    /** A replica's sweeps in its log after line {@code from}: checkpoint, start, end (null while it runs). */
    private static List<Sweep> sweeps(ServiceProcess eval, int from) {
        List<String> lines;
        try {
            lines = Files.readAllLines(eval.log());
        } catch (IOException e) {
            return List.of();
        }
        List<Sweep> sweeps = new ArrayList<>();
        for (String line : lines.subList(Math.min(from, lines.size()), lines.size())) {
            Matcher started = STARTED.matcher(line);
            if (started.find()) {
                sweeps.add(new Sweep(started.group(2), LocalDateTime.parse(started.group(1), LOG_TIME), null));
                continue;
            }
            Matcher ended = ENDED.matcher(line);
            if (ended.find() && !sweeps.isEmpty() && sweeps.get(sweeps.size() - 1).checkpoint.equals(ended.group(2))) {
                Sweep open = sweeps.remove(sweeps.size() - 1);
                sweeps.add(new Sweep(open.checkpoint, open.start, LocalDateTime.parse(ended.group(1), LOG_TIME)));
            }
        }
        return sweeps;
    }

    private record Sweep(String checkpoint, LocalDateTime start, LocalDateTime end) {
        boolean overlaps(Sweep other) {
            return end != null && other.end != null && start.isBefore(other.end) && other.start.isBefore(end);
        }

        @Override
        public String toString() {
            return checkpoint + " " + start.toLocalTime() + "–" + (end == null ? "…" : end.toLocalTime());
        }
    }
}
