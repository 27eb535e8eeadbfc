package io.groupsync.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.groupsync.event.GroupChange;
import io.groupsync.event.GroupProfilePatch;
import io.groupsync.event.JoinOption;
import io.groupsync.event.MemberProfilePatch;
import io.groupsync.event.MsgFlag;
import io.groupsync.event.SkippedField;
import io.groupsync.event.SyncResult;
import io.groupsync.event.SyncStatus;
import io.groupsync.event.Vendor;
import io.groupsync.record.DeadLetterHeaders;
import io.groupsync.testkit.emulator.rongcloud.RongCloudEmulator;
import io.groupsync.testkit.emulator.tencent.GroupType;
import io.groupsync.testkit.emulator.tencent.TencentEmulator;
import io.groupsync.testkit.workload.Convergence;
import io.groupsync.testkit.workload.GroupFold;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One worker with a route per vendor: an event ends once on every route it names, each as its vendor takes it. */
class FanOutTest {

    private static final String GROUP = "fan1";
    private static final String MEMBER = "u1";

    private final VendorStack vendors = new VendorStack();
    private PipelineHarness harness;

    @BeforeEach
    void start() {
        vendors.tencent.seedGroup(GROUP, GroupType.PUBLIC);
        vendors.tencent.seedMember(GROUP, MEMBER);
        vendors.openIm.seedGroup(GROUP).seedMember(GROUP, MEMBER);
        vendors.rongCloud.seedGroup(GROUP, "Fan one");
        vendors.rongCloud.seedMember(GROUP, MEMBER);
        harness = new PipelineHarness(1);
        harness.start(List.of(vendors.tencentRoute("tencent"), vendors.openImRoute("openim"),
                vendors.rongCloudRoute("rongcloud")), PipelineHarness.settings(), PipelineHarness.dispatch(3), "f1");
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
    void anEventOnEveryRouteEndsInOneResultPerRouteEachWithItsVendorsStatus() throws Exception {
        List<GroupChange> events = List.of(
                event("card", null, MemberProfilePatch.newBuilder().setMemberId(MEMBER).setNameCard("Nick")
                        .setMsgFlag(MsgFlag.DISCARD).build()),
                event("closed", null, GroupProfilePatch.newBuilder().setName("Closed")
                        .setJoinOption(JoinOption.DISABLE_APPLY).build()),
                event("hush", null, GroupProfilePatch.newBuilder().setMuteAll(true).build()));
        harness.publish(events);

        harness.awaitOutputs(Duration.ofSeconds(60),
                () -> harness.results().size() >= 9 && !harness.deadLetters().isEmpty());

        Map<String, SyncResult> card = byRoute("card");
        assertThat(card).containsOnlyKeys("tencent", "openim", "rongcloud");
        assertThat(card.get("tencent").getVendor()).isEqualTo(Vendor.TENCENT);
        assertThat(card.get("tencent").getStatus()).isEqualTo(SyncStatus.APPLIED);
        assertThat(card.get("openim").getVendor()).isEqualTo(Vendor.OPENIM);
        assertThat(card.get("openim").getStatus()).isEqualTo(SyncStatus.PARTLY_APPLIED);
        assertThat(skipped(card.get("openim"))).containsExactly("msgFlag");
        assertThat(card.get("openim").getAppliedFields()).containsExactly("nameCard");
        assertThat(card.get("rongcloud").getVendor()).isEqualTo(Vendor.RONGCLOUD);
        assertThat(card.get("rongcloud").getStatus()).isEqualTo(SyncStatus.PARTLY_APPLIED);
        assertThat(skipped(card.get("rongcloud"))).containsExactly("msgFlag");

        Map<String, SyncResult> closed = byRoute("closed");
        assertThat(closed.get("tencent").getStatus()).isEqualTo(SyncStatus.APPLIED);
        assertThat(closed.get("openim").getStatus()).isEqualTo(SyncStatus.REJECTED);
        assertThat(closed.get("rongcloud").getStatus()).isEqualTo(SyncStatus.APPLIED);

        Map<String, SyncResult> hush = byRoute("hush");
        assertThat(hush.get("tencent").getStatus()).isEqualTo(SyncStatus.APPLIED);
        assertThat(hush.get("openim").getStatus()).isEqualTo(SyncStatus.APPLIED);
        assertThat(hush.get("rongcloud").getStatus()).as("nothing RongCloud can take")
                .isEqualTo(SyncStatus.PARTLY_APPLIED);
        assertThat(hush.get("rongcloud").getAttempts()).isZero();

        assertThat(harness.deadLetters()).singleElement().satisfies(d -> {
            assertThat(PipelineHarness.header(d, DeadLetterHeaders.EVENT_ID)).isEqualTo("closed");
            assertThat(PipelineHarness.header(d, DeadLetterHeaders.ROUTE)).isEqualTo("openim");
        });
        assertThat(vendors.tencent.member(GROUP, MEMBER).msgFlag()).isEqualTo("Discard");
        assertThat(vendors.tencent.group(GROUP).applyJoinOption()).isEqualTo("DisableApply");
        assertThat(vendors.openIm.member(GROUP, MEMBER).orElseThrow().nickname()).isEqualTo("Nick");
        assertThat(vendors.openIm.group(GROUP).orElseThrow().groupName()).as("rejected whole").isEmpty();
        assertThat(vendors.openIm.group(GROUP).orElseThrow().muted()).isTrue();
        assertThat(vendors.rongCloud.member(GROUP, MEMBER).nickname()).isEqualTo("Nick");
        assertThat(vendors.rongCloud.group(GROUP).permissions().joinPerm()).isEqualTo(3);
        GroupFold fold = new GroupFold();
        events.forEach(fold::apply);
        assertThat(Convergence.tencent(fold, vendors.tencent)).isEmpty();
        assertThat(Convergence.openIm(fold, vendors.openIm)).isEmpty();
        assertThat(Convergence.rongCloud(fold, vendors.rongCloud)).isEmpty();
    }

    @Test
    void anEventNamingOneRouteEndsInOneResultAndReachesOnlyThatVendor() throws Exception {
        harness.publish(List.of(
                event("only", List.of("openim"), GroupProfilePatch.newBuilder().setName("Only OpenIM").build()),
                // Read after it from the one partition: once its three results are in, any extra one would be too.
                event("after", null, MemberProfilePatch.newBuilder().setMemberId(MEMBER).setNameCard("After")
                        .build())));

        harness.awaitOutputs(Duration.ofSeconds(60), () -> byRoute("after").size() == 3);

        assertThat(byRoute("only")).containsOnlyKeys("openim")
                .hasEntrySatisfying("openim", r -> assertThat(r.getStatus()).isEqualTo(SyncStatus.APPLIED));
        assertThat(vendors.openIm.group(GROUP).orElseThrow().groupName()).isEqualTo("Only OpenIM");
        assertThat(vendors.tencent.calls().count(TencentEmulator.MODIFY_GROUP_BASE_INFO)).isZero();
        assertThat(vendors.rongCloud.calls().count(RongCloudEmulator.PROFILE_UPDATE)).isZero();
        assertThat(harness.deadLetters()).isEmpty();
    }

    private Map<String, SyncResult> byRoute(String eventId) {
        return harness.results().stream().filter(r -> r.getEventId().equals(eventId))
                .collect(Collectors.toMap(SyncResult::getRoute, r -> r));
    }

    private static List<String> skipped(SyncResult result) {
        return result.getSkippedFields().stream().map(SkippedField::getField).toList();
    }

    private static GroupChange event(String id, List<String> routes, Object patch) {
        return GroupChange.newBuilder().setEventId(id).setOccurredAt(Instant.now()).setGroupId(GROUP)
                .setTargetRoutes(routes).setPatch(patch).build();
    }
}
