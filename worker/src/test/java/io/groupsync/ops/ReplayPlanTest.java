package io.groupsync.ops;

import static io.groupsync.ops.Letters.DLT;
import static io.groupsync.ops.Letters.INPUT;
import static io.groupsync.ops.Letters.headers;
import static io.groupsync.ops.Letters.letter;
import static org.assertj.core.api.Assertions.assertThat;

import io.groupsync.model.ReplayHeaders;
import io.groupsync.record.DeadLetterHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

/** What replay decides for a dead letter, and what the replay it writes carries. */
class ReplayPlanTest {

    private static final Selection ALL = Selection.all();

    @Test
    void aDeadLetterOfARouteIsReplayedToItsOwnTopicForThatRouteAlone() {
        assertThat(plan(ALL).decide(Letter.of(letter(3, headers("tencent", "RETRIES_EXHAUSTED", 40)))))
                .isEqualTo(new ReplayPlan.Replay(INPUT, "tencent"));
    }

    @Test
    void aRecordThatFailedBeforeAnyRouteIsSkippedSayingWhy() {
        ReplayPlan.Decision decision = plan(ALL).decide(Letter.of(letter(3, headers(null, "INVALID_EVENT", 40))));
        assertThat(decision).isInstanceOf(ReplayPlan.Skip.class);
        assertThat(((ReplayPlan.Skip) decision).why()).startsWith("failed before any route (INVALID_EVENT)");
    }

    @Test
    void anotherTopicThanTheRecordsOwnIsRefusedUnlessAllowed() {
        Letter letter = Letter.of(letter(3, headers("tencent", "VENDOR_PERMANENT", 40)));
        assertThat(new ReplayPlan(ALL, "elsewhere", false, 3, false, null).decide(letter))
                .isEqualTo(new ReplayPlan.Skip("it was read from changes, not elsewhere; add --allow-other-topic to "
                        + "write it there"));
        assertThat(new ReplayPlan(ALL, "elsewhere", true, 3, false, null).decide(letter))
                .isEqualTo(new ReplayPlan.Replay("elsewhere", "tencent"));
    }

    @Test
    void aRecordReplayedTheMostTimesIsParkedWithItsLastFailure() {
        Letter again = Letter.of(letter(9, Letters.failedReplay("tencent", 70, 3, 40)));
        ReplayPlan.Decision decision = plan(ALL).decide(again);
        assertThat(decision).isEqualTo(new ReplayPlan.Park("replayed 3 time(s), the most allowed (--max-replays 3), "
                + "and failed again: VENDOR_PERMANENT: it failed", "replayed 3 time(s), the most allowed "
                + "(--max-replays 3), and failed again (VENDOR_PERMANENT)"));
    }

    @Test
    void parkTakesTheSelectionWhateverItsReason() {
        ReplayPlan park = new ReplayPlan(ALL, null, false, 3, true, "group deleted");
        assertThat(park.decide(Letter.of(letter(3, headers(null, "INVALID_EVENT", 40)))))
                .isEqualTo(new ReplayPlan.Park("parked by the operator: group deleted",
                        "parked by the operator: group deleted"));
    }

    @Test
    void eachFilterGivenMustMatch() {
        Letter letter = Letter.of(letter(3, headers("tencent", "VENDOR_PERMANENT", 40)));
        assertThat(plan(selection(Set.of("tencent"), Set.of("VENDOR_PERMANENT"), Set.of("g1"))).decide(letter))
                .isInstanceOf(ReplayPlan.Replay.class);
        assertThat(plan(selection(Set.of("tencent", "openim"), Set.of(), Set.of("g2"))).decide(letter))
                .isInstanceOf(ReplayPlan.NotSelected.class);
        assertThat(plan(selection(Set.of("openim"), Set.of(), Set.of())).decide(letter))
                .isInstanceOf(ReplayPlan.NotSelected.class);
        Selection window = new Selection(Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), Set.of(),
                Set.of(), Instant.ofEpochMilli(5_000), Instant.ofEpochMilli(5_003), 1, new long[] {40, 40});
        assertThat(window.matches(letter)).as("written at 5003, the end is not included").isFalse();
        assertThat(window.matches(Letter.of(letter(2, headers("tencent", "VENDOR_PERMANENT", 40))))).isTrue();
        assertThat(window.matches(Letter.of(letter(2, headers("tencent", "VENDOR_PERMANENT", 41))))).isFalse();
    }

    @Test
    void aReplayCarriesTheOriginalsHeadersAndItsHistoryButNoDeadLetterHeader() {
        Letter letter = Letter.of(letter(3, headers("tencent", "VENDOR_PERMANENT", 40)));
        ProducerRecord<byte[], byte[]> replay = ReplayRecords.replay(letter, INPUT, "tencent");

        assertThat(keys(replay)).containsExactly("trace-id", ReplayHeaders.DEAD_LETTER, ReplayHeaders.COUNT,
                ReplayHeaders.ROUTES, ReplayHeaders.ORIGINAL_TOPIC, ReplayHeaders.ORIGINAL_PARTITION,
                ReplayHeaders.ORIGINAL_OFFSET);
        assertThat(text(replay, ReplayHeaders.DEAD_LETTER)).isEqualTo(DLT + "-0@3");
        assertThat(text(replay, ReplayHeaders.COUNT)).isEqualTo("1");
        assertThat(text(replay, ReplayHeaders.ORIGINAL_OFFSET)).isEqualTo("40");
        assertThat(replay.key()).isEqualTo(letter.record().key());
        assertThat(replay.value()).isEqualTo(letter.record().value());
        assertThat(replay.partition()).as("back to the partition it was first read from, whatever the upstream "
                + "producer's partitioner").isEqualTo(letter.originalPartition());
    }

    @Test
    void aSecondReplayCountsOnKeepsWhereTheEditWasFirstPublishedAndAddsToTheHistory() {
        Letter again = Letter.of(letter(9, Letters.failedReplay("tencent", 70, 1, 40)));
        ProducerRecord<byte[], byte[]> replay = ReplayRecords.replay(again, INPUT, "tencent");

        assertThat(StreamSupport.stream(replay.headers().headers(ReplayHeaders.DEAD_LETTER).spliterator(), false)
                .map(h -> new String(h.value(), StandardCharsets.UTF_8))).containsExactly(DLT + "-0@3", DLT + "-0@9");
        assertThat(text(replay, ReplayHeaders.COUNT)).isEqualTo("2");
        assertThat(text(replay, ReplayHeaders.ORIGINAL_OFFSET)).as("the first publication, not the replay")
                .isEqualTo("40");
        assertThat(keys(replay).stream().filter(k -> k.equals(ReplayHeaders.COUNT))).hasSize(1);
        assertThat(keys(replay)).noneMatch(DeadLetterHeaders::isDeadLetterHeader);
    }

    @Test
    void aParkedRecordIsTheDeadLetterWholeWithWhy() {
        Letter letter = Letter.of(letter(3, headers(null, "INVALID_EVENT", 40)));
        ProducerRecord<byte[], byte[]> parked = ReplayRecords.parked(letter, DLT + ".parked", "because");
        assertThat(keys(parked)).containsAll(keys(letter.record().headers()));
        assertThat(text(parked, ReplayRecords.PARK_REASON)).isEqualTo("because");
        assertThat(text(parked, ReplayRecords.PARK_DEAD_LETTER)).isEqualTo(DLT + "-0@3");
    }

    private static ReplayPlan plan(Selection selection) {
        return new ReplayPlan(selection, null, false, 3, false, null);
    }

    private static Selection selection(Set<String> routes, Set<String> reasons, Set<String> groups) {
        return new Selection(routes, Set.of(), reasons, Set.of(), Set.of(), groups, Set.of(), Set.of(), null, null,
                -1, null);
    }

    private static List<String> keys(ProducerRecord<byte[], byte[]> record) {
        return keys(record.headers());
    }

    private static List<String> keys(Iterable<Header> headers) {
        return StreamSupport.stream(headers.spliterator(), false).map(Header::key).toList();
    }

    private static String text(ProducerRecord<byte[], byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
