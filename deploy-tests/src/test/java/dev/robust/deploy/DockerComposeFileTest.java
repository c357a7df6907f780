package dev.robust.deploy;

import dev.robust.common.profile.RunProfile;
import dev.robust.common.topic.TopicRetention;
import dev.robust.common.topic.Topics;
import dev.robust.common.pairs.TrainPairsProtocol;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/** docker-compose.yml and its GPU override, read as data (no Docker engine needed). */
class DockerComposeFileTest {
    private static final String KAFKA = "kafka";
    private static final String STORE_VOLUME = "robust-store";
    private static final String MONITORING_PROFILE = "monitoring";
    private static final String PUBLISH_GUARD = "publish-guard";
    /** The host address every published port binds: loopback unless the operator opens it on purpose. */
    private static final String LOOPBACK_UNLESS_OPENED = "${ROBUST_BIND_ADDRESS:-127.0.0.1}:";

    private final ComposeFile compose = ComposeFile.load(ComposeFile.MAIN);

    @Test
    void startsKafkaAndTheThreeServicesWithoutAProfileAndMonitoringOnlyWithOne() {
        for (String always : servicesPlus(KAFKA)) {
            assertTrue(compose.service(always).at("profiles").isMissing(), always + " must start without a profile");
        }
        for (String optional : List.of("prometheus", "grafana")) {
            assertEquals(List.of(MONITORING_PROFILE),
                    compose.service(optional).at("profiles").list().stream().map(YamlValue::string).toList(), optional);
        }
    }

    @Test
    void kafkaIsOneKraftNodeOfTheBuildsVersionWithAHealthcheck() {
        YamlValue kafka = compose.service(KAFKA);
        assertEquals("apache/kafka:" + RepositoryFiles.kafkaVersion(), kafka.at("image").string());
        Map<String, String> env = compose.environment(KAFKA);
        assertEquals(Set.of("broker", "controller"), Set.of(env.get("KAFKA_PROCESS_ROLES").split(",")));
        List<String> check = kafka.at("healthcheck", "test").list().stream().map(YamlValue::string).toList();
        assertTrue(check.stream().anyMatch(part -> part.startsWith("/opt/kafka/bin/")),
                "the healthcheck should use the image's own Kafka tools, found " + check);
    }

    @Test
    void brokerDefaultsHoldTheAugmentServicesLeadOfTheLargestPairsWhichItsTrainPairsTopicInherits() {
        Map<String, String> env = compose.environment(KAFKA);
        Map<String, String> pairsTopic = Map.of("cleanup.policy", "delete",
                "retention.ms", Long.toString(Duration.ofHours(Long.parseLong(env.get("KAFKA_LOG_RETENTION_HOURS")))
                        .toMillis()),
                "retention.bytes", env.get("KAFKA_LOG_RETENTION_BYTES"));
        long lead = Long.parseLong(TrainPairsProtocol.DEFAULT_LEAD);
        assertEquals(Optional.empty(), TopicRetention.holds(Topics.TRAIN_PAIRS, pairsTopic,
                lead * TrainPairsProtocol.pairRecordBytes(96), Duration.parse("PT" + TrainPairsProtocol.DEFAULT_READER_WAIT),
                "the default lead of 96x96 pairs", "robust.augment.pairs.lead", "robust.augment.pairs.reader-wait"));
    }

    @Test
    void servicesAreBuiltFromTheirQuarkusDockerfilesAndTaggedWithTheProjectVersion() {
        for (ServiceModule service : ServiceModule.values()) {
            YamlValue build = compose.service(service.serviceName()).at("build");
            assertEquals(service.serviceName(), build.at("context").string(), build.path());
            Path dockerfile = RepositoryFiles.root().resolve(service.serviceName()).resolve(build.at("dockerfile").string());
            assertEquals(service.dockerfile(), dockerfile.normalize(), build.path() + ".dockerfile");
            assertEquals("robust/" + service.serviceName() + ":${ROBUST_VERSION:-" + RepositoryFiles.projectVersion() + "}",
                    compose.service(service.serviceName()).at("image").string());
        }
    }

    @Test
    void servicesStartOnceTheBrokerIsHealthyAndTheStoreIsTheirs() {
        for (ServiceModule service : ServiceModule.values()) {
            YamlValue dependsOn = compose.service(service.serviceName()).at("depends_on");
            assertEquals("service_healthy", dependsOn.at(KAFKA, "condition").string(), dependsOn.path());
            assertEquals("service_completed_successfully", dependsOn.at("store-init", "condition").string(),
                    dependsOn.path() + ": the store must be writable for user 185 first");
        }
    }

    @Test
    void servicesReportReadinessOnTheirQuarkusPort() {
        for (ServiceModule service : ServiceModule.values()) {
            YamlValue definition = compose.service(service.serviceName());
            String check = String.join(" ", definition.at("healthcheck", "test").list().stream().map(YamlValue::string).toList());
            assertTrue(check.contains("http://localhost:" + service.httpPort() + "/q/health/ready"),
                    service + ": the healthcheck should ask readiness on port " + service.httpPort() + ", found: " + check);
            assertTrue(definition.at("ports").list().stream().map(YamlValue::string)
                            .anyMatch(port -> port.equals(LOOPBACK_UNLESS_OPENED + "${" + service.hostPortVariable()
                                    + ":-" + service.httpPort() + "}:" + service.httpPort())),
                    service + " should publish its port " + service.httpPort());
        }
    }

    @Test
    void servicesReachTheBrokerOnAListenerItAdvertises() {
        List<String> advertised = Arrays.stream(compose.environment(KAFKA).get("KAFKA_ADVERTISED_LISTENERS").split(","))
                .map(listener -> listener.substring(listener.indexOf("//") + 2)).toList();
        for (ServiceModule service : ServiceModule.values()) {
            Map<String, String> env = compose.environment(service.serviceName());
            assertTrue(advertised.contains(env.get("KAFKA_BOOTSTRAP_SERVERS")),
                    service + ": KAFKA_BOOTSTRAP_SERVERS " + env.get("KAFKA_BOOTSTRAP_SERVERS") + " is not among " + advertised);
            assertEquals("${QUARKUS_PROFILE:-prod}", env.get("QUARKUS_PROFILE"), service + ": prod unless the caller says");
        }
    }

    @Test
    void servicesShareOneStoreForCheckpointsAndData() {
        assertTrue(compose.content().at("volumes").map().containsKey(STORE_VOLUME), "top-level volume " + STORE_VOLUME);
        String mountPath = storeMountPath("store-init");
        for (ServiceModule service : ServiceModule.values()) {
            assertEquals(mountPath, storeMountPath(service.serviceName()), service + " mounts the store elsewhere");
        }
        String checkpoints = compose.environment(ServiceModule.TRAINER.serviceName())
                .get("ROBUST_TRAINER_CHECKPOINT_STORE");
        assertEquals(checkpoints,
                compose.environment(ServiceModule.EVAL.serviceName()).get("ROBUST_EVAL_CHECKPOINT_STORE"),
                "the eval-service reads checkpoints where the trainer writes them");
        assertTrue(checkpoints.startsWith(mountPath + "/"), checkpoints + " is not on the shared store");
        String dataRoot = compose.environment(ServiceModule.AUGMENT.serviceName()).get("ROBUST_AUGMENT_DATA_ROOT");
        assertTrue(dataRoot.startsWith(mountPath + "/"), dataRoot + " is not on the shared store");
    }

    @Test
    void monitoringScrapesEveryServiceAndGrafanaLoadsTheDashboardsFolder() {
        Map<String, String> prometheusMounts = compose.volumeMounts("prometheus");
        assertEquals("./deploy/prometheus/prometheus.yml", prometheusMounts.get("/etc/prometheus/prometheus.yml"));
        YamlValue scrape = YamlValue.load(RepositoryFiles.existing("deploy/prometheus/prometheus.yml")).at("scrape_configs");
        for (ServiceModule service : ServiceModule.values()) {
            YamlValue job = scrape.list().stream()
                    .filter(j -> j.at("job_name").string().equals(service.serviceName())).findFirst()
                    .orElseThrow(() -> new AssertionError("prometheus.yml has no job " + service));
            assertEquals("/q/metrics", job.at("metrics_path").string(), job.path());
            assertEquals(List.of(service.serviceName() + ":" + service.httpPort()),
                    job.at("static_configs").list().get(0).at("targets").list().stream().map(YamlValue::string).toList());
        }

        Map<String, String> grafanaMounts = compose.volumeMounts("grafana");
        assertEquals("./deploy/grafana/provisioning", grafanaMounts.get("/etc/grafana/provisioning"));
        String dashboards = grafanaMounts.entrySet().stream().filter(m -> m.getValue().equals("./deploy/grafana"))
                .map(Map.Entry::getKey).findFirst().orElseThrow(() -> new AssertionError("grafana does not mount ./deploy/grafana"));
        YamlValue provider = YamlValue.load(RepositoryFiles.existing("deploy/grafana/provisioning/dashboards/robust.yml"))
                .at("providers").list().get(0);
        assertEquals(dashboards, provider.at("options", "path").string(), "the provider must read the mounted folder");
        YamlValue datasource = YamlValue.load(RepositoryFiles.existing("deploy/grafana/provisioning/datasources/prometheus.yml"))
                .at("datasources").list().get(0);
        assertEquals("http://prometheus:9090", datasource.at("url").string());
    }

    @Test
    void gpuOverrideReservesOneNvidiaGpuForTheTrainerOnly() {
        ComposeFile gpu = ComposeFile.load(ComposeFile.GPU_OVERRIDE);
        assertEquals(Set.of(ServiceModule.TRAINER.serviceName()), gpu.services().keySet());
        YamlValue trainer = gpu.service(ServiceModule.TRAINER.serviceName());
        YamlValue device = trainer.at("deploy", "resources", "reservations", "devices").list().get(0);
        assertEquals("nvidia", device.at("driver").string());
        assertEquals(1, device.at("count").number());
        assertTrue(device.at("capabilities").list().stream().anyMatch(c -> c.string().equals("gpu")), device.path());
        assertTrue(trainer.at("image").string().endsWith("-cuda"), "the GPU trainer runs the CUDA image");
        Path context = RepositoryFiles.existing(trainer.at("build", "context").string());
        assertTrue(context.resolve(trainer.at("build", "dockerfile").string()).normalize().toFile().isFile(),
                "the CUDA Dockerfile the override names must exist");
    }

    @Test
    void composeToolsAcceptTheFilesWithEveryProfileAndOverride() {
        List<List<String>> tools = ComposeTool.installed();
        assumeFalse(tools.isEmpty(), "neither docker-compose nor the docker compose plugin is installed");
        List<List<String>> variants = List.of(
                List.of("-f", ComposeFile.MAIN),
                List.of("-f", ComposeFile.MAIN, "-f", ComposeFile.GPU_OVERRIDE),
                List.of("-f", ComposeFile.MAIN, "--profile", MONITORING_PROFILE));
        for (List<String> tool : tools) {
            for (List<String> variant : variants) {
                List<String> command = new ArrayList<>(tool);
                command.addAll(variant);
                command.addAll(List.of("config", "-q"));
                ExternalCommand.Result result = ExternalCommand.run(command, RepositoryFiles.root(), Duration.ofMinutes(1));
                assertEquals(0, result.exitCode(), String.join(" ", command) + " rejected the files:\n" + result.output());
            }
        }
    }

    @Test
    void everyPublishedPortBindsLoopbackUnlessOpenedOnPurpose() {
        compose.services().forEach((name, service) -> {
            for (YamlValue port : service.at("ports").list()) {
                assertTrue(port.string().startsWith(LOOPBACK_UNLESS_OPENED),
                        name + " publishes " + port.string() + "; expected " + LOOPBACK_UNLESS_OPENED + "…");
            }
        });
    }

    @Test
    void everyServiceThatPublishesAPortWaitsForThePublishGuard() {
        compose.services().forEach((name, service) -> {
            if (service.at("ports").isMissing()) return;
            if (name.equals(KAFKA)) return; // the broker has no token to check; the guard stops what uses it
            assertEquals("service_completed_successfully",
                    service.at("depends_on", PUBLISH_GUARD, "condition").string(), name);
        });
        for (ServiceModule service : ServiceModule.values()) {
            assertEquals("${ROBUST_SECURITY_TOKEN:-}",
                    compose.environment(service.serviceName()).get("ROBUST_SECURITY_TOKEN"),
                    service + " must receive the token the guard checked");
        }
    }

    @Test
    void publishGuardRefusesOpenPortsWithoutATokenAndAllowsTheRest() throws Exception {
        assertEquals(0, runGuard("127.0.0.1", ""));
        assertEquals(0, runGuard("::1", ""));
        assertEquals(0, runGuard("0.0.0.0", "s3cret"));
        assertEquals(0, runGuard("192.0.2.7", "s3cret"));
        assertEquals(1, runGuard("0.0.0.0", ""));
        assertEquals(1, runGuard("192.0.2.7", ""));
    }

    @Test
    void evalScopeOfEveryProfileComesFromItsEnvFileAndMatchesTheProfile() {
        List<String> envFiles = compose.service(ServiceModule.EVAL.serviceName()).at("env_file").list().stream()
                .map(YamlValue::string).toList();
        assertEquals(List.of("deploy/compose/${ROBUST_PROFILE:-quick}.env"), envFiles);
        for (String name : RunProfile.NAMES) {
            RunProfile profile = RunProfile.named(name);
            Map<String, String> env = EnvFile.read(RepositoryFiles.existing("deploy/compose/" + name + ".env"));
            assertEquals(Map.of(
                    "ROBUST_EVAL_CLEAN_IMAGES", Integer.toString(profile.evalCleanImages()),
                    "ROBUST_EVAL_CORRUPTIONS", profile.asMap().get("eval.corruptions"),
                    "ROBUST_EVAL_SEVERITIES", profile.asMap().get("eval.severities"),
                    "ROBUST_EVAL_IMAGES_PER_SEVERITY", Integer.toString(profile.evalImagesPerSeverity()),
                    "ROBUST_EVAL_EPOCH_CLEAN_IMAGES", Integer.toString(profile.evalEpochCleanImages()),
                    "ROBUST_EVAL_EPOCH_IMAGES_PER_SEVERITY", Integer.toString(profile.evalEpochImagesPerSeverity())), env,
                    "deploy/compose/" + name + ".env must hold the " + name + " profile's eval.* keys");
        }
    }

    /** Runs the guard's own shell script, as its container would, with compose's {@code $$} escapes undone. */
    private int runGuard(String bindAddress, String token) throws Exception {
        List<String> entrypoint = compose.service(PUBLISH_GUARD).at("entrypoint").list().stream()
                .map(YamlValue::string).map(part -> part.replace("$$", "$")).toList();
        ProcessBuilder builder = new ProcessBuilder(entrypoint).redirectErrorStream(true);
        builder.environment().put("ROBUST_BIND_ADDRESS", bindAddress);
        builder.environment().put("ROBUST_SECURITY_TOKEN", token);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        int exit = process.waitFor();
        if (exit != 0) {
            assertTrue(output.contains("ROBUST_SECURITY_TOKEN") && output.contains(bindAddress), output);
        }
        return exit;
    }

    private String storeMountPath(String service) {
        return compose.volumeMounts(service).entrySet().stream()
                .filter(mount -> mount.getValue().equals(STORE_VOLUME)).map(Map.Entry::getKey).findFirst()
                .orElseThrow(() -> new AssertionError(service + " does not mount " + STORE_VOLUME));
    }

    private static List<String> servicesPlus(String other) {
        List<String> names = new ArrayList<>(List.of(other));
        for (ServiceModule service : ServiceModule.values()) names.add(service.serviceName());
        return names;
    }
}
