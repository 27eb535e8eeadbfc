package io.groupsync.ops;

import static io.groupsync.ops.OpsStack.OPENIM;
import static io.groupsync.ops.OpsStack.RONG;
import static io.groupsync.ops.OpsStack.TENCENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.groupsync.event.GroupChange;
import io.groupsync.model.ReplayHeaders;
import io.groupsync.record.DeadLetterHeaders;
import io.groupsync.testkit.emulator.openim.OpenImEmulator;
import io.groupsync.testkit.emulator.tencent.GroupType;
import io.groupsync.testkit.kafka.SharedKafka;
import io.groupsync.testkit.process.CliRun;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code groupsync replay} and {@code tail} as an operator runs them, on the dead letters of a real worker process:
 * 30 renames of groups Tencent does not have (VENDOR_PERMANENT 10010 on that route, applied on the others), 5 events
 * whose key is not their group (INVALID_EVENT) and 5 for a route no worker has (UNKNOWN_ROUTE). The tests run in
 * order, each on what the one before left, as an operator's session would.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplayProcessTest {

    private static final int LOST = 30;
    private static final int INVALID = 5;
    private static final int UNKNOWN = 5;
    private static final int GOOD = 10;
    private static OpsStack stack;
    /** The replay group of the Tencent dead letters, which the parking test goes on with. */
    private static String tencentGroup;
    /** When the worker was started on the replays. */
    private static Instant replaysRead;

    @BeforeAll
    static void deadLettersOfThreeKinds() throws Exception {
        stack = new OpsStack(Map.of());
        Instant at = Instant.now();
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (int i = 0; i < GOOD; i++) {
            stack.tencent.seedGroup("kept" + i, GroupType.PUBLIC);
            records.add(OpsStack.record(stack.input, OpsStack.rename("good-" + i, "kept" + i, "n" + i, at),
                    "kept" + i));
        }
        for (int i = 0; i < LOST; i++) {
            records.add(OpsStack.record(stack.input, OpsStack.rename("lost-" + i, "lost" + i, "n" + i, at),
                    "lost" + i));
        }
        for (int i = 0; i < INVALID; i++) {
            records.add(OpsStack.record(stack.input, OpsStack.rename("badkey-" + i, "kept" + i, "x", at), "other"));
        }
        for (int i = 0; i < UNKNOWN; i++) {
            GroupChange event = OpsStack.rename("wechat-" + i, "kept" + i, "w", at);
            event.setTargetRoutes(List.of("wechat"));
            records.add(OpsStack.record(stack.input, event, "kept" + i));
        }
        stack.startWorker();
        stack.publish(records);
        stack.awaitCount(stack.deadLetters, LOST + INVALID + UNKNOWN);
        stack.awaitCount(stack.results, 3 * (GOOD + LOST));
        stack.stopWorker();
    }

    @AfterAll
    static void stopAll() {
        stack.close();
    }

    @Test
    @Order(1)
    void aDryRunCountsTheDeadLettersByReasonRouteAndCodeAndSaysWhatItWouldSkipAndWhy() throws Exception {
        CliRun run = stack.groupsync("replay");

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        System.out.println(run.stdout());
        assertThat(run.stdout()).contains("40 read, 40 selected (every dead letter)",
                "by reason:      VENDOR_PERMANENT 30, INVALID_EVENT 5, UNKNOWN_ROUTE 5",
                "by route:       tencent 30, (none) 5, wechat 5",
                "by vendor code: 10010 30, (none) 10",
                "would be replayed: 35 (" + stack.input + " for tencent 30, " + stack.input + " for wechat 5)",
                "would be skipped:  5",
                "5  failed before any route (INVALID_EVENT)",
                "dry run: nothing written");
        assertThat(stack.read(stack.input)).as("nothing written").hasSize(GOOD + LOST + INVALID + UNKNOWN);
    }

    @Test
    @Order(2)
    void aReplayKilledMidRunAndRunAgainRepublishesEachDeadLetterOnceAndARunAfterThatNothing() throws Exception {
        String group = SharedKafka.uniqueTopic("replay-tencent");
        tencentGroup = group;
        TopicPartition dlt = new TopicPartition(stack.deadLetters, 0);
        Process first = stack.start("replay", "--execute", "--route", TENCENT, "--rate", "10",
                "--replay-group", group);
        await("a first transaction of the replay").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(50))
                .until(() -> stack.offsets(group).containsKey(dlt));
        first.destroyForcibly().waitFor();
        long killedAt = stack.offsets(group).get(dlt).offset();
        long end = endOffset();
        assertThat(killedAt).as("killed mid-run").isLessThan(end);
        assertThat(replays()).as("replays committed by the killed run").isNotEmpty().hasSizeLessThan(LOST);

        CliRun second = stack.groupsync("replay", "--execute", "--route", TENCENT, "--rate", "100",
                "--replay-group", group);

        assertThat(second.exitCode()).as(second.stderr()).isZero();
        List<ConsumerRecord<byte[], byte[]>> replays = replays();
        Map<String, Long> perDeadLetter = replays.stream().collect(Collectors.groupingBy(
                r -> header(r, ReplayHeaders.DEAD_LETTER), Collectors.counting()));
        assertThat(perDeadLetter).as("each dead letter republished once").hasSize(LOST).allSatisfy((k, n) ->
                assertThat(n).as(k).isOne());
        assertThat(replays).allSatisfy(r -> {
            assertThat(header(r, ReplayHeaders.ROUTES)).isEqualTo(TENCENT);
            assertThat(header(r, ReplayHeaders.COUNT)).isEqualTo("1");
            assertThat(header(r, ReplayHeaders.ORIGINAL_TOPIC)).isEqualTo(stack.input);
            assertThat(keys(r)).noneMatch(DeadLetterHeaders::isDeadLetterHeader);
        });
        assertThat(stack.offsets(group).get(dlt)).as("the replay group's offset").isEqualTo(
                new OffsetAndMetadata(end));

        CliRun third = stack.groupsync("replay", "--execute", "--route", TENCENT, "--replay-group", group);

        assertThat(third.stdout()).contains("0 read", "replayed: 0");
        assertThat(replays()).hasSize(LOST);
    }

    @Test
    @Order(3)
    void aReplayThatFailsAgainIsDeadLetteredWithItsHistoryAndIsParkedAfterTheMostReplays() throws Exception {
        int openImCalls = stack.openIm.calls().count(OpenImEmulator.SET_GROUP_INFO_EX);
        int rongCalls = stack.rong.calls().count();
        replaysRead = Instant.now();
        stack.startWorker();
        stack.awaitCount(stack.deadLetters, LOST + INVALID + UNKNOWN + LOST);
        stack.awaitCount(stack.results, 3 * (GOOD + LOST) + LOST);
        stack.stopWorker();
        assertThat(stack.openIm.calls().count(OpenImEmulator.SET_GROUP_INFO_EX))
                .as("OpenIM applied the originals: no call for the replays")
                .isEqualTo(openImCalls);
        assertThat(stack.rong.calls().count()).as("RongCloud likewise").isEqualTo(rongCalls);
        List<ConsumerRecord<byte[], byte[]>> again = stack.read(stack.deadLetters).stream()
                .filter(r -> header(r, ReplayHeaders.COUNT) != null).toList();
        assertThat(again).hasSize(LOST).allSatisfy(r -> {
            assertThat(keys(r).filter(DeadLetterHeaders.REASON::equals)).as("one reason").hasSize(1);
            assertThat(keys(r).filter(k -> k.startsWith(DeadLetterHeaders.ORIGINAL_PREFIX))).as("no stale ones")
                    .isEmpty();
            assertThat(header(r, ReplayHeaders.COUNT)).isEqualTo("1");
            assertThat(keys(r).filter(ReplayHeaders.DEAD_LETTER::equals)).as("its history").hasSize(1);
            assertThat(header(r, DeadLetterHeaders.ROUTE)).isEqualTo(TENCENT);
        });

        CliRun park = stack.groupsync("replay", "--execute", "--route", TENCENT, "--max-replays", "1",
                "--replay-group", tencentGroup);

        assertThat(park.exitCode()).as(park.stderr()).isZero();
        System.out.println(park.stdout());
        List<ConsumerRecord<byte[], byte[]>> parked = stack.read(stack.parked);
        assertThat(parked).hasSize(LOST).allSatisfy(r -> assertThat(header(r, ReplayRecords.PARK_REASON))
                .startsWith("replayed 1 time(s), the most allowed (--max-replays 1), and failed again: "
                        + "VENDOR_PERMANENT: group lost"));
        assertThat(park.stdout()).contains("parked:   30 in " + stack.parked, "  30  replayed 1 time(s), the most "
                + "allowed (--max-replays 1), and failed again (VENDOR_PERMANENT)");
        assertThat(replays()).as("none of them replayed again").hasSize(LOST);
    }

    @Test
    @Order(4)
    void parkMovesASelectionToTheParkingTopicOnPurpose() throws Exception {
        CliRun park = stack.groupsync("replay", "--execute", "--park", "--reason", "unknown_route",
                "--park-reason", "no such route any more");

        assertThat(park.exitCode()).as(park.stderr()).isZero();
        assertThat(stack.read(stack.parked).stream().map(r -> header(r, ReplayRecords.PARK_REASON))
                .filter("parked by the operator: no such route any more"::equals)).hasSize(UNKNOWN);
    }

    @Test
    @Order(5)
    void tailResultsPipedIntoJqSaysWhatHappenedToAnEvent() throws Exception {
        String answer = stack.piped("select(.eventId == \"lost-7\") | \"\\(.route) \\(.status) "
                + "\\(.sourceTopic)-\\(.sourcePartition)@\\(.sourceOffset)\"", "tail", "results", "--group", "lost7",
                "--json");

        System.out.println(answer);
        assertThat(answer.lines().map(l -> l.substring(0, l.indexOf(' ', l.indexOf(' ') + 1))))
                .as("the original on every route, then its replay on Tencent alone")
                .containsExactlyInAnyOrder("tencent FAILED", "openim APPLIED", "rong APPLIED", "tencent FAILED");
        assertThat(answer.lines().map(l -> l.substring(l.lastIndexOf(' ') + 1)).distinct()).hasSize(2);
        assertThat(stack.piped(".route + \" \" + .status", "tail", "results", "--event-id", "lost-7", "--from",
                replaysRead.toString(), "--json").lines()).as("from a time: the replay's result alone")
                .containsExactly("tencent FAILED");
    }

    @Test
    @Order(6)
    void tailDeadLettersShowsAReplaysHistoryAndTheTableReadsAsOneLinePerRecord() throws Exception {
        String history = stack.piped("select(.replay != null) | .replay.deadLetters[0]", "tail", "dead-letters",
                "--event-id", "lost-7", "--json");
        assertThat(history.strip()).startsWith(stack.deadLetters + "-0@");

        CliRun table = stack.groupsync("tail", "dead-letters", "--reason", "INVALID_EVENT");
        System.out.println(table.stdout());
        assertThat(table.stdout().lines()).hasSize(1 + INVALID);
        assertThat(table.stdout().lines().skip(1)).allMatch(l -> l.contains("INVALID_EVENT"));
    }

    @Test
    @Order(7)
    void tailFollowingFromTheEndPrintsEachNewRecordAsItArrives() throws Exception {
        Process tail = stack.start("tail", "input", "--from", "end", "--follow", "--json", "--group", "kept1");
        try {
            await("tail at the end").atMost(Duration.ofMinutes(1)).until(() -> stack.log(tail).contains(
                    "reading " + stack.input + " from end, following"));
            stack.publish(List.of(OpsStack.record(stack.input, OpsStack.rename("late-1", "kept2", "x", Instant.now()),
                    "kept2"), OpsStack.record(stack.input, OpsStack.rename("late-2", "kept1", "y", Instant.now()),
                    "kept1")));
            await("the new record printed").atMost(Duration.ofMinutes(1)).until(() ->
                    stack.log(tail).contains("\"eventId\":\"late-2\""));
            assertThat(stack.log(tail)).doesNotContain("late-1").doesNotContain("good-1");
        } finally {
            tail.destroyForcibly().waitFor();
        }
    }

    private static long endOffset() {
        return stack.endOffset(stack.deadLetters);
    }

    private static List<ConsumerRecord<byte[], byte[]>> replays() {
        return stack.read(stack.input).stream().filter(r -> header(r, ReplayHeaders.DEAD_LETTER) != null).toList();
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static Stream<String> keys(ConsumerRecord<byte[], byte[]> record) {
        return StreamSupport.stream(record.headers().spliterator(), false).map(Header::key);
    }
}
