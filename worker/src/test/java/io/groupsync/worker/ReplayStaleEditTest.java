package io.groupsync.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.groupsync.event.FieldOutcome;
import io.groupsync.event.FieldStatus;
import io.groupsync.event.GroupChange;
import io.groupsync.event.GroupProfilePatch;
import io.groupsync.event.SyncResult;
import io.groupsync.event.SyncStatus;
import io.groupsync.model.ReplayHeaders;
import io.groupsync.record.DeadLetterHeaders;
import io.groupsync.testkit.emulator.Fault;
import io.groupsync.testkit.emulator.openim.OpenImEmulator;
import io.groupsync.testkit.emulator.rongcloud.RongCloudEmulator;
import io.groupsync.testkit.emulator.tencent.GroupType;
import io.groupsync.testkit.emulator.tencent.TencentEmulator;
import io.groupsync.testkit.kafka.SharedKafka;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The round trip of issue 13 against the real broker and the emulators: edit A of a group's name fails on Tencent and
 * is dead-lettered, B (newer) is applied everywhere, the worker restarts, and A is republished as a replay would
 * (its original position in the replay headers, for the route that failed). No vendor is called for it and every
 * vendor still holds B: the versions applied were restored from the versions topic, and A is STALE naming B's.
 */
class ReplayStaleEditTest {

    private static final String GROUP = "replay1";

    private final VendorStack vendors = new VendorStack();
    private PipelineHarness harness;

    @BeforeEach
    void start() {
        vendors.tencent.seedGroup(GROUP, GroupType.PUBLIC);
        vendors.openIm.seedGroup(GROUP);
        vendors.rongCloud.seedGroup(GROUP, "Replay one");
        harness = new PipelineHarness(2);
    }

    @AfterEach
    void stop() throws InterruptedException {
        try {
            harness.close();
        } finally {
            vendors.close();
        }
    }

    @Test
    void aReplayedOlderEditAfterARestartIsStaleOnEveryRouteNamingTheNewerVersionAndReachesNoVendor()
            throws Exception {
        List<RouteSpec> routes = List.of(vendors.tencentRoute("tencent"), vendors.openImRoute("openim"),
                vendors.rongCloudRoute("rongcloud"));
        harness.start(routes, PipelineHarness.settings(), PipelineHarness.dispatch(1), "r1");
        vendors.tencent.faults().forceNext(Fault.SERVER_ERROR, 1);
        harness.publish(List.of(rename("A", "Name A", Instant.now().minusSeconds(5))));
        harness.awaitOutputs(Duration.ofSeconds(60), () -> of("A").size() == 3 && !harness.deadLetters().isEmpty());
        assertThat(status("A", "tencent")).isEqualTo(SyncStatus.FAILED);
        harness.publish(List.of(rename("B", "Name B", Instant.now())));
        harness.awaitOutputs(Duration.ofSeconds(60), () -> of("B").size() == 3);
        assertThat(of("B")).extracting(SyncResult::getStatus).containsOnly(SyncStatus.APPLIED);
        SyncResult appliedB = of("B").get(0);

        harness.stopWorker("r1");
        harness.start(routes, PipelineHarness.settings(), PipelineHarness.dispatch(1), "r2");
        int tencentCalls = vendors.tencent.calls().count(TencentEmulator.MODIFY_GROUP_BASE_INFO);
        int openImCalls = vendors.openIm.calls().count(OpenImEmulator.SET_GROUP_INFO_EX);
        int rongCalls = vendors.rongCloud.calls().count(RongCloudEmulator.PROFILE_UPDATE);
        ConsumerRecord<byte[], byte[]> deadA = harness.deadLetters().get(0);
        long replayOffset = replay(deadA, "tencent");

        harness.awaitOutputs(Duration.ofSeconds(60), () -> harness.results().stream()
                .anyMatch(r -> r.getEventId().equals("A") && r.getSourceOffset() == replayOffset
                        && r.getRoute().equals("tencent")));
        SyncResult replayed = harness.results().stream()
                .filter(r -> r.getSourceOffset() == replayOffset && r.getRoute().equals("tencent")).findFirst()
                .orElseThrow();
        assertThat(replayed.getStatus()).isEqualTo(SyncStatus.STALE);
        assertThat(replayed.getAppliedFields()).as("nothing reached the vendor").isEmpty();
        assertThat(replayed.getAttempts()).isZero();
        assertThat(replayed.getVersion().getOffset()).as("the original position, not the replay's")
                .isEqualTo(of("A").get(0).getSourceOffset());
        FieldOutcome name = replayed.getFieldOutcomes().stream().filter(f -> f.getField().equals("name"))
                .findFirst().orElseThrow();
        assertThat(name.getStatus()).isEqualTo(FieldStatus.STALE);
        assertThat(name.getByVersion().getPartition()).isEqualTo(appliedB.getSourcePartition());
        assertThat(name.getByVersion().getOffset()).isEqualTo(appliedB.getSourceOffset());
        assertThat(name.getByEventId()).as("known only by its version after the restart").isNull();

        assertThat(vendors.tencent.group(GROUP).name()).isEqualTo("Name B");
        assertThat(vendors.openIm.group(GROUP).orElseThrow().groupName()).isEqualTo("Name B");
        assertThat(vendors.rongCloud.group(GROUP).groupProfile().name()).isEqualTo("Name B");
        assertThat(vendors.tencent.calls().count(TencentEmulator.MODIFY_GROUP_BASE_INFO)).isEqualTo(tencentCalls);
        assertThat(vendors.openIm.calls().count(OpenImEmulator.SET_GROUP_INFO_EX)).isEqualTo(openImCalls);
        assertThat(vendors.rongCloud.calls().count(RongCloudEmulator.PROFILE_UPDATE)).isEqualTo(rongCalls);
    }

    @Test
    void versionsMoveWithTheirPartitionToAWorkerThatTakesItOverInARebalance() throws Exception {
        List<RouteSpec> routes = List.of(vendors.tencentRoute("tencent"), vendors.openImRoute("openim"),
                vendors.rongCloudRoute("rongcloud"));
        harness.start(routes, PipelineHarness.settings(), PipelineHarness.dispatch(1), "m1");
        vendors.openIm.faults().forceNext(Fault.SERVER_ERROR, 1);
        harness.publish(List.of(rename("A", "Name A", Instant.now().minusSeconds(5))));
        harness.awaitOutputs(Duration.ofSeconds(60), () -> of("A").size() == 3 && !harness.deadLetters().isEmpty());
        harness.publish(List.of(rename("B", "Name B", Instant.now())));
        harness.awaitOutputs(Duration.ofSeconds(60), () -> of("B").size() == 3);

        // A second member joins, then the first leaves: every partition ends on the one that never applied B.
        harness.start(routes, PipelineHarness.settings(), PipelineHarness.dispatch(1), "m2");
        harness.stopWorker("m1");
        long replayOffset = replay(harness.deadLetters().get(0), "openim");

        harness.awaitOutputs(Duration.ofSeconds(90), () -> harness.results().stream()
                .filter(r -> r.getSourceOffset() == replayOffset && r.getEventId().equals("A")).count() >= 1);
        assertThat(harness.results()).filteredOn(r -> r.getSourceOffset() == replayOffset && r.getEventId().equals("A"))
                .extracting(SyncResult::getStatus).containsOnly(SyncStatus.STALE);
        assertThat(vendors.openIm.group(GROUP).orElseThrow().groupName()).isEqualTo("Name B");
        assertThat(vendors.tencent.group(GROUP).name()).isEqualTo("Name B");
    }

    /** Republishes a dead letter to the input as {@code groupsync replay} does; the offset it landed at. */
    private long replay(ConsumerRecord<byte[], byte[]> deadLetter, String route) throws Exception {
        RecordHeaders headers = new RecordHeaders();
        headers.add(ReplayHeaders.ROUTES, utf8(route));
        headers.add(ReplayHeaders.COUNT, utf8("1"));
        headers.add(ReplayHeaders.DEAD_LETTER, utf8(deadLetter.topic() + "-" + deadLetter.partition() + "@"
                + deadLetter.offset()));
        headers.add(ReplayHeaders.ORIGINAL_TOPIC, deadLetter.headers().lastHeader(DeadLetterHeaders.ORIGINAL_TOPIC)
                .value());
        int partition = ByteBuffer.wrap(deadLetter.headers().lastHeader(DeadLetterHeaders.ORIGINAL_PARTITION).value())
                .getInt();
        long offset = ByteBuffer.wrap(deadLetter.headers().lastHeader(DeadLetterHeaders.ORIGINAL_OFFSET).value())
                .getLong();
        headers.add(ReplayHeaders.ORIGINAL_PARTITION, utf8(Integer.toString(partition)));
        headers.add(ReplayHeaders.ORIGINAL_OFFSET, utf8(Long.toString(offset)));
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(SharedKafka.producerProps())) {
            return producer.send(new ProducerRecord<>(harness.input, partition, deadLetter.key(), deadLetter.value(),
                    headers)).get().offset();
        }
    }

    private List<SyncResult> of(String eventId) {
        return harness.results().stream().filter(r -> r.getEventId().equals(eventId)).toList();
    }

    private SyncStatus status(String eventId, String route) {
        return of(eventId).stream().filter(r -> r.getRoute().equals(route)).findFirst().orElseThrow().getStatus();
    }

    private static GroupChange rename(String id, String name, Instant at) {
        return GroupChange.newBuilder().setEventId(id).setOccurredAt(at).setGroupId(GROUP)
                .setPatch(GroupProfilePatch.newBuilder().setName(name).build()).build();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
