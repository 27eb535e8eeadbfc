package io.groupsync.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.groupsync.event.GroupChange;
import io.groupsync.event.SkippedField;
import io.groupsync.event.SyncResult;
import io.groupsync.event.SyncStatus;
import io.groupsync.testkit.workload.Convergence;
import io.groupsync.testkit.workload.EditStream;
import io.groupsync.testkit.workload.GroupFold;
import io.groupsync.testkit.workload.VendorView;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Each vendor on its own route, fed a backlog of group and member edits: it ends holding the fold of the events as
 * its mapping receives them, every event has exactly one result (read_committed), and each result lists as skipped
 * exactly the fields that vendor lacks.
 */
class VendorConvergenceTest {

    private static final int EDITS = 3_000;
    private static final int GROUPS = 30;

    private final VendorStack vendors = new VendorStack();
    private PipelineHarness harness;

    @BeforeEach
    void start() {
        harness = new PipelineHarness(4);
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
    void tencentEndsHoldingTheFoldOfGroupAndMemberEditsAndSkipsOnlyTheOtherVendorsSettings() throws Exception {
        Map<String, Long> skipped = converge(Convergence.TENCENT, vendors.tencent, vendors.tencentRoute("tencent"), 31);

        assertThat(skipped).containsOnlyKeys("openIm.lookMemberInfo", "openIm.applyMemberFriend",
                "rongCloud.removePerm", "rongCloud.memInvitePerm", "rongCloud.invitePerm", "rongCloud.profilePerm",
                "rongCloud.memProfilePerm");
    }

    @Test
    void openImEndsHoldingTheFoldSkipsMessageFlagsAndRejectsDisableApply() throws Exception {
        Map<String, Long> skipped = converge(Convergence.OPENIM, vendors.openIm, vendors.openImRoute("openim"), 32);

        assertThat(skipped).containsKeys("msgFlag", "maxMemberNum", "inviteOption", "rongCloud.removePerm")
                .doesNotContainKeys("muteSeconds", "muteAll", "openIm.lookMemberInfo");
        assertThat(harness.results()).extracting(SyncResult::getStatus).contains(SyncStatus.REJECTED);
    }

    @Test
    void rongCloudEndsHoldingTheFoldSkipsMutesAndGetsNothingOfAMemberEditWithoutNickname() throws Exception {
        Map<String, Long> skipped = converge(Convergence.RONGCLOUD, vendors.rongCloud,
                vendors.rongCloudRoute("rongcloud"), 33);

        assertThat(skipped).containsKeys("muteAll", "muteSeconds", "role", "msgFlag", "customData",
                "openIm.lookMemberInfo").doesNotContainKeys("name", "rongCloud.removePerm");
        // Replaced ones (STALE) reached no vendor either, but went in a call that a later edit's values filled.
        assertThat(harness.results()).filteredOn(r -> r.getMemberId() != null && r.getAppliedFields().isEmpty()
                        && r.getStatus() != SyncStatus.STALE)
                .as("member edits without a nickname: nothing sent")
                .isNotEmpty().allSatisfy(r -> assertThat(r.getStatus()).isEqualTo(SyncStatus.PARTLY_APPLIED));
    }

    /**
     * Publishes a backlog for {@code view}'s vendor, runs the route until every event has its result, and checks
     * the results and the vendor's state. Returns how many results skipped each field.
     */
    private <E> Map<String, Long> converge(VendorView<E> view, E emulator, RouteSpec route, long seed)
            throws Exception {
        // A backlog a minute old: its short mutes end before they are sent (the vendor is told to unmute), its
        // long ones are sent with the time that remains.
        EditStream stream = new EditStream(seed, GROUPS, "conv", EditStream.Mix.EVERYTHING,
                Instant.now().minusSeconds(60));
        view.seed(stream, emulator);
        List<GroupChange> edits = stream.next(EDITS);
        GroupFold fold = new GroupFold();
        edits.forEach(fold::apply);
        long rejected = edits.stream().filter(view::rejects).count();
        harness.publish(edits);
        harness.start(List.of(route), PipelineHarness.settings(), PipelineHarness.dispatch(10), "w1");

        harness.awaitOutputs(Duration.ofMinutes(3),
                () -> harness.results().size() >= edits.size() && harness.deadLetters().size() >= rejected);
        harness.stopWorker();

        List<SyncResult> results = harness.results();
        assertThat(results.stream().collect(Collectors.groupingBy(SyncResult::getEventId, Collectors.counting())))
                .as("results per event").hasSize(edits.size()).allSatisfy((id, n) -> assertThat(n).isOne());
        Map<String, GroupChange> byId = edits.stream()
                .collect(Collectors.toMap(GroupChange::getEventId, Function.identity()));
        for (SyncResult result : results) {
            GroupChange event = byId.get(result.getEventId());
            Set<String> skipped = view.skipped(event);
            assertThat(skippedFields(result)).as("skipped fields of %s", event).isEqualTo(skipped);
            assertThat(result.getStatus()).as("status of %s", event).isIn(view.rejects(event)
                    ? Set.of(SyncStatus.REJECTED)
                    : Set.of(SyncStatus.STALE, skipped.isEmpty() ? SyncStatus.APPLIED : SyncStatus.PARTLY_APPLIED));
        }
        assertThat(harness.deadLetters()).as("only the rejected events").hasSize((int) rejected);
        assertThat(view.differences(fold, emulator, System.currentTimeMillis())).isEmpty();
        return results.stream().flatMap(r -> r.getSkippedFields().stream())
                .collect(Collectors.groupingBy(SkippedField::getField, Collectors.counting()));
    }

    private static Set<String> skippedFields(SyncResult result) {
        return result.getSkippedFields().stream().map(SkippedField::getField)
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
