package io.groupsync.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.groupsync.event.GroupChange;
import io.groupsync.schemas.AvroCodec;
import io.groupsync.testkit.emulator.EmulatorClock;
import io.groupsync.testkit.emulator.tencent.GroupType;
import io.groupsync.testkit.emulator.tencent.TencentEmulator;
import io.groupsync.testkit.kafka.KafkaClients;
import io.groupsync.testkit.kafka.SharedKafka;
import io.groupsync.testkit.process.WorkerProcess;
import io.groupsync.testkit.process.WorkerYaml;
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
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No dead panel and no alert that can never fire: a worker (its own process, on the real broker and the Tencent
 * emulator) runs edits and a poison pill, and every metric, label and label value that a dashboard panel or an alert
 * rule asks for is on its /metrics.
 */
class DashboardMetricsTest {

    private static final long APP = 1_400_000_077L;
    private static final String SECRET = "dashboard-test-secret";
    /** Labels Prometheus gives every series of a target (the Prometheus Operator's), not the worker. */
    private static final Set<String> TARGET_LABELS = Set.of("job", "namespace", "pod", "instance", "service",
            "endpoint", "container");
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})? \\S+$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    @TempDir
    Path home;

    @Test
    void everyMetricLabelAndValueThePanelsAndAlertsQueryIsOnALiveWorkersMetrics() throws Exception {
        List<Queries.Query> queries = new ArrayList<>(Queries.dashboard());
        queries.addAll(Queries.alerts());
        assertThat(queries).as("the dashboard's panels and the alerts").hasSizeGreaterThan(25);

        String input = SharedKafka.uniqueTopic("dash-in");
        String results = SharedKafka.uniqueTopic("dash-results");
        String deadLetters = SharedKafka.uniqueTopic("dash-dlt");
        SharedKafka.createTopic(input, 2);
        SharedKafka.createTopic(results, 1);
        SharedKafka.createTopic(deadLetters, 1);
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        try (TencentEmulator tencent = new TencentEmulator(APP, "administrator", SECRET, EmulatorClock.system())) {
            tencent.setAutoCreate(true, GroupType.PUBLIC);
            tencent.start();
            Path config = new WorkerYaml(SharedKafka.bootstrapServers())
                    .group(SharedKafka.uniqueTopic("dash-group"), "dash-1")
                    .topics(input, results, deadLetters)
                    .metricsPort(port)
                    .tencentRoute("tencent", tencent.baseUri(), APP, "administrator", SECRET, 200)
                    .write(home.resolve("groupsync.yaml"));
            try (WorkerProcess worker = new WorkerProcess(config, home.resolve("worker.log"), List.of("-Xmx256m"))
                    .start()) {
                publish(input, new EditStream(77, 20, "dash").next(200));
                URI metrics = URI.create("http://127.0.0.1:" + port + "/metrics");
                HttpClient http = HttpClient.newHttpClient();
                await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                        .untilAsserted(() -> {
                            assertThat(worker.isAlive()).as("worker alive; see " + worker.log()).isTrue();
                            Map<String, List<Map<String, String>>> series = series(http.send(
                                    HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(5)).build(),
                                    HttpResponse.BodyHandlers.ofString()).body());
                            assertThat(missing(queries, series)).as("queried but not on /metrics").isEmpty();
                        });
                assertThat(worker.stop(Duration.ofSeconds(30))).as(Files.readString(worker.log())).isZero();
            }
        }
        assertThat(KafkaClients.readToEnd(SharedKafka.consumerProps("dash-dlt-reader"), deadLetters))
                .as("the poison pill").hasSize(1);
    }

    /** What each query asks for that no series has, one line per gap, naming the panel or alert. */
    private static List<String> missing(List<Queries.Query> queries, Map<String, List<Map<String, String>>> series) {
        List<String> gaps = new ArrayList<>();
        for (Queries.Query query : queries) {
            assertThat(query.metrics()).as(query.source() + " reads no metric: " + query.expr()).isNotEmpty();
            Set<String> labelsOfItsMetrics = new HashSet<>(TARGET_LABELS);
            for (String metric : query.metrics()) {
                List<Map<String, String>> found = series.get(metric);
                if (found == null) {
                    gaps.add(query.source() + ": " + metric);
                    continue;
                }
                found.forEach(s -> labelsOfItsMetrics.addAll(s.keySet()));
                for (Queries.LabelMatch m : query.matchers().getOrDefault(metric, List.of())) {
                    if (TARGET_LABELS.contains(m.label()) || m.value().contains("$")) {
                        continue;
                    }
                    boolean matched = m.op().equals("=~")
                            ? List.of(m.value().split("\\|")).stream().allMatch(v -> hasValue(found, m.label(), v))
                            : !m.op().equals("=") || hasValue(found, m.label(), m.value());
                    if (!matched) {
                        gaps.add(query.source() + ": " + metric + "{" + m.label() + m.op() + "\"" + m.value() + "\"}");
                    }
                }
            }
            query.groupedBy().stream().filter(l -> !labelsOfItsMetrics.contains(l))
                    .forEach(l -> gaps.add(query.source() + ": label " + l + " on none of " + query.metrics()));
        }
        return gaps;
    }

    private static boolean hasValue(List<Map<String, String>> series, String label, String value) {
        return series.stream().anyMatch(s -> value.equals(s.get(label)));
    }

    /** The scrape's series: metric name → each sample's labels. */
    private static Map<String, List<Map<String, String>>> series(String scrape) {
        Map<String, List<Map<String, String>>> series = new HashMap<>();
        for (String line : scrape.lines().filter(l -> !l.startsWith("#") && !l.isBlank()).toList()) {
            Matcher sample = SAMPLE.matcher(line);
            assertThat(sample.matches()).as(line).isTrue();
            Map<String, String> labels = new LinkedHashMap<>();
            if (sample.group(2) != null) {
                Matcher label = LABEL.matcher(sample.group(2));
                while (label.find()) {
                    labels.put(label.group(1), label.group(2));
                }
            }
            series.computeIfAbsent(sample.group(1), k -> new ArrayList<>()).add(labels);
        }
        return series;
    }

    private static void publish(String topic, List<GroupChange> edits) {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(SharedKafka.producerProps())) {
            for (GroupChange edit : edits) {
                producer.send(new ProducerRecord<>(topic, edit.getGroupId().toString().getBytes(StandardCharsets.UTF_8),
                        AvroCodec.groupChange().encode(edit)));
            }
            producer.send(new ProducerRecord<>(topic, "dash-poison".getBytes(StandardCharsets.UTF_8),
                    new byte[] {1, 2, 3}));
            producer.flush();
        }
    }
}
