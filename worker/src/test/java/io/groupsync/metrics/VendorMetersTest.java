package io.groupsync.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.groupsync.time.ManualClock;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The meters deploy/'s dashboard and alerts read beside the calls: limits, latency, busiest second, readiness. */
class VendorMetersTest {

    private final ManualClock clock = new ManualClock();
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final WorkerMetrics metrics = new WorkerMetrics(registry, clock, Duration.ofMinutes(1));

    @AfterEach
    void close() {
        metrics.close();
    }

    @Test
    void aRoutesLimitsAreScrapedAndItsCallsAnswersAndFailuresStartAtZero() {
        metrics.routeLimits("tencent", Map.of("forbid_send_msg", 16));
        String scrape = registry.scrape();
        assertThat(scrape).contains("groupsync_vendor_limit{api=\"forbid_send_msg\",route=\"tencent\"} 16.0",
                "groupsync_vendor_calls_total{api=\"forbid_send_msg\",route=\"tencent\"} 0.0",
                "groupsync_vendor_answers_total{api=\"forbid_send_msg\",outcome=\"THROTTLED\",route=\"tencent\"} 0.0",
                "groupsync_calls_held_back_total{api=\"forbid_send_msg\",reason=\"paused\",route=\"tencent\"} 0.0",
                "groupsync_commit_failures_total{kind=\"ABORTED\"} 0.0");
    }

    @Test
    void theBusiestSecondIsTheMostWrittenInOneSlidingSecondAndLatencyIsAHistogram() {
        for (int inLastSecond : new int[] {1, 2, 3, 2, 1}) {
            metrics.written("tencent", "group", inLastSecond);
        }
        metrics.answerTime("tencent", "group", Duration.ofMillis(40));
        String scrape = registry.scrape();
        assertThat(scrape).contains("groupsync_vendor_second_requests_max{api=\"group\",route=\"tencent\"} 3.0",
                "groupsync_vendor_duration_seconds_bucket{api=\"group\",route=\"tencent\",le=\"0.05\"} 1",
                "groupsync_vendor_duration_seconds_count{api=\"group\",route=\"tencent\"} 1");
    }

    @Test
    void readinessIsAGaugeOfWhatTheProbeAnswers() {
        metrics.health(Health.Limits.DEFAULT, () -> true);
        assertThat(registry.scrape()).contains("groupsync_ready 0.0");
        metrics.assigned(List.of(new TopicPartition("in", 0)));
        assertThat(registry.scrape()).contains("groupsync_ready 1.0");
    }
}
