package io.groupsync.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.Endpoint;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import io.groupsync.config.RouteConfig;
import io.groupsync.config.WorkerConfig;
import io.groupsync.testkit.process.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The manifests say what the worker does: its config (the ConfigMap's YAML) passes {@code config --check} with
 * the pod's environment and the Secret's files, and the ports, probe paths, mounts, group, topics and grace period
 * in the manifests are the ones that config and the worker use.
 */
class ManifestsMatchWorkerTest {

    private static final String SECRETS_DIR = "/run/secrets/groupsync";
    private static final Pattern FILE_PLACEHOLDER = Pattern.compile("\\$\\{file:" + SECRETS_DIR + "/([^}]+)}");
    private static final Pattern ENV_PLACEHOLDER = Pattern.compile("\\$\\{env:([A-Za-z0-9_]+)}");

    private final StatefulSet statefulSet = Manifests.only(Manifests.BASE.resolve("statefulset.yaml"),
            StatefulSet.class);
    private final PodSpec pod = statefulSet.getSpec().getTemplate().getSpec();
    private final Container worker = pod.getContainers().get(0);

    @TempDir
    Path dir;

    @Test
    void theConfigMapsYamlPassesConfigCheckWithThePodsEnvironmentAndTheSecretsFiles() throws Exception {
        Path config = configWithSecretsIn(dir);
        CliRun base = CliRun.of(dir.resolve("base"), podEnv(), Duration.ofSeconds(60), "config", "--check",
                config.toString());
        assertThat(base.exitCode()).as(base.stderr()).isZero();
        assertThat(base.stdout()).contains("ok: 3 route(s)");
        assertThat(base.stderr()).as("no limit above a vendor's quota").doesNotContain("warning");

        Map<String, String> exampleEnv = new LinkedHashMap<>(podEnv());
        Container example = Manifests.only(Manifests.EXAMPLE.resolve("statefulset.yaml"), StatefulSet.class)
                .getSpec().getTemplate().getSpec().getContainers().get(0);
        example.getEnv().forEach(e -> exampleEnv.put(e.getName(), e.getValue()));
        CliRun overlay = CliRun.of(dir.resolve("example"), exampleEnv, Duration.ofSeconds(60), "config", "--check",
                config.toString());
        assertThat(overlay.exitCode()).as("the overlay's environment overrides name real settings: "
                + overlay.stderr()).isZero();
        assertThat(WorkerConfig.load(config, exampleEnv).kafka().bootstrapServers())
                .isEqualTo(exampleEnv.get("GROUPSYNC_KAFKA_BOOTSTRAP_SERVERS"));
    }

    /** README "Deploying": TLS and SASL in both clients' properties, the JAAS line from a file of the Secret. */
    @Test
    void theReadmesTlsAndSaslPropertiesPassConfigCheck() throws Exception {
        Path config = configWithSecretsIn(dir);
        Path secrets = dir.resolve("secrets");
        Files.writeString(secrets.resolve("kafka-jaas"), "org.apache.kafka.common.security.scram.ScramLoginModule"
                + " required username=\"groupsync\" password=\"s3cret\";\n");
        String security = """
                    security.protocol: SASL_SSL
                    sasl.mechanism: SCRAM-SHA-512
                    sasl.jaas.config: ${file:%s/kafka-jaas}
                    ssl.truststore.type: PEM
                    ssl.truststore.location: %s/ca.pem
                """.formatted(secrets, secrets);
        String yaml = Files.readString(config);
        String secured = yaml.replace("  consumer:\n", "  consumer:\n" + security)
                .replace("  producer:\n", "  producer:\n" + security);
        assertThat(secured).isNotEqualTo(yaml);
        Files.writeString(config, secured);

        CliRun check = CliRun.of(dir.resolve("secured"), podEnv(), Duration.ofSeconds(60), "config", "--check",
                config.toString());
        assertThat(check.exitCode()).as(check.stderr()).isZero();
        assertThat(WorkerConfig.load(config, podEnv()).kafka().producer())
                .containsEntry("security.protocol", "SASL_SSL").containsKey("sasl.jaas.config");
    }

    @Test
    void portsProbesAndMountsAreTheOnesTheWorkerServesAndReads() throws Exception {
        WorkerConfig config = WorkerConfig.load(configWithSecretsIn(dir), podEnv());
        int metricsPort = config.metrics().port();

        assertThat(worker.getPorts()).singleElement().satisfies(p -> {
            assertThat(p.getName()).isEqualTo("metrics");
            assertThat(p.getContainerPort()).isEqualTo(metricsPort);
        });
        assertThat(worker.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/health/live");
        assertThat(worker.getStartupProbe().getHttpGet().getPath()).isEqualTo("/health/live");
        assertThat(worker.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/health/ready");
        List.of(worker.getLivenessProbe(), worker.getStartupProbe(), worker.getReadinessProbe())
                .forEach(p -> assertThat(p.getHttpGet().getPort().getStrVal()).isEqualTo("metrics"));

        Service service = Manifests.only(Manifests.BASE.resolve("service.yaml"), Service.class);
        ServicePort servicePort = service.getSpec().getPorts().get(0);
        assertThat(servicePort.getPort()).isEqualTo(metricsPort);
        assertThat(servicePort.getTargetPort().getStrVal()).isEqualTo("metrics");
        assertThat(service.getSpec().getSelector()).isEqualTo(podLabels());
        assertThat(statefulSet.getSpec().getServiceName()).isEqualTo(service.getMetadata().getName());

        ServiceMonitor monitor = Manifests.only(Manifests.BASE.resolve("servicemonitor.yaml"), ServiceMonitor.class);
        Endpoint endpoint = monitor.getSpec().getEndpoints().get(0);
        assertThat(endpoint.getPort()).isEqualTo(servicePort.getName());
        assertThat(endpoint.getPath()).isEqualTo("/metrics");
        assertThat(monitor.getSpec().getSelector().getMatchLabels()).isEqualTo(service.getMetadata().getLabels());

        assertThat(worker.getArgs()).containsExactly("run", "--config", mountPath("config") + "/groupsync.yaml");
        assertThat(volume("config").getConfigMap().getName()).isEqualTo("groupsync-config");
        assertThat(mountPath("credentials")).isEqualTo(SECRETS_DIR);
        assertThat(statefulSet.getSpec().getSelector().getMatchLabels()).isEqualTo(podLabels());
    }

    @Test
    void theSecretTemplateHoldsExactlyTheFilesTheConfigReadsAndTheEnvironmentWhatItNames() throws Exception {
        String yaml = Files.readString(Manifests.BASE.resolve("groupsync.yaml"));
        Secret template = Manifests.only(Manifests.BASE.resolve("secret-template.yaml"), Secret.class);

        assertThat(template.getStringData().keySet()).isEqualTo(matches(FILE_PLACEHOLDER, yaml));
        assertThat(volume("credentials").getSecret().getSecretName()).isEqualTo(template.getMetadata().getName());
        assertThat(worker.getEnv()).extracting(EnvVar::getName).containsAll(matches(ENV_PLACEHOLDER, yaml));
    }

    @Test
    void theInstanceIdIsThePodsNameTheGroupAndTopicsAreWhatKedaWatchesAndShutdownFitsTheGracePeriod()
            throws Exception {
        WorkerConfig config = WorkerConfig.load(configWithSecretsIn(dir), podEnv());
        assertThat(config.kafka().instanceId()).isEqualTo("groupsync-0");
        assertThat(worker.getEnv()).filteredOn(e -> e.getName().equals("POD_NAME")).singleElement()
                .satisfies(e -> assertThat(e.getValueFrom().getFieldRef().getFieldPath()).isEqualTo("metadata.name"));

        for (Path file : List.of(Manifests.BASE.resolve("scaledobject.yaml"),
                Manifests.EXAMPLE.resolve("scaledobject.yaml"))) {
            Crds.ScaledObject scaled = Manifests.only(file, Crds.ScaledObject.class);
            if (file.startsWith(Manifests.BASE)) {
                assertThat(scaled.spec().scaleTargetRef()).isEqualTo(new Crds.ScaleTargetRef("apps/v1",
                        "StatefulSet", statefulSet.getMetadata().getName()));
                assertThat(scaled.spec().maxReplicaCount()).as("the input topic's partitions (README)").isEqualTo(12);
                // The routes' limits are per instance: at the most instances KEDA may run, under the vendor's quota.
                for (RouteConfig route : config.routes()) {
                    route.vendor().quota().ifPresent(quota -> route.limits().forEach((api, limit) ->
                            assertThat(limit * scaled.spec().maxReplicaCount()).as(route.name() + " " + api)
                                    .isLessThanOrEqualTo(quota.callsPerSecond())));
                }
            }
            Crds.Trigger trigger = scaled.spec().triggers().get(0);
            assertThat(trigger.type()).isEqualTo("kafka");
            assertThat(Crds.KAFKA_SCALER_KEYS).containsAll(trigger.metadata().keySet());
            assertThat(trigger.metadata().values()).as("KEDA reads strings").allMatch(String.class::isInstance);
            assertThat(trigger.metadata()).containsEntry("consumerGroup", config.kafka().groupId())
                    .containsEntry("topic", config.topics().input());
        }
        assertThat(Duration.ofSeconds(pod.getTerminationGracePeriodSeconds()))
                .isGreaterThan(config.shutdown().timeout());

        PodDisruptionBudget pdb = Manifests.only(Manifests.BASE.resolve("poddisruptionbudget.yaml"),
                PodDisruptionBudget.class);
        assertThat(pdb.getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);
        assertThat(pdb.getSpec().getSelector().getMatchLabels()).isEqualTo(podLabels());
    }

    private Map<String, String> podLabels() {
        return statefulSet.getSpec().getTemplate().getMetadata().getLabels();
    }

    private Volume volume(String name) {
        return pod.getVolumes().stream().filter(v -> v.getName().equals(name)).findFirst().orElseThrow();
    }

    private String mountPath(String volume) {
        return worker.getVolumeMounts().stream().filter(m -> m.getName().equals(volume))
                .map(VolumeMount::getMountPath).findFirst().orElseThrow();
    }

    /** What the downward API gives the pod: its name, as the StatefulSet names it, and an address. */
    private static Map<String, String> podEnv() {
        return Map.of("POD_NAME", "groupsync-0", "POD_IP", "127.0.0.1");
    }

    /** The ConfigMap's YAML with the Secret's directory moved into {@code dir}, holding a file for each key. */
    private static Path configWithSecretsIn(Path dir) throws Exception {
        String yaml = Files.readString(Manifests.BASE.resolve("groupsync.yaml"));
        Path secrets = Files.createDirectories(dir.resolve("secrets"));
        for (String key : matches(FILE_PLACEHOLDER, yaml)) {
            Files.writeString(secrets.resolve(key), "s3cret-" + key + "-0123456789abcdef\n");
        }
        Path config = dir.resolve("groupsync.yaml");
        Files.writeString(config, yaml.replace(SECRETS_DIR, secrets.toString()));
        return config;
    }

    private static Set<String> matches(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        Set<String> found = new TreeSet<>();
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }
}
