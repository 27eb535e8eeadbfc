package io.groupsync.testkit.workload;

import static org.assertj.core.api.Assertions.assertThat;

import io.groupsync.event.GroupChange;
import io.groupsync.event.GroupProfilePatch;
import io.groupsync.event.JoinOption;
import io.groupsync.event.MemberProfilePatch;
import io.groupsync.event.MsgFlag;
import io.groupsync.testkit.emulator.EmulatorClock;
import io.groupsync.testkit.emulator.openim.GroupState;
import io.groupsync.testkit.emulator.openim.MemberState;
import io.groupsync.testkit.emulator.openim.OpenImEmulator;
import io.groupsync.testkit.emulator.rongcloud.RongCloudEmulator;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The vendor views are the oracle of every convergence test: what they accept and what they catch. */
class VendorViewsTest {

    private static final long T = 1_900_000_000_000L;

    private final OpenImEmulator openIm = new OpenImEmulator(EmulatorClock.system(), "secret");
    private final RongCloudEmulator rongCloud = new RongCloudEmulator("key", "secret", EmulatorClock.system());

    @Test
    void aMuteAgreesWithinTheToleranceOrAsAnUnmuteOnceItsDeadlineHadPassed() {
        GroupFold fold = fold(member("e1", "g1", T, MemberProfilePatch.newBuilder().setMemberId("u1")
                .setMuteSeconds(60L).build()));
        long deadline = T + 60_000;
        openIm.seedGroup("g1");

        assertThat(mutedUntil(fold, deadline + 2_000, T)).isEmpty();
        assertThat(mutedUntil(fold, deadline - 2_000, T)).isEmpty();
        assertThat(mutedUntil(fold, deadline + 5_000, T)).singleElement().asString().contains("g1/u1.muteSeconds");
        assertThat(mutedUntil(fold, 0, deadline + 1)).as("ended before it was sent").isEmpty();
        assertThat(mutedUntil(fold, 0, deadline - 1_000)).as("still running: the vendor lost it").hasSize(1);
    }

    @Test
    void anUnmuteWantsNoMuteAtAll() {
        GroupFold fold = fold(member("e1", "g1", T, MemberProfilePatch.newBuilder().setMemberId("u1")
                .setMuteSeconds(600L).build()), member("e2", "g1", T + 5, MemberProfilePatch.newBuilder()
                .setMemberId("u1").setMuteSeconds(0L).build()));
        openIm.seedGroup("g1");

        assertThat(mutedUntil(fold, 0, T)).isEmpty();
        assertThat(mutedUntil(fold, T + 600_000, T)).hasSize(1);
    }

    @Test
    void openImCustomDataIsTheExJsonObjectAndADisableApplyEventChangesNothingThere() {
        GroupChange disableApply = group("e3", GroupProfilePatch.newBuilder().setName("rejected")
                .setJoinOption(JoinOption.DISABLE_APPLY).build());
        GroupFold fold = fold(group("e1", GroupProfilePatch.newBuilder().setName("kept")
                        .setCustomData(custom("topic", "a", "tag", "b")).build()),
                group("e2", GroupProfilePatch.newBuilder().setCustomData(custom("tag", null)).build()),
                disableApply);
        openIm.seedGroup(new GroupState("g1", "kept", "", "", "", "{\"topic\":\"a\"}", 0, 0, 0, 0));
        assertThat(Convergence.OPENIM.differences(fold, openIm, T)).isEmpty();

        openIm.seedGroup(new GroupState("g1", "kept", "", "", "", "{\"topic\":\"a\",\"tag\":\"b\"}", 0, 0, 0, 0));
        assertThat(Convergence.OPENIM.differences(fold, openIm, T)).singleElement().asString()
                .contains("g1.customData.tag");
        assertThat(Convergence.OPENIM.rejects(disableApply)).isTrue();
    }

    @Test
    void aRongCloudMemberEditKeepsItsKeysAsAJsonObjectInExtraAndMayLackANickname() {
        rongCloud.seedGroup("g1", "g1");
        rongCloud.seedMember("g1", "u1");
        GroupChange noNickname = member("e1", "g1", T, MemberProfilePatch.newBuilder().setMemberId("u1")
                .setCustomData(custom("title", "x")).setMsgFlag(MsgFlag.DISCARD).build());
        GroupChange keys = member("e2", "g1", T, MemberProfilePatch.newBuilder().setMemberId("u1")
                .setCustomData(custom("team", "y")).build());

        assertThat(Convergence.RONGCLOUD.received(noNickname)).isEqualTo(noNickname);
        assertThat(Convergence.RONGCLOUD.skipped(noNickname)).containsExactly("msgFlag");
        assertThat(Convergence.RONGCLOUD.skipped(keys)).isEmpty();
        assertThat(Convergence.RONGCLOUD.differences(fold(noNickname, keys), rongCloud, T)).as("nothing sent yet")
                .hasSize(2).allSatisfy(line -> assertThat(line).contains("customData"));
    }

    @Test
    void eachVendorSkipsTheFieldsItLacks() {
        GroupChange member = member("e1", "g1", T, MemberProfilePatch.newBuilder().setMemberId("u1")
                .setNameCard("n").setMsgFlag(MsgFlag.DISCARD).build());
        GroupChange group = group("e2", GroupProfilePatch.newBuilder().setName("n").setMuteAll(true).build());

        assertThat(Convergence.TENCENT.skipped(member)).isEmpty();
        assertThat(Convergence.OPENIM.skipped(member)).containsExactly("msgFlag");
        assertThat(Convergence.OPENIM.skipped(group)).isEmpty();
        assertThat(Convergence.RONGCLOUD.skipped(group)).containsExactly("muteAll");
    }

    private List<String> mutedUntil(GroupFold fold, long muteEndTime, long nowMillis) {
        openIm.seedMember(new MemberState("g1", "u1", "", "", MemberState.ROLE_MEMBER, "", muteEndTime));
        return Convergence.OPENIM.differences(fold, openIm, nowMillis);
    }

    private static GroupFold fold(GroupChange... events) {
        GroupFold fold = new GroupFold();
        List.of(events).forEach(fold::apply);
        return fold;
    }

    private static GroupChange group(String id, GroupProfilePatch patch) {
        return GroupChange.newBuilder().setEventId(id).setOccurredAt(Instant.ofEpochMilli(T)).setGroupId("g1")
                .setPatch(patch).build();
    }

    private static GroupChange member(String id, String group, long at, MemberProfilePatch patch) {
        return GroupChange.newBuilder().setEventId(id).setOccurredAt(Instant.ofEpochMilli(at)).setGroupId(group)
                .setPatch(patch).build();
    }

    /** Key, value pairs; a null value deletes (Map.of takes no nulls). */
    private static Map<String, String> custom(String... pairs) {
        Map<String, String> out = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            out.put(pairs[i], pairs[i + 1]);
        }
        return out;
    }
}
