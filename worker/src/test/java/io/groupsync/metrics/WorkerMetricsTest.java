package io.groupsync.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.groupsync.dispatch.DispatchMetrics;
import io.groupsync.event.DeadLetterReason;
import io.groupsync.event.SyncStatus;
import io.groupsync.imapi.CallClass;
import io.groupsync.imapi.CallResult;
import io.groupsync.record.CommitCycle;
import io.groupsync.time.ManualClock;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The series a dashboard and its alerts are built on, by their Prometheus names. */
class WorkerMetricsTest {

    private static final CallResult THROTTLED = new CallResult(CallClass.THROTTLED, 60007, 200, "slow down",
            null, null);

    private final ManualClock clock = new ManualClock();
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final WorkerMetrics metrics = new WorkerMetrics(registry, clock, Duration.ofMinutes(1));

    @AfterEach
    void close() {
        metrics.close();
    }

    @Test
    void whatTheVendorAnsweredAndWhatTheWorkerHeldBackAreCountedApart() {
        metrics.answered(answer(THROTTLED));
        metrics.answered(answer(THROTTLED));
        for (int i = 0; i < 50; i++) {
            metrics.heldBack("tencent", "group", DispatchMetrics.HeldBack.PAUSED);
        }
        metrics.heldBack("tencent", "group", DispatchMetrics.HeldBack.REVOKED);

        assertThat(count("groupsync.vendor.answers", "outcome", "THROTTLED")).isEqualTo(2);
        assertThat(count("groupsync.calls.held.back", "reason", "paused")).isEqualTo(50);
        assertThat(count("groupsync.calls.held.back", "reason", "revoked")).isEqualTo(1);
        assertThat(registry.scrape()).contains("groupsync_vendor_answers_total{", "groupsync_calls_held_back_total{");
    }

    @Test
    void resultsAreCountedByRouteAndStatusAndDeadLettersByReason() {
        metrics.result("tencent", SyncStatus.APPLIED);
        metrics.result("tencent", SyncStatus.APPLIED);
        metrics.result("openim", SyncStatus.FAILED);
        metrics.deadLetter("openim", DeadLetterReason.RETRIES_EXHAUSTED);
        metrics.deadLetter(null, DeadLetterReason.UNDECODABLE);

        assertThat(registry.get("groupsync.results").tags("route", "tencent", "status", "APPLIED").counter()
                .count()).isEqualTo(2);
        assertThat(registry.get("groupsync.results").tags("route", "openim", "status", "FAILED").counter()
                .count()).isEqualTo(1);
        assertThat(count("groupsync.dead.letters", "reason", "UNDECODABLE")).isEqualTo(1);
        assertThat(registry.scrape()).contains("groupsync_results_total{", "groupsync_dead_letters_total{");
    }

    @Test
    void pendingWorkTheLoopAndTheCommitsAreScraped() {
        metrics.looped(5, 7, 4096);
        metrics.committed(Duration.ofMillis(40));
        metrics.commitFailed(CommitCycle.Failure.ABORTED);
        metrics.paused(true);
        clock.advance(Duration.ofSeconds(30));

        assertThat(gauge("groupsync.pending.keys")).isEqualTo(5);
        assertThat(gauge("groupsync.pending.records")).isEqualTo(7);
        assertThat(gauge("groupsync.pending.bytes")).isEqualTo(4096);
        assertThat(gauge("groupsync.intake.paused")).isEqualTo(1);
        assertThat(gauge("groupsync.last.commit.age")).isEqualTo(30);
        assertThat(gauge("groupsync.last.round.age")).isEqualTo(30);
        assertThat(count("groupsync.commit.failures", "kind", "ABORTED")).isEqualTo(1);
        assertThat(registry.get("groupsync.commit.duration").timer().count()).isEqualTo(1);
        assertThat(registry.scrape()).contains("groupsync_pending_keys ", "groupsync_pending_records ",
                "groupsync_pending_bytes ", "groupsync_intake_paused ", "groupsync_last_commit_age_seconds ",
                "groupsync_last_round_age_seconds ", "groupsync_commit_failures_total{",
                "groupsync_commit_duration_seconds_bucket{", "groupsync_transactions_committed_total ",
                "groupsync_partitions_assigned ", "groupsync_events_consumed_total ");
    }

    @Test
    void theJvmsMemoryGcAndThreadsAreScraped() {
        assertThat(registry.scrape()).contains("jvm_memory_used_bytes{", "jvm_memory_max_bytes{", "jvm_gc_",
                "jvm_threads_live_threads ", "process_cpu_usage ");
    }

    @Test
    void theKafkaClientsMetricsAreScrapedAndAReplacedProducersGoWithIt() {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers",
                "127.0.0.1:9", "group.id", "g", "client.id", "c1"), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
             KafkaProducer<byte[], byte[]> first = producer("p1");
             KafkaProducer<byte[], byte[]> second = producer("p2")) {
            metrics.consumerCreated(consumer);
            metrics.producerCreated(first);
            metrics.producerCreated(second);

            String scrape = registry.scrape();
            assertThat(scrape).contains("kafka_consumer_", "client_id=\"c1\"", "client_id=\"p2\"")
                    .doesNotContain("client_id=\"p1\"");
        }
    }

    @Test
    void aFailedVendorCallIsLogged() {
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        Logger logger = (Logger) LoggerFactory.getLogger(VendorFailureLog.class);
        logger.addAppender(lines);
        try {
            metrics.answered(answer(THROTTLED));
            metrics.answered(answer(CallResult.ok(0, 200)));
        } finally {
            logger.detachAppender(lines);
        }
        assertThat(lines.list).singleElement().extracting(ILoggingEvent::getFormattedMessage).asString()
                .contains("route=tencent", "kind=THROTTLED/code-60007");
    }

    private static KafkaProducer<byte[], byte[]> producer(String clientId) {
        return new KafkaProducer<>(Map.of("bootstrap.servers", "127.0.0.1:9", "client.id", clientId,
                "max.block.ms", 100), new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static DispatchMetrics.Answer answer(CallResult result) {
        return new DispatchMetrics.Answer("tencent", "group", result, "g1", "e1", "tencent-1");
    }

    private double count(String name, String tag, String value) {
        return registry.get(name).tag(tag, value).counter().count();
    }

    private double gauge(String name) {
        return registry.get(name).gauge().value();
    }
}
