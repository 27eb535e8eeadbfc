package io.groupsync.worker;

import static io.groupsync.worker.BadInputCorpus.OPENIM;
import static io.groupsync.worker.BadInputCorpus.RONG;
import static io.groupsync.worker.BadInputCorpus.ROUTES;
import static io.groupsync.worker.BadInputCorpus.TENCENT;
import static org.assertj.core.api.Assertions.assertThat;

import io.groupsync.event.SyncResult;
import io.groupsync.event.SyncStatus;
import io.groupsync.record.DeadLetterHeaders;
import io.groupsync.testkit.emulator.openim.GroupState;
import io.groupsync.testkit.workload.Convergence;
import io.groupsync.testkit.workload.GroupFold;
import io.groupsync.worker.BadInputCorpus.Kind;
import io.groupsync.worker.BadInputCorpus.Outcome;
import io.groupsync.worker.ThreeVendorRun.Published;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input, judged on one run of the worker as its own process ({@link ThreeVendorRun}): each kind of the
 * {@link BadInputCorpus} ends where it should with a clear reason, the worker keeps running, the good edits around
 * the bad ones apply, and the verdict of every reliability suite holds: each record has exactly one outcome per
 * route (read_committed), none twice, and each vendor holds the fold of the events it applied.
 *
 * <p>Records, not event ids, are the unit of "exactly one": Kafka gives each record its own offset, and the
 * committed offsets and the finished-offset metadata are what make the outcomes exactly-once. Two records with one
 * eventId (a producer that sends twice, an ops replay of a dead letter) each get their outcomes, told apart by
 * sourcePartition and sourceOffset. Deduplicating by id would need a durable store shared by every instance, and
 * would swallow the replays ops make on purpose; the vendor calls set values, so applying an edit again is harmless.
 */
class BadInputProcessTest {

    private static ThreeVendorRun run;

    @BeforeAll
    static void runTheWorker() throws Exception {
        run = ThreeVendorRun.shared();
    }

    static Stream<Kind> kinds() {
        return new BadInputCorpus().kinds().stream();
    }

    @Test
    void theCorpusHasEveryKindTheIssueNames() {
        assertThat(run.kinds).hasSizeGreaterThanOrEqualTo(20);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void endsWhereItShould(Kind expected) {
        Kind kind = run.kinds.stream().filter(k -> k.name().equals(expected.name())).findFirst().orElseThrow();
        List<Published> records = run.published.stream().filter(p -> p.kind() == kind).toList();
        assertThat(records).hasSize(kind.records().size());
        for (Published record : records) {
            List<SyncResult> results = resultsOf(record);
            List<ConsumerRecord<byte[], byte[]>> dead = deadLettersOf(record);
            assertThat(results).as("results").extracting(r -> r.getRoute() + " " + r.getStatus() + " " + r.getMessage())
                    .hasSize((int) kind.outcomes().stream().filter(o -> o.status() != null).count());
            assertThat(dead).as("dead letters").extracting(BadInputProcessTest::describe)
                    .hasSize((int) kind.outcomes().stream().filter(o -> o.deadLetterReason() != null).count());
            for (Outcome outcome : kind.outcomes()) {
                check(record, outcome, results, dead);
            }
        }
    }

    private void check(Published record, Outcome outcome, List<SyncResult> results,
                       List<ConsumerRecord<byte[], byte[]>> dead) {
        if (outcome.status() != null) {
            SyncResult result = results.stream().filter(r -> r.getRoute().equals(outcome.route())).findFirst()
                    .orElseThrow(() -> new AssertionError("no result on " + outcome.route()));
            Set<SyncStatus> allowed = outcome.status() == SyncStatus.APPLIED
                    ? Set.of(SyncStatus.APPLIED, SyncStatus.STALE) : Set.of(outcome.status());
            assertThat(result.getStatus()).as(outcome.route() + " status").isIn(allowed);
            if (outcome.text() != null) {
                assertThat(result.getMessage()).as(outcome.route() + " message").contains(outcome.text());
            }
            if (outcome.status() == SyncStatus.REJECTED) {
                assertThat(vendorTouched(outcome.route(), record.sent().groupId()))
                        .as("a rejected edit never reaches " + outcome.route()).isFalse();
            }
        }
        if (outcome.deadLetterReason() == null) {
            assertThat(dead).as("no dead letter on " + outcome.route()).extracting(BadInputProcessTest::describe)
                    .noneMatch(d -> d.startsWith(outcome.route() + " "));
            return;
        }
        ConsumerRecord<byte[], byte[]> letter = dead.stream()
                .filter(d -> Objects.equals(header(d, DeadLetterHeaders.ROUTE), outcome.route())).findFirst()
                .orElseThrow(() -> new AssertionError("no dead letter for " + outcome));
        assertThat(header(letter, DeadLetterHeaders.REASON)).isEqualTo(outcome.deadLetterReason());
        if (outcome.text() != null) {
            assertThat(header(letter, DeadLetterHeaders.EXCEPTION_MESSAGE)).contains(outcome.text());
        }
        assertThat(letter.key()).as("original key").isEqualTo(record.sent().key());
        int keyAndValue = length(record.sent().key()) + length(record.sent().value());
        if (keyAndValue > 1_000_000) {
            // With its headers it would exceed the worker producer's default max.request.size (1 MiB).
            assertThat(letter.value()).as("value left out").isNull();
            assertThat(header(letter, DeadLetterHeaders.ORIGINAL_OMITTED))
                    .isEqualTo("value (" + record.sent().value().length + " bytes)");
        } else {
            assertThat(letter.value()).as("original value, untouched").isEqualTo(record.sent().value());
        }
        for (Header original : record.sent().headers()) {
            // The input's own dead-letter headers say nothing true of this dead letter: they are kept aside.
            String kept = original.key().startsWith("kafka_dlt-") || original.key().startsWith("groupsync_dlt-")
                    ? "groupsync_orig-" + original.key() : original.key();
            assertThat(letter.headers().lastHeader(kept).value()).as(kept).isEqualTo(original.value());
        }
        assertThat(StreamSupport.stream(letter.headers().spliterator(), false).map(Header::key)
                .filter(k -> k.startsWith("kafka_dlt-") || k.startsWith("groupsync_dlt-")))
                .as("each dead-letter header once").doesNotHaveDuplicates();
    }

    @Test
    void everyRecordHasExactlyOneOutcomePerRouteAndNoneTwice() {
        Map<String, Long> perRecordAndRoute = run.resultValues.stream().collect(Collectors.groupingBy(
                r -> r.getSourcePartition() + "@" + r.getSourceOffset() + "/" + r.getRoute(), Collectors.counting()));
        assertThat(perRecordAndRoute.values()).as("results per record and route").containsOnly(1L);
        Map<String, Long> lettersPerRecordAndRoute = run.deadLetterRecords.stream().collect(Collectors.groupingBy(
                d -> partition(d) + "@" + offset(d) + "/" + header(d, DeadLetterHeaders.ROUTE), Collectors.counting()));
        assertThat(lettersPerRecordAndRoute.values()).as("dead letters per record and route").containsOnly(1L);
        assertThat(run.resultValues).hasSize(run.expectedResults());
        assertThat(run.deadLetterRecords).hasSize(run.expectedDeadLetters());
        Set<String> published = run.published.stream().map(p -> p.partition() + "@" + p.offset())
                .collect(Collectors.toSet());
        assertThat(run.resultValues).allSatisfy(r -> assertThat(published)
                .contains(r.getSourcePartition() + "@" + r.getSourceOffset()));
        for (Published good : run.published.stream().filter(p -> p.kind() == null).toList()) {
            assertThat(resultsOf(good)).extracting(SyncResult::getRoute).containsExactlyInAnyOrderElementsOf(ROUTES);
            // PARTLY_APPLIED: RongCloud has no group-wide mute, and says so.
            assertThat(resultsOf(good)).extracting(SyncResult::getStatus)
                    .allMatch(s -> s == SyncStatus.APPLIED || s == SyncStatus.PARTLY_APPLIED || s == SyncStatus.STALE);
        }
    }

    @Test
    void aDuplicateEventIdGetsOneOutcomePerRecordAndRouteBecauseRecordsNotIdsAreTheUnit() {
        List<SyncResult> same = run.resultValues.stream().filter(r -> r.getEventId().equals("same-id")).toList();
        assertThat(same).hasSize(2 * ROUTES.size());
        assertThat(same.stream().map(SyncResult::getSourceOffset).distinct()).hasSize(2);
    }

    @Test
    void theGoodEditsAroundTheBadOnesConvergeOnEveryVendor() {
        assertThat(Convergence.tencent(fold(TENCENT), run.tencent)).isEmpty();
        assertThat(Convergence.openIm(fold(OPENIM), run.openIm)).isEmpty();
        assertThat(Convergence.rongCloud(fold(RONG), run.rong)).isEmpty();
    }

    @Test
    void theWorkerKeptRunningThroughItAllAndStoppedCleanly() {
        assertThat(run.aliveAtTheEnd).as("alive after the last bad record").isTrue();
        assertThat(run.exitCode).as("exit code after SIGTERM").isZero();
        assertThat(run.log.lines()).as("log lines at ERROR").noneMatch(l -> l.contains("level=ERROR"));
    }

    /** The edits a route applied, in order: the good ones, and the bad ones the table says it applies. */
    private static GroupFold fold(String route) {
        GroupFold fold = new GroupFold();
        run.published.stream().filter(p -> appliedOn(p, route)).map(p -> p.sent().event()).forEach(fold::apply);
        return fold;
    }

    private static boolean appliedOn(Published record, String route) {
        if (record.kind() == null) {
            return true;
        }
        return record.kind().outcomes().stream().anyMatch(o -> route.equals(o.route()) && o.status() != null
                && (o.status() == SyncStatus.APPLIED || o.status() == SyncStatus.PARTLY_APPLIED));
    }

    /** Whether the vendor holds anything of the group: Tencent and RongCloud create it on a first edit. */
    private static boolean vendorTouched(String route, String groupId) {
        return switch (route) {
            case TENCENT -> {
                try {
                    run.tencent.group(groupId);
                    yield true;
                } catch (NoSuchElementException e) {
                    yield false;
                }
            }
            // Every group is seeded at OpenIM: touched means changed, or given a member.
            case OPENIM -> !run.openIm.group(groupId).equals(Optional.of(GroupState.of(groupId)))
                    || !run.openIm.members(groupId).isEmpty();
            case RONG -> run.rong.group(groupId) != null;
            default -> throw new IllegalArgumentException(route);
        };
    }

    private static String describe(ConsumerRecord<byte[], byte[]> letter) {
        return header(letter, DeadLetterHeaders.ROUTE) + " " + header(letter, DeadLetterHeaders.REASON) + " "
                + header(letter, DeadLetterHeaders.EXCEPTION_MESSAGE);
    }

    private static List<SyncResult> resultsOf(Published record) {
        return run.resultValues.stream().filter(r -> r.getSourcePartition() == record.partition()
                && r.getSourceOffset() == record.offset()).toList();
    }

    private static List<ConsumerRecord<byte[], byte[]>> deadLettersOf(Published record) {
        return run.deadLetterRecords.stream().filter(d -> partition(d) == record.partition()
                && offset(d) == record.offset()).toList();
    }

    private static int length(byte[] bytes) {
        return bytes == null ? 0 : bytes.length;
    }

    private static int partition(ConsumerRecord<byte[], byte[]> letter) {
        return ByteBuffer.wrap(letter.headers().lastHeader(DeadLetterHeaders.ORIGINAL_PARTITION).value()).getInt();
    }

    private static long offset(ConsumerRecord<byte[], byte[]> letter) {
        return ByteBuffer.wrap(letter.headers().lastHeader(DeadLetterHeaders.ORIGINAL_OFFSET).value()).getLong();
    }

    static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
