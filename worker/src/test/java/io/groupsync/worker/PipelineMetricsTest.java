package io.groupsync.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.groupsync.event.GroupChange;
import io.groupsync.imapi.http.VendorHttp;
import io.groupsync.imapi.tencent.TencentClient;
import io.groupsync.metrics.Health;
import io.groupsync.metrics.MetricsServer;
import io.groupsync.metrics.WorkerMetrics;
import io.groupsync.testkit.emulator.Fault;
import io.groupsync.testkit.emulator.tencent.GroupType;
import io.groupsync.testkit.emulator.tencent.TencentEmulator;
import io.groupsync.testkit.workload.EditStream;
import io.groupsync.testkit.emulator.EmulatorClock;
import io.groupsync.time.Clock;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** What an operator sees of a worker on the real broker and a flaky Tencent emulator: its metrics, probes and log. */
class PipelineMetricsTest {

    private static final long APP = 1_400_000_042L;
    private static final String ADMIN = "administrator";
    private static final String SECRET = "test-secret-key-0123456789abcdef";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final WorkerMetrics metrics = new WorkerMetrics(registry, Clock.system(), Duration.ofMinutes(1));
    private final ListAppender<ILoggingEvent> failureLines = new ListAppender<>();
    private final Logger failureLog = (Logger) LoggerFactory.getLogger("io.groupsync.metrics.VendorFailureLog");
    private final HttpClient scraper = HttpClient.newHttpClient();
    private TencentEmulator tencent;
    private OkHttpClient http;
    private PipelineHarness harness;
    private MetricsServer server;

    @BeforeEach
    void start() {
        tencent = new TencentEmulator(APP, ADMIN, SECRET, EmulatorClock.system());
        tencent.setAutoCreate(true, GroupType.PUBLIC);
        tencent.start();
        http = VendorHttp.client(Duration.ofSeconds(2), Duration.ofSeconds(2), 128);
        harness = new PipelineHarness(3);
        failureLines.start();
        failureLog.addAppender(failureLines);
    }

    @AfterEach
    void stop() throws InterruptedException {
        failureLog.detachAppender(failureLines);
        if (server != null) {
            server.close();
        }
        harness.close();
        metrics.close();
        VendorHttp.close(http);
        tencent.close();
    }

    @Test
    void aRunShowsItsResultsDeadLettersLagCommitsAndFailuresAndItsProbesTellTheTruth() throws Exception {
        tencent.faults().seed(7).share(Fault.SERVER_ERROR, 0.1).share(Fault.VENDOR_TRANSIENT, 0.1);
        List<GroupChange> edits = new EditStream(21, 50, "ops").next(1_000);
        harness.publish(edits);
        harness.publishRaw("ops0".getBytes(StandardCharsets.UTF_8), new byte[] {1, 2, 3});
        harness.start(List.of(route()), PipelineHarness.settings(), PipelineHarness.dispatch(30), "w1", metrics,
                metrics);
        Health health = metrics.health(Health.Limits.DEFAULT, harness.thread("w1")::isAlive);
        server = new MetricsServer(new MetricsServer.Endpoint("127.0.0.1", 0, Duration.ofSeconds(5)), registry,
                health::live, health::ready);

        harness.awaitOutputs(Duration.ofMinutes(2),
                () -> harness.results().size() >= edits.size() && !harness.deadLetters().isEmpty());
        String scrape = awaitScrape(s -> s.contains("kafka_consumer_fetch_manager_records_lag{"));

        assertThat(get("/health/live")).isEqualTo(200);
        assertThat(get("/health/ready")).isEqualTo(200);
        assertThat(sum(scrape, "groupsync_results_total", "route=\"tencent\"")).isGreaterThanOrEqualTo(edits.size());
        assertThat(sum(scrape, "groupsync_dead_letters_total", "reason=\"UNDECODABLE\"")).isEqualTo(1);
        assertThat(sum(scrape, "groupsync_commit_duration_seconds_count", "")).isPositive();
        assertThat(sum(scrape, "groupsync_events_consumed_total", "")).isGreaterThanOrEqualTo(edits.size() + 1);
        assertThat(scrape).contains("kafka_producer_", "jvm_memory_used_bytes{", "groupsync_pending_bytes ");
        double failedAnswers = sum(scrape, "groupsync_vendor_answers_total", "outcome=\"TRANSIENT\"");
        Map<String, Long> linesPerKind = failureLines.list.stream().collect(Collectors.groupingBy(
                e -> e.getMDCPropertyMap().get("route") + " " + e.getMDCPropertyMap().get("failure"),
                Collectors.counting()));
        assertThat(failedAnswers).isGreaterThan(10);
        assertThat(linesPerKind).as("one line per route and kind in the first minute").isNotEmpty()
                .allSatisfy((kind, lines) -> assertThat(lines).isEqualTo(1L));

        harness.stopWorker();
        assertThat(get("/health/live")).as("the pipeline has ended").isEqualTo(503);
    }

    private String awaitScrape(java.util.function.Predicate<String> done) {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(registry::scrape, done);
    }

    /** The sum of a series' samples whose labels contain {@code labels}, from the Prometheus text. */
    private static double sum(String scrape, String name, String labels) {
        return scrape.lines().filter(l -> l.startsWith(name + "{") || l.startsWith(name + " "))
                .filter(l -> l.contains(labels))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    private int get(String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(10)).build();
        return scraper.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private RouteSpec route() {
        TencentClient client = new TencentClient(http, tencent.baseUri(), APP, ADMIN, SECRET, Duration.ofHours(1),
                Clock.system(), new Random());
        return new RouteSpec("tencent", client, Map.of(TencentEmulator.MODIFY_GROUP_BASE_INFO, 200,
                TencentEmulator.MODIFY_GROUP_MEMBER_INFO, 200, TencentEmulator.FORBID_SEND_MSG, 200));
    }
}
