package io.groupsync.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The records as tests and components build them: defaults equal to an empty file's, withers, their invariants. */
class ConfigRecordsTest {

    private static final WorkerConfig MINIMAL = WorkerConfig.parse(Configs.minimal(), Map.of("OPENIM_SECRET", "s"));

    @Test
    void defaultsAreWhatAFileLeavingTheSectionOutGives() {
        assertThat(PipelineConfig.defaults()).isEqualTo(MINIMAL.pipeline());
        assertThat(DispatchConfig.defaults()).isEqualTo(MINIMAL.dispatch());
    }

    @Test
    void withersChangeOneSettingAndKeepTheRest() {
        PipelineConfig pipeline = PipelineConfig.defaults().withCommitInterval(Duration.ofSeconds(1))
                .withPendingKeys(10, 8).withMaxPendingRecords(100).withMaxPendingBytes(5_000_000).withOffsetMetadataMaxBytes(300);
        assertThat(pipeline).isEqualTo(new PipelineConfig(Duration.ofSeconds(1), 10, 8, 100,
                5_000_000, Duration.ofSeconds(15), 300, Duration.ofSeconds(30), Duration.ofHours(1)));
        assertThat(pipeline.withSettleTimeout(Duration.ZERO).withBacklogHold(Duration.ZERO))
                .extracting(PipelineConfig::settleTimeout, PipelineConfig::backlogHold)
                .containsExactly(Duration.ZERO, Duration.ZERO);
        assertThat(DispatchConfig.defaults().withMaxInFlightPerRoute(8).withMaxAttempts(3)
                .withBackoff(Duration.ofMillis(20), Duration.ofMillis(500)))
                .isEqualTo(new DispatchConfig(8, 3, Duration.ofMillis(20), Duration.ofMillis(500)));
    }

    @Test
    void recordsRefuseSettingsThatContradictEachOther() {
        assertThatThrownBy(() -> PipelineConfig.defaults().withPendingKeys(10, 10))
                .hasMessageContaining("must be below pipeline.max-pending-keys (10), got 10");
        assertThatThrownBy(() -> DispatchConfig.defaults().withBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .hasMessageContaining("must be at least dispatch.initial-backoff (2s), got 1s");
    }

    @Test
    void theKafkaDocsNameEveryPropertyGroupsyncOwns() {
        assertThat(Settings.named("kafka.consumer").doc()).contains(KafkaProperties.CONSUMER.owned().keySet());
        assertThat(Settings.named("kafka.producer").doc()).contains(KafkaProperties.PRODUCER.owned().keySet());
    }
}
