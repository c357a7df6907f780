package dev.robust.deploy;

import dev.robust.common.profile.RunProfile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The workloads of every overlay: probes, resources, images, configuration, storage, exposure, GPU. */
class KubernetesManifestsTest {
    private static final String DATA_CLAIM = "robust-data";
    private static final String STORE_SECRET = "robust-checkpoint-store";
    private static final String TOKEN_SECRET = "robust-security-token";
    private static final String CONFIG_MAP = "robust-config";
    private static final String KAFKA_CLIENT_SECRET = "robust-kafka-client";
    private static final String GPU_RESOURCE = "nvidia.com/gpu";

    static Stream<Overlay> overlays() {
        return Overlay.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void rendersADeploymentAndAServicePerServiceModule(Overlay overlay) {
        List<String> deployments = overlay.deployments().stream().map(d -> d.at("metadata", "name").string()).sorted().toList();
        assertEquals(Arrays.stream(ServiceModule.values()).map(ServiceModule::serviceName).sorted().toList(), deployments);
        for (ServiceModule service : ServiceModule.values()) {
            YamlValue port = overlay.manifests().get("Service", service.serviceName()).at("spec", "ports").list().get(0);
            assertEquals(service.httpPort(), port.at("port").number(), port.path());
            assertEquals("http", port.at("targetPort").string(), port.path());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void everyDeploymentProbesQuarkusHealthOnTheServicePort(Overlay overlay) {
        for (ServiceModule service : ServiceModule.values()) {
            YamlValue container = container(overlay, service);
            YamlValue httpPort = container.at("ports").named("http");
            assertEquals(service.httpPort(), httpPort.at("containerPort").number(), httpPort.path());
            assertProbe(container, "livenessProbe", "/q/health/live");
            assertProbe(container, "readinessProbe", "/q/health/ready");
        }
    }

    private static void assertProbe(YamlValue container, String probe, String path) {
        YamlValue get = container.at(probe, "httpGet");
        assertEquals(path, get.at("path").string(), get.path());
        assertEquals("http", get.at("port").string(), get.path() + " must use the named container port");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void everyDeploymentRequestsAndLimitsCpuAndMemory(Overlay overlay) {
        for (ServiceModule service : ServiceModule.values()) {
            YamlValue resources = container(overlay, service).at("resources");
            for (String resource : List.of("cpu", "memory")) {
                YamlValue request = resources.at("requests", resource);
                YamlValue limit = resources.at("limits", resource);
                assertFalse(request.isMissing(), request.path() + " is missing");
                assertFalse(limit.isMissing(), limit.path() + " is missing");
                assertTrue(ResourceQuantity.parse(request.string()).compareTo(ResourceQuantity.parse(limit.string())) <= 0,
                        request.path() + " (" + request.string() + ") exceeds the limit " + limit.string());
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void imagesAreNamedAfterTheServiceAndTheProjectVersion(Overlay overlay) {
        for (ServiceModule service : ServiceModule.values()) {
            String image = container(overlay, service).at("image").string();
            String expected = "robust/" + service.serviceName() + ":" + RepositoryFiles.projectVersion();
            if (overlay.name().equals(Overlay.GPU) && service == ServiceModule.TRAINER) {
                assertEquals(expected + "-cuda", image, "the gpu overlay's trainer runs the CUDA image");
            } else {
                assertEquals(expected, image);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void onlyTheGpuOverlaysTrainerAsksForAGpu(Overlay overlay) {
        for (ServiceModule service : ServiceModule.values()) {
            YamlValue pod = overlay.manifests().get("Deployment", service.serviceName()).at("spec", "template", "spec");
            YamlValue limits = container(overlay, service).at("resources", "limits");
            if (overlay.name().equals(Overlay.GPU) && service == ServiceModule.TRAINER) {
                assertEquals("1", limits.at(GPU_RESOURCE).string(), limits.path());
                assertFalse(pod.at("nodeSelector").map().isEmpty(), pod.path() + ".nodeSelector: schedule onto GPU nodes");
                assertTrue(pod.at("tolerations").list().stream()
                                .anyMatch(t -> GPU_RESOURCE.equals(t.at("key").optionalString().orElse(null))),
                        pod.path() + ".tolerations: tolerate the GPU nodes' taint");
            } else {
                assertTrue(limits.at(GPU_RESOURCE).isMissing(), limits.path() + " must not take a GPU");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void noClaimAsksForReadWriteMany(Overlay overlay) {
        List<YamlValue> claims = new ArrayList<>(overlay.manifests().ofKind("PersistentVolumeClaim"));
        overlay.manifests().ofKind("StatefulSet").forEach(set -> claims.addAll(set.at("spec", "volumeClaimTemplates").list()));
        assertFalse(claims.isEmpty(), "the data volume at least");
        for (YamlValue claim : claims) {
            List<String> modes = claim.at("spec", "accessModes").list().stream().map(YamlValue::string).toList();
            assertEquals(List.of("ReadWriteOnce"), modes, claim.path() + ": most clusters have no ReadWriteMany class");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void onlyTheAugmentServiceMountsAVolumeItsDataSets(Overlay overlay) {
        for (ServiceModule service : ServiceModule.values()) {
            YamlValue pod = pod(overlay, service);
            List<String> claims = pod.at("volumes").list().stream()
                    .flatMap(v -> v.at("persistentVolumeClaim", "claimName").optionalString().stream()).toList();
            assertEquals(service == ServiceModule.AUGMENT ? List.of(DATA_CLAIM) : List.of(), claims, pod.path());
            assertEquals("185", pod.at("securityContext", "fsGroup").string(),
                    pod.path() + ": the images run as user 185, which must be able to write to their volumes");
        }
        Map<String, YamlValue> config = overlay.manifests().get("ConfigMap", CONFIG_MAP).at("data").map();
        assertTrue(config.get("ROBUST_AUGMENT_DATA_ROOT").string().startsWith(dataMountPath(overlay) + "/"),
                "the data root is on the augment-service's volume");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void configMapPointsEveryServiceAtTheClusterAndTheStore(Overlay overlay) {
        Map<String, YamlValue> config = overlay.manifests().get("ConfigMap", CONFIG_MAP).at("data").map();
        YamlValue kafka = overlay.manifests().single("Kafka");
        YamlValue plain = kafka.at("spec", "kafka", "listeners").named("plain");
        assertEquals(kafka.at("metadata", "name").string() + "-kafka-bootstrap:" + plain.at("port").string(),
                config.get("KAFKA_BOOTSTRAP_SERVERS").string(), "Strimzi's bootstrap service of the plain listener");
        String checkpoints = config.get("ROBUST_TRAINER_CHECKPOINT_STORE").string();
        assertEquals(checkpoints, config.get("ROBUST_EVAL_CHECKPOINT_STORE").string(),
                "the eval-service reads checkpoints where the trainer writes them");
        assertTrue(checkpoints.startsWith("s3://"), checkpoints + ": checkpoints live on object storage");
        for (ServiceModule service : ServiceModule.values()) {
            List<YamlValue> sources = container(overlay, service).at("envFrom").list();
            assertTrue(sources.stream().anyMatch(s -> CONFIG_MAP.equals(s.at("configMapRef", "name").optionalString().orElse(null))),
                    service + " does not read " + CONFIG_MAP);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void checkpointStoreCredentialsComeFromARequiredSecret(Overlay overlay) {
        for (String key : overlay.manifests().get("ConfigMap", CONFIG_MAP).at("data").map().keySet()) {
            assertFalse(key.startsWith("AWS_"), CONFIG_MAP + " holds " + key + ", which belongs in " + STORE_SECRET);
        }
        for (ServiceModule service : List.of(ServiceModule.TRAINER, ServiceModule.EVAL)) {
            YamlValue secret = secretRef(overlay, service, STORE_SECRET)
                    .orElseThrow(() -> new AssertionError(service + " does not read " + STORE_SECRET));
            assertNotEquals("true", secret.at("optional").optionalString().orElse("false"),
                    secret.path() + ": without credentials the first checkpoint would fail, so the pod waits for them");
        }
        assertTrue(secretRef(overlay, ServiceModule.AUGMENT, STORE_SECRET).isEmpty(), "the augment-service stores no checkpoints");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void evalScopeIsTheProfileTheOverlayIsFor(Overlay overlay) {
        RunProfile profile = RunProfile.named(overlay.name().equals(Overlay.GPU) ? "seed" : "quick");
        YamlValue data = overlay.manifests().get("ConfigMap", CONFIG_MAP).at("data");
        Map<String, String> expected = Map.of(
                "ROBUST_EVAL_CLEAN_IMAGES", Integer.toString(profile.evalCleanImages()),
                "ROBUST_EVAL_CORRUPTIONS", profile.asMap().get("eval.corruptions"),
                "ROBUST_EVAL_SEVERITIES", profile.asMap().get("eval.severities"),
                "ROBUST_EVAL_IMAGES_PER_SEVERITY", Integer.toString(profile.evalImagesPerSeverity()),
                "ROBUST_EVAL_EPOCH_CLEAN_IMAGES", Integer.toString(profile.evalEpochCleanImages()),
                "ROBUST_EVAL_EPOCH_IMAGES_PER_SEVERITY", Integer.toString(profile.evalEpochImagesPerSeverity()));
        expected.forEach((key, value) -> assertEquals(value, data.at(key).string(),
                overlay.name() + ": " + key + " must be the " + profile.name() + " profile's"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void minioOverlayPointsBothServicesAtItsOwnServerAndBucket(Overlay overlay) {
        if (!overlay.name().equals(Overlay.MINIO)) return;
        String store = overlay.manifests().get("ConfigMap", CONFIG_MAP).at("data", "ROBUST_TRAINER_CHECKPOINT_STORE").string();
        YamlValue service = overlay.manifests().get("Service", "minio");
        String endpoint = "http://minio:" + service.at("spec", "ports").list().get(0).at("port").string();
        assertTrue(store.contains("endpoint=" + endpoint) && store.contains("path-style=true"), store);
        String bucket = store.substring("s3://".length(), store.indexOf('/', "s3://".length()));
        String script = String.join(" ", overlay.manifests().get("Job", "minio-bucket")
                .at("spec", "template", "spec", "containers").list().get(0).at("command").list().stream()
                .map(YamlValue::string).toList());
        assertTrue(script.contains("mc mb --ignore-existing store/" + bucket), script);
        YamlValue minio = overlay.manifests().get("StatefulSet", "minio").at("spec", "template", "spec", "containers")
                .list().get(0).at("env");
        assertEquals(STORE_SECRET, minio.named("MINIO_ROOT_USER").at("valueFrom", "secretKeyRef", "name").string(),
                "MinIO's root user is the services' access key, from the same Secret");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void servicesStayInsideTheCluster(Overlay overlay) {
        for (YamlValue service : overlay.manifests().ofKind("Service")) {
            assertEquals("ClusterIP", service.at("spec", "type").optionalString().orElse("ClusterIP"), service.path());
        }
        for (ServiceModule service : ServiceModule.values()) {
            for (YamlValue port : container(overlay, service).at("ports").list()) {
                assertTrue(port.at("hostPort").isMissing(), port.path() + ": no port on the node");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void anIngressComesOnlyWithTheTokenRequiredByEveryService(Overlay overlay) {
        List<YamlValue> ingresses = overlay.manifests().ofKind("Ingress");
        assertEquals(overlay.name().equals(Overlay.INGRESS), !ingresses.isEmpty(), "only the ingress overlay has one");
        for (ServiceModule service : ServiceModule.values()) {
            YamlValue token = secretRef(overlay, service, TOKEN_SECRET)
                    .orElseThrow(() -> new AssertionError(service + " does not read " + TOKEN_SECRET));
            boolean optional = Boolean.parseBoolean(token.at("optional").optionalString().orElse("false"));
            assertEquals(ingresses.isEmpty(), optional, token.path() + ": required exactly when an Ingress exposes the API");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void kafkaCredentialsComeFromAnOptionalSecretNeverTheConfigMap(Overlay overlay) {
        for (String key : overlay.manifests().get("ConfigMap", CONFIG_MAP).at("data").map().keySet()) {
            String upper = key.toUpperCase(Locale.ROOT);
            assertFalse(Stream.of("PASSWORD", "JAAS", "SECRET", "TOKEN", "KEYSTORE").anyMatch(upper::contains),
                    CONFIG_MAP + " holds " + key + ", which belongs in the Secret " + KAFKA_CLIENT_SECRET);
        }
        for (ServiceModule service : ServiceModule.values()) {
            YamlValue secret = container(overlay, service).at("envFrom").list().stream()
                    .map(s -> s.at("secretRef"))
                    .filter(s -> KAFKA_CLIENT_SECRET.equals(s.at("name").optionalString().orElse(null)))
                    .findFirst().orElseThrow(() -> new AssertionError(service + " does not read " + KAFKA_CLIENT_SECRET));
            assertEquals("true", secret.at("optional").string(), secret.path() + ": a plain cluster needs no secret");
        }
    }

    private static String dataMountPath(Overlay overlay) {
        String volume = pod(overlay, ServiceModule.AUGMENT).at("volumes").list().stream()
                .filter(v -> DATA_CLAIM.equals(v.at("persistentVolumeClaim", "claimName").optionalString().orElse(null)))
                .findFirst().orElseThrow().at("name").string();
        return container(overlay, ServiceModule.AUGMENT).at("volumeMounts").named(volume).at("mountPath").string();
    }

    private static Optional<YamlValue> secretRef(Overlay overlay, ServiceModule service, String name) {
        return container(overlay, service).at("envFrom").list().stream()
                .map(s -> s.at("secretRef"))
                .filter(s -> name.equals(s.at("name").optionalString().orElse(null)))
                .findFirst();
    }

    private static YamlValue pod(Overlay overlay, ServiceModule service) {
        return overlay.manifests().get("Deployment", service.serviceName()).at("spec", "template", "spec");
    }

    private static YamlValue container(Overlay overlay, ServiceModule service) {
        YamlValue containers = overlay.manifests().get("Deployment", service.serviceName())
                .at("spec", "template", "spec", "containers");
        YamlValue container = containers.named(service.serviceName());
        assertFalse(container.isMissing(), containers.path() + " has no container named " + service);
        return container;
    }
}
