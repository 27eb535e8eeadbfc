package io.groupsync.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.groupsync.event.GroupChange;
import io.groupsync.event.MemberProfilePatch;
import io.groupsync.event.SyncResult;
import io.groupsync.event.SyncStatus;
import io.groupsync.testkit.emulator.openim.OpenImEmulator;
import io.groupsync.testkit.workload.Convergence;
import io.groupsync.testkit.workload.GroupFold;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * OpenIM member custom data is merged by reading the member first, one read per group of a request. Found by the
 * broker-restart suite: a backlog of members of more groups than the vendor admits reads in a second went out as one
 * set_group_member_info, its reads were throttled, the request was throttled whole, and the same request formed
 * again on every retry, for ever. With the reads paced by their own buckets the request no longer starved, but its
 * reads queued inside it behind their tokens and it still took several attempts. A request now needs one read.
 */
class OpenImMemberCustomDataTest {

    private static final int GROUPS = 150;
    /** Calls per second on every API of the route and of the emulator, reads included: far fewer than GROUPS. */
    private static final int LIMIT = 20;

    private final VendorStack vendors = new VendorStack();
    private final PipelineHarness harness = new PipelineHarness(1);

    @AfterEach
    void stop() throws InterruptedException {
        try {
            harness.close();
        } finally {
            vendors.close();
        }
    }

    @Test
    void membersOfMoreGroupsThanTheLimitAllowsReadsPerSecondAllConverge() throws Exception {
        List<GroupChange> edits = new ArrayList<>();
        for (int g = 0; g < GROUPS; g++) {
            String group = "many" + g;
            vendors.openIm.seedGroup(group).seedMember(group, "u1");
            edits.add(GroupChange.newBuilder().setEventId("ex-" + g).setOccurredAt(Instant.now()).setGroupId(group)
                    .setPatch(MemberProfilePatch.newBuilder().setMemberId("u1")
                            .setCustomData(Map.of("level", "v" + g)).build())
                    .build());
        }
        vendors.openIm.limiter().setDefaultLimit(LIMIT);
        RouteSpec defaults = vendors.openImRoute("openim");
        Map<String, Integer> limits = new HashMap<>();
        defaults.limits().keySet().forEach(api -> limits.put(api, LIMIT));
        harness.publish(edits);
        harness.start(List.of(new RouteSpec("openim", defaults.client(), limits)), PipelineHarness.settings(),
                PipelineHarness.dispatch(10), "ex1");

        harness.awaitOutputs(Duration.ofSeconds(60), () -> harness.results().size() >= GROUPS);

        assertThat(harness.results()).extracting(SyncResult::getStatus).containsOnly(SyncStatus.APPLIED);
        assertThat(harness.results()).extracting(SyncResult::getAttempts).as("each member in one go").containsOnly(1);
        assertThat(vendors.openIm.calls().of(OpenImEmulator.GET_GROUP_MEMBERS_INFO))
                .as("reads never throttled").noneMatch(c -> c.throttled());
        GroupFold fold = new GroupFold();
        edits.forEach(fold::apply);
        assertThat(Convergence.openIm(fold, vendors.openIm)).isEmpty();
    }
}
