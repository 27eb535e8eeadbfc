package io.groupsync.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.groupsync.event.GroupChange;
import io.groupsync.schemas.AvroCodec;
import io.groupsync.testkit.emulator.EmulatorClock;
import io.groupsync.testkit.emulator.tencent.GroupType;
import io.groupsync.testkit.emulator.tencent.TencentEmulator;
import io.groupsync.testkit.kafka.KafkaClients;
import io.groupsync.testkit.kafka.SharedKafka;
import io.groupsync.testkit.workload.EditStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ConfigMap's YAML runs as the pod would run it: started with the StatefulSet's arguments, the downward API's
 * POD_NAME and POD_IP, the credentials as files and environment overrides for what a test must move (the brokers,
 * the topics, the port: as an overlay would); only the routes point at the Tencent emulator instead. It turns ready
 * on the readiness probe's path and port, writes every result, and stops within the pod's grace period with exit 0.
 */
class ConfigMapRunTest {

    private static final long APP = 1_400_000_078L;
    private static final String SECRETS_DIR = "/run/secrets/groupsync";

    @TempDir
    Path home;

    @Test
    void theConfigMapsYamlRunsTurnsReadyWritesEveryResultAndStopsWithinTheGracePeriod() throws Exception {
        StatefulSet statefulSet = Manifests.only(Manifests.BASE.resolve("statefulset.yaml"), StatefulSet.class);
        Container container = statefulSet.getSpec().getTemplate().getSpec().getContainers().get(0);
        Duration grace = Duration.ofSeconds(statefulSet.getSpec().getTemplate().getSpec()
                .getTerminationGracePeriodSeconds());
        String input = SharedKafka.uniqueTopic("cm-in");
        String results = SharedKafka.uniqueTopic("cm-results");
        String deadLetters = SharedKafka.uniqueTopic("cm-dlt");
        SharedKafka.createTopic(input, 2);
        SharedKafka.createTopic(results, 1);
        SharedKafka.createTopic(deadLetters, 1);
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        String secret = "configmap-run-secret-0123456789abcdef";
        Path secrets = Files.createDirectories(home.resolve("secrets"));
        Files.writeString(secrets.resolve("tencent-secret-key"), secret + "\n");

        try (TencentEmulator tencent = new TencentEmulator(APP, "administrator", secret, EmulatorClock.system())) {
            tencent.setAutoCreate(true, GroupType.PUBLIC);
            tencent.start();
            String yaml = Files.readString(Manifests.BASE.resolve("groupsync.yaml"));
            String routes = String.join("\n", "routes:", "  - name: tencent", "    vendor: tencent",
                    "    endpoint: " + tencent.baseUri(), "    sdk-app-id: " + APP, "    identifier: administrator",
                    "    secret-key: ${file:" + SECRETS_DIR + "/tencent-secret-key}", "");
            Path config = home.resolve("groupsync.yaml");
            Files.writeString(config, (yaml.substring(0, yaml.indexOf("\nroutes:") + 1) + routes)
                    .replace(SECRETS_DIR, secrets.toString()));

            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), "-Xmx256m", "-cp", System.getProperty("java.class.path"), "io.groupsync.cli.Main"));
            command.addAll(container.getArgs());
            // Our stdin is a pipe from this JVM: if it dies without stopping the worker, the worker stops itself.
            command.add("--stop-when-stdin-closes");
            assertThat(container.getArgs()).containsExactly("run", "--config", "/etc/groupsync/groupsync.yaml");
            command.set(command.indexOf("/etc/groupsync/groupsync.yaml"), config.toString());
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(home.resolve("worker.log").toFile());
            builder.environment().keySet().removeIf(name -> name.startsWith("GROUPSYNC_"));
            builder.environment().putAll(Map.of("POD_NAME", "groupsync-0", "POD_IP", "127.0.0.1",
                    "GROUPSYNC_KAFKA_BOOTSTRAP_SERVERS", SharedKafka.bootstrapServers(),
                    "GROUPSYNC_KAFKA_GROUP_ID", SharedKafka.uniqueTopic("cm-group"),
                    "GROUPSYNC_TOPICS_INPUT", input, "GROUPSYNC_TOPICS_RESULTS", results,
                    "GROUPSYNC_TOPICS_DEAD_LETTERS", deadLetters, "GROUPSYNC_METRICS_PORT", Integer.toString(port)));
            Process worker = builder.start();
            try {
                URI ready = URI.create("http://127.0.0.1:" + port
                        + container.getReadinessProbe().getHttpGet().getPath());
                HttpClient http = HttpClient.newHttpClient();
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                        .until(() -> worker.isAlive() && http.send(HttpRequest.newBuilder(ready)
                                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding())
                                .statusCode() == 200);
                assertThat(worker.isAlive()).as(log()).isTrue();

                List<GroupChange> edits = new EditStream(78, 10, "cm").next(100);
                publish(input, edits);
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() ->
                        KafkaClients.readToEnd(SharedKafka.consumerProps("cm-reader"), results).size()
                                >= edits.size());

                worker.destroy();
                assertThat(worker.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)).as("stopped within " + grace)
                        .isTrue();
                assertThat(worker.exitValue()).as(log()).isZero();
            } finally {
                worker.destroyForcibly().waitFor();
            }
        }
        assertThat(log()).as("the instance id is the pod's name").contains("groupsync-0");
    }

    private String log() throws Exception {
        return Files.readString(home.resolve("worker.log"));
    }

    private static void publish(String topic, List<GroupChange> edits) {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(SharedKafka.producerProps())) {
            for (GroupChange edit : edits) {
                producer.send(new ProducerRecord<>(topic, edit.getGroupId().toString().getBytes(StandardCharsets.UTF_8),
                        AvroCodec.groupChange().encode(edit)));
            }
            producer.flush();
        }
    }
}
