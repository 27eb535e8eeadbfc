package io.groupsync.ops;

import static io.groupsync.ops.OpsStack.OPENIM;
import static io.groupsync.ops.OpsStack.RONG;
import static io.groupsync.ops.OpsStack.TENCENT;
import static org.assertj.core.api.Assertions.assertThat;

import io.groupsync.event.FieldOutcome;
import io.groupsync.event.FieldStatus;
import io.groupsync.event.SyncResult;
import io.groupsync.event.SyncStatus;
import io.groupsync.schemas.AvroCodec;
import io.groupsync.schemas.DecodeException;
import io.groupsync.testkit.emulator.Fault;
import io.groupsync.testkit.emulator.openim.OpenImEmulator;
import io.groupsync.testkit.emulator.rongcloud.RongCloudEmulator;
import io.groupsync.testkit.emulator.tencent.GroupType;
import io.groupsync.testkit.emulator.tencent.TencentEmulator;
import io.groupsync.testkit.process.CliRun;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 13's round trip as an operator meets it, every part its own process: edit A of a group's name fails on
 * Tencent and is dead-lettered, B (newer) is applied everywhere, the worker restarts, and {@code groupsync replay
 * --execute} republishes A. Every vendor still holds B, A's replay is STALE on Tencent naming B's version, and no
 * vendor is called for it: Tencent because B is newer, the others because a replay goes to the route that failed.
 */
class ReplayRoundTripProcessTest {

    private static final String GROUP = "trip1";
    private OpsStack stack;

    @BeforeEach
    void start() throws Exception {
        // One attempt: the one forced server error is then the end of A on Tencent.
        stack = new OpsStack(Map.of("max-attempts", "1"));
        stack.tencent.seedGroup(GROUP, GroupType.PUBLIC);
        stack.openIm.seedGroup(GROUP);
        stack.rong.seedGroup(GROUP, "Trip one");
    }

    @AfterEach
    void stop() {
        stack.close();
    }

    @Test
    void aReplayedOlderEditLeavesTheNewerOneOnEveryVendorIsStaleNamingItAndCallsNoVendor() throws Exception {
        stack.startWorker();
        stack.tencent.faults().forceNext(Fault.SERVER_ERROR, 1);
        stack.publish(List.of(OpsStack.record(stack.input, OpsStack.rename("A", GROUP, "Name A",
                Instant.now().minusSeconds(5)), GROUP)));
        stack.awaitCount(stack.deadLetters, 1);
        stack.awaitCount(stack.results, 3);
        stack.publish(List.of(OpsStack.record(stack.input, OpsStack.rename("B", GROUP, "Name B", Instant.now()),
                GROUP)));
        stack.awaitCount(stack.results, 6);
        SyncResult b = results().stream().filter(r -> r.getEventId().equals("B")).findFirst().orElseThrow();
        assertThat(results()).filteredOn(r -> r.getEventId().equals("B")).extracting(SyncResult::getStatus)
                .containsOnly(SyncStatus.APPLIED);
        assertThat(results()).filteredOn(r -> r.getEventId().equals("A")).extracting(r -> r.getRoute() + " "
                + r.getStatus()).containsExactlyInAnyOrder("tencent FAILED", "openim APPLIED", "rong APPLIED");
        stack.stopWorker();
        stack.startWorker();
        int tencentCalls = stack.tencent.calls().count(TencentEmulator.MODIFY_GROUP_BASE_INFO);
        int openImCalls = stack.openIm.calls().count(OpenImEmulator.SET_GROUP_INFO_EX);
        int rongCalls = stack.rong.calls().count(RongCloudEmulator.PROFILE_UPDATE);

        CliRun replay = stack.groupsync("replay", "--execute");

        assertThat(replay.exitCode()).as(replay.stderr()).isZero();
        System.out.println(replay.stdout());
        assertThat(replay.stdout()).contains("replayed: 1 (" + stack.input + " for tencent 1)");
        stack.awaitCount(stack.results, 7);
        stack.stopWorker();
        List<SyncResult> ofA = results().stream().filter(r -> r.getEventId().equals("A")).toList();
        assertThat(ofA).as("the replay has one outcome, on the route that failed").hasSize(4);
        SyncResult replayed = ofA.stream().filter(r -> r.getSourceOffset() != ofA.get(0).getSourceOffset())
                .findFirst().orElseThrow();
        assertThat(replayed.getRoute()).isEqualTo(TENCENT);
        assertThat(replayed.getStatus()).isEqualTo(SyncStatus.STALE);
        assertThat(replayed.getAttempts()).isZero();
        assertThat(replayed.getVersion().getOffset()).as("A's own position, not the replay's")
                .isEqualTo(ofA.get(0).getSourceOffset());
        FieldOutcome name = replayed.getFieldOutcomes().stream().filter(f -> f.getField().equals("name"))
                .findFirst().orElseThrow();
        assertThat(name.getStatus()).isEqualTo(FieldStatus.STALE);
        assertThat(name.getByVersion().getPartition()).isEqualTo(b.getSourcePartition());
        assertThat(name.getByVersion().getOffset()).isEqualTo(b.getSourceOffset());
        assertThat(stack.tencent.group(GROUP).name()).isEqualTo("Name B");
        assertThat(stack.openIm.group(GROUP).orElseThrow().groupName()).isEqualTo("Name B");
        assertThat(stack.rong.group(GROUP).groupProfile().name()).isEqualTo("Name B");
        assertThat(stack.tencent.calls().count(TencentEmulator.MODIFY_GROUP_BASE_INFO)).as(TENCENT)
                .isEqualTo(tencentCalls);
        assertThat(stack.openIm.calls().count(OpenImEmulator.SET_GROUP_INFO_EX)).as(OPENIM).isEqualTo(openImCalls);
        assertThat(stack.rong.calls().count(RongCloudEmulator.PROFILE_UPDATE)).as(RONG).isEqualTo(rongCalls);

        String story = stack.piped("\"\\(.route) \\(.status) \\(.fieldOutcomes | map(\"\\(.field) \\(.status)"
                + "\\(if .byVersion then \" by \\(.byVersion.partition)@\\(.byVersion.offset)\" else \"\" end)\") "
                + "| join(\", \"))\"", "tail", "results", "--event-id", "A", "--json");
        System.out.println(story);
        assertThat(story.lines()).contains("tencent STALE name STALE by " + b.getSourcePartition() + "@"
                + b.getSourceOffset());
    }

    private List<SyncResult> results() {
        List<SyncResult> results = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : stack.read(stack.results)) {
            try {
                results.add(AvroCodec.syncResult().decode(record.value()));
            } catch (DecodeException e) {
                throw new IllegalStateException("a result that does not decode", e);
            }
        }
        return results;
    }
}
