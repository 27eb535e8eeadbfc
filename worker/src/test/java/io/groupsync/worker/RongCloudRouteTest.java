package io.groupsync.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.groupsync.event.GroupChange;
import io.groupsync.event.GroupProfilePatch;
import io.groupsync.event.MemberProfilePatch;
import io.groupsync.event.MemberRole;
import io.groupsync.event.SkippedField;
import io.groupsync.event.SyncResult;
import io.groupsync.event.SyncStatus;
import io.groupsync.record.DeadLetterHeaders;
import io.groupsync.testkit.emulator.EmulatorClock;
import io.groupsync.testkit.emulator.rongcloud.RongCloudEmulator;
import io.groupsync.time.Clock;
import io.groupsync.imapi.rongcloud.RongCloudClient;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A RongCloud route in a running worker: what each kind of edit ends as, and what reaches the vendor. */
class RongCloudRouteTest {

    private static final String GROUP = "rcgroup1";

    private final RongCloudEmulator emulator = new RongCloudEmulator("appkey", "appsecret", EmulatorClock.system());
    private final OkHttpClient http = new OkHttpClient();
    private PipelineHarness harness;

    @BeforeEach
    void start() {
        emulator.start();
        emulator.seedGroup(GROUP, "Group one");
        emulator.seedMember(GROUP, "u1");
        RongCloudClient client = new RongCloudClient(http, emulator.baseUri(), null, "appkey", "appsecret",
                Clock.system(), new SecureRandom());
        harness = new PipelineHarness(1);
        harness.start(List.of(new RouteSpec("rc", client, Map.of(RongCloudEmulator.PROFILE_UPDATE, 100,
                RongCloudEmulator.MEMBER_SET, 100, RongCloudEmulator.MEMBER_QUERY, 100))), PipelineHarness.settings(), PipelineHarness.dispatch(3), "i1");
    }

    @AfterEach
    void stop() throws InterruptedException {
        harness.close();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
        emulator.close();
    }

    @Test
    void eachEditEndsAsRongCloudCanTakeItAndAMemberEditReadsBackWhatItDoesNotCarry() throws Exception {
        harness.publish(List.of(
                event("e1", GroupProfilePatch.newBuilder().setName("Renamed").setMuteAll(true).build()),
                event("e2", MemberProfilePatch.newBuilder().setMemberId("u1").setRole(MemberRole.ADMIN)
                        .setCustomData(Map.of("extra", "{\"title\":\"lead\"}")).build()),
                event("e3", MemberProfilePatch.newBuilder().setMemberId("u1").setNameCard("Nick").build()),
                event("e4", GroupProfilePatch.newBuilder().setName("n".repeat(65)).build()),
                event("e5", MemberProfilePatch.newBuilder().setMemberId("u1")
                        .setCustomData(Map.of("team", "blue")).build())));

        harness.awaitOutputs(Duration.ofSeconds(60),
                () -> harness.results().size() >= 5 && !harness.deadLetters().isEmpty());

        Map<String, SyncResult> byEvent = harness.results().stream()
                .collect(Collectors.toMap(SyncResult::getEventId, r -> r));
        assertThat(byEvent.get("e1").getStatus()).isEqualTo(SyncStatus.PARTLY_APPLIED);
        assertThat(byEvent.get("e1").getAppliedFields()).containsExactly("name");
        assertThat(skipped(byEvent.get("e1"))).containsOnlyKeys("muteAll");
        assertThat(byEvent.get("e2").getStatus()).isEqualTo(SyncStatus.PARTLY_APPLIED);
        assertThat(byEvent.get("e2").getAppliedFields()).containsExactly("customData");
        assertThat(skipped(byEvent.get("e2"))).containsOnlyKeys("role");
        assertThat(byEvent.get("e3").getStatus()).isEqualTo(SyncStatus.APPLIED);
        assertThat(byEvent.get("e5").getStatus()).as(byEvent.get("e5").getMessage())
                .isEqualTo(SyncStatus.APPLIED);
        assertThat(byEvent.get("e4").getStatus()).isEqualTo(SyncStatus.REJECTED);
        assertThat(byEvent.get("e4").getMessage()).contains("at most 64");

        assertThat(emulator.group(GROUP).groupProfile().name()).isEqualTo("Renamed");
        assertThat(emulator.member(GROUP, "u1").nickname()).isEqualTo("Nick");
        assertThat(emulator.member(GROUP, "u1").extra()).isEqualTo("{\"title\":\"lead\",\"team\":\"blue\"}");
        assertThat(harness.deadLetters()).as("only the rejected edit, for replay once fixed").singleElement()
                .satisfies(d -> assertThat(PipelineHarness.header(d, DeadLetterHeaders.EVENT_ID)).isEqualTo("e4"));
    }

    private static Map<String, String> skipped(SyncResult result) {
        return result.getSkippedFields().stream()
                .collect(Collectors.toMap(SkippedField::getField, SkippedField::getReason));
    }

    private static GroupChange event(String id, Object patch) {
        return GroupChange.newBuilder().setEventId(id).setOccurredAt(Instant.now()).setGroupId(GROUP)
                .setPatch(patch).build();
    }
}
