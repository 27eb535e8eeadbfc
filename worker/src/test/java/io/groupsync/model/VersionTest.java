package io.groupsync.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class VersionTest {

    @Test
    void withinAPartitionTheOffsetDecidesWhateverTheProducersClocksSay() {
        Version earlierOffsetLaterClock = new Version(2_000, 0, 5);
        Version laterOffsetEarlierClock = new Version(1_000, 0, 6);

        assertThat(laterOffsetEarlierClock.isNewerThan(earlierOffsetLaterClock)).isTrue();
        assertThat(earlierOffsetLaterClock.isNewerThan(laterOffsetEarlierClock)).isFalse();
    }

    @Test
    void acrossPartitionsOccurredAtDecidesThenPartitionAndOffset() {
        assertThat(new Version(2_000, 0, 1).isNewerThan(new Version(1_000, 1, 99))).isTrue();
        assertThat(new Version(1_000, 1, 0).isNewerThan(new Version(1_000, 0, 99))).isTrue();
    }

    @Test
    void theSameEditIsNotNewerThanItself() {
        Version v = new Version(1_000, 3, 7);
        assertThat(v.isNewerThan(new Version(1_000, 3, 7))).isFalse();
        assertThat(v.compareTo(new Version(1_000, 3, 7))).isZero();
    }

    @Test
    void anOrdinaryRecordsVersionIsWhereItWasRead() {
        assertThat(Version.of(record(new RecordHeaders()), 42)).isEqualTo(new Version(42, 1, 100));
    }

    @Test
    void aReplayedRecordsVersionIsItsOriginalPositionNotTheReplays() {
        RecordHeaders headers = new RecordHeaders();
        headers.add(ReplayHeaders.ORIGINAL_PARTITION, utf8("1"));
        headers.add(ReplayHeaders.ORIGINAL_OFFSET, utf8("17"));

        assertThat(Version.of(record(headers), 42)).isEqualTo(new Version(42, 1, 17));
    }

    @Test
    void anOriginalPositionThatIsNotBeforeTheRecordInItsOwnPartitionIsRefused() {
        RecordHeaders later = new RecordHeaders();
        later.add(ReplayHeaders.ORIGINAL_PARTITION, utf8("1"));
        later.add(ReplayHeaders.ORIGINAL_OFFSET, utf8(Long.toString(Long.MAX_VALUE)));
        RecordHeaders elsewhere = new RecordHeaders();
        elsewhere.add(ReplayHeaders.ORIGINAL_PARTITION, utf8("0"));
        elsewhere.add(ReplayHeaders.ORIGINAL_OFFSET, utf8("17"));

        assertThatThrownBy(() -> Version.of(record(later), 42)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must come before it in its own partition 1@100");
        assertThatThrownBy(() -> Version.of(record(elsewhere), 42)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aReplayIntoAnotherTopicThanItsOriginalsIsAsNewAsItsOwnPosition() {
        RecordHeaders headers = new RecordHeaders();
        headers.add(ReplayHeaders.ORIGINAL_TOPIC, utf8("elsewhere"));
        headers.add(ReplayHeaders.ORIGINAL_PARTITION, utf8("0"));
        headers.add(ReplayHeaders.ORIGINAL_OFFSET, utf8("17"));

        assertThat(Version.of(record(headers), 42)).isEqualTo(new Version(42, 1, 100));
    }

    @Test
    void replayHeadersThatAreNotDecimalsOrComeAloneAreRefusedNamingTheHeader() {
        RecordHeaders bad = new RecordHeaders();
        bad.add(ReplayHeaders.ORIGINAL_PARTITION, utf8("0"));
        bad.add(ReplayHeaders.ORIGINAL_OFFSET, new byte[] {0, 0, 0, 17});
        RecordHeaders alone = new RecordHeaders();
        alone.add(ReplayHeaders.ORIGINAL_OFFSET, utf8("17"));

        assertThatThrownBy(() -> Version.of(record(bad), 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(ReplayHeaders.ORIGINAL_OFFSET);
        assertThatThrownBy(() -> Version.of(record(alone), 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(ReplayHeaders.ORIGINAL_PARTITION);
    }

    private static SourceRecord record(RecordHeaders headers) {
        return new SourceRecord("in", 1, 100, 0, null, null, headers, 0);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
