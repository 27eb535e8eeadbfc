package io.groupsync.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.groupsync.event.GroupChange;
import io.groupsync.event.SyncResult;
import io.groupsync.testkit.emulator.EmulatorClock;
import io.groupsync.testkit.emulator.tencent.GroupType;
import io.groupsync.testkit.emulator.tencent.TencentEmulator;
import io.groupsync.testkit.workload.Convergence;
import io.groupsync.testkit.workload.EditStream;
import io.groupsync.testkit.workload.GroupFold;
import io.groupsync.time.Clock;
import io.groupsync.imapi.http.VendorHttp;
import io.groupsync.imapi.tencent.TencentClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

/**
 * Two workers in one group while the stream runs: a second one joins (cooperative rebalancing moves some
 * partitions, revoking them mid-dispatch), then the first leaves. Every event still ends with exactly one result.
 */
class RebalanceTest {

    private static final long APP = 1_400_000_099L;
    private static final String SECRET = "rebalance-secret";

    @Test
    void instancesJoiningAndLeavingMidStreamNeitherLoseNorRepeatAnOutcome() throws Exception {
        EditStream stream = new EditStream(31, 300, "reb");
        List<GroupChange> edits = new ArrayList<>();
        try (TencentEmulator tencent = new TencentEmulator(APP, "administrator", SECRET, EmulatorClock.system());
             PipelineHarness harness = new PipelineHarness(6)) {
            tencent.setAutoCreate(true, GroupType.PUBLIC);
            tencent.start();
            OkHttpClient http = VendorHttp.client(Duration.ofSeconds(2), Duration.ofSeconds(2), 128);
            try {
                // A low limit keeps keys queued and calls in flight when the partitions move.
                publish(harness, stream, edits, 3_000);
                harness.start(List.of(route(http, tencent)), PipelineHarness.settings(), PipelineHarness.dispatch(10),
                        "a");
                awaitSome(harness, 200);
                harness.start(List.of(route(http, tencent)), PipelineHarness.settings(), PipelineHarness.dispatch(10),
                        "b");
                publish(harness, stream, edits, 3_000);
                awaitSome(harness, harness.results().size() + 500);
                harness.stopWorker("a");
                publish(harness, stream, edits, 3_000);

                harness.awaitOutputs(Duration.ofMinutes(3), () -> distinct(harness) >= edits.size());
                harness.stopWorker();
            } finally {
                VendorHttp.close(http);
            }
            Map<String, Long> perEvent = harness.results().stream()
                    .collect(Collectors.groupingBy(SyncResult::getEventId, Collectors.counting()));
            assertThat(perEvent).hasSize(edits.size());
            assertThat(perEvent.values()).as("results per event").containsOnly(1L);
            GroupFold fold = new GroupFold();
            edits.forEach(fold::apply);
            assertThat(Convergence.tencent(fold, tencent)).isEmpty();
            assertThat(harness.deadLetters()).isEmpty();
        }
    }

    private static void publish(PipelineHarness harness, EditStream stream, List<GroupChange> edits, int count) {
        List<GroupChange> next = stream.next(count);
        edits.addAll(next);
        harness.publish(next);
    }

    private static void awaitSome(PipelineHarness harness, int results) throws Exception {
        harness.awaitOutputs(Duration.ofMinutes(1), () -> harness.results().size() >= results);
    }

    private static long distinct(PipelineHarness harness) {
        return harness.results().stream().map(SyncResult::getEventId).distinct().count();
    }

    private static RouteSpec route(OkHttpClient http, TencentEmulator tencent) {
        TencentClient client = new TencentClient(http, tencent.baseUri(), APP, "administrator", SECRET,
                Duration.ofHours(1), Clock.system(), new Random());
        return new RouteSpec("tencent", client, Map.of(TencentEmulator.MODIFY_GROUP_BASE_INFO, 60,
                TencentEmulator.MODIFY_GROUP_MEMBER_INFO, 60, TencentEmulator.FORBID_SEND_MSG, 60));
    }
}
