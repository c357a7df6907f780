package dev.robust.deploy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The workloads of both overlays: probes, resources, images, configuration, storage, GPU. */
class KubernetesManifestsTest {
    private static final String STORE_CLAIM = "robust-store";
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
    void everyServiceMountsTheSharedReadWriteManyStore(Overlay overlay) {
        YamlValue claim = overlay.manifests().get("PersistentVolumeClaim", STORE_CLAIM);
        assertEquals(List.of("ReadWriteMany"), claim.at("spec", "accessModes").list().stream().map(YamlValue::string).toList());
        for (ServiceModule service : ServiceModule.values()) {
            YamlValue pod = overlay.manifests().get("Deployment", service.serviceName()).at("spec", "template", "spec");
            YamlValue volume = pod.at("volumes").list().stream()
                    .filter(v -> STORE_CLAIM.equals(v.at("persistentVolumeClaim", "claimName").optionalString().orElse(null)))
                    .findFirst().orElseThrow(() -> new AssertionError(pod.path() + " does not mount " + STORE_CLAIM));
            YamlValue mount = container(overlay, service).at("volumeMounts").named(volume.at("name").string());
            assertEquals(storeMountPath(overlay), mount.at("mountPath").string(), mount.path());
            assertEquals("185", pod.at("securityContext", "fsGroup").string(),
                    pod.path() + ": the images run as user 185, which must be able to write to the store");
        }
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
        assertTrue(checkpoints.startsWith(storeMountPath(overlay) + "/"), checkpoints + " is not on the shared store");
        assertTrue(config.get("ROBUST_AUGMENT_DATA_ROOT").string().startsWith(storeMountPath(overlay) + "/"));
        for (ServiceModule service : ServiceModule.values()) {
            List<YamlValue> sources = container(overlay, service).at("envFrom").list();
            assertTrue(sources.stream().anyMatch(s -> CONFIG_MAP.equals(s.at("configMapRef", "name").optionalString().orElse(null))),
                    service + " does not read " + CONFIG_MAP);
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

    private static String storeMountPath(Overlay overlay) {
        YamlValue trainer = container(overlay, ServiceModule.TRAINER);
        YamlValue pod = overlay.manifests().get("Deployment", ServiceModule.TRAINER.serviceName()).at("spec", "template", "spec");
        String volume = pod.at("volumes").list().stream()
                .filter(v -> STORE_CLAIM.equals(v.at("persistentVolumeClaim", "claimName").optionalString().orElse(null)))
                .findFirst().orElseThrow().at("name").string();
        return trainer.at("volumeMounts").named(volume).at("mountPath").string();
    }

    private static YamlValue container(Overlay overlay, ServiceModule service) {
        YamlValue containers = overlay.manifests().get("Deployment", service.serviceName())
                .at("spec", "template", "spec", "containers");
        YamlValue container = containers.named(service.serviceName());
        assertFalse(container.isMissing(), containers.path() + " has no container named " + service);
        return container;
    }
}
