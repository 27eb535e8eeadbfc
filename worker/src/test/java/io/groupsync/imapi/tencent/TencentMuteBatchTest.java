package io.groupsync.imapi.tencent;

import static org.assertj.core.api.Assertions.assertThat;

import io.groupsync.event.GroupType;
import io.groupsync.model.Edit;
import io.groupsync.model.Field;
import io.groupsync.model.MuteDeadline;
import io.groupsync.model.Patch;
import io.groupsync.model.Target;
import io.groupsync.testkit.emulator.tencent.TencentEmulator;
import io.groupsync.imapi.CallClass;
import io.groupsync.model.PlanContext;
import io.groupsync.imapi.VendorCall;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Members of one group muted alike share one forbid_send_msg; AVChatRoom mutes go that way on their own. */
class TencentMuteBatchTest {

    private final TencentTestKit kit = new TencentTestKit();
    private final TencentClient client = kit.client;

    @AfterEach
    void stop() {
        kit.close();
    }

    @Test
    void mutesOfOneGroupForTheSameTimeTravelAsOneForbidSendMsg() throws Exception {
        kit.emulator.seedGroup("g1", io.groupsync.testkit.emulator.tencent.GroupType.PUBLIC);
        List.of("a", "b", "c").forEach(m -> kit.emulator.seedMember("g1", m));
        long now = kit.clock.currentTimeMillis();
        List<VendorCall> mutes = List.of(mute("g1", "a", now), mute("g1", "b", now), mute("g1", "c", now));
        assertThat(mutes).allSatisfy(c -> assertThat(client.maxBatch(c)).isEqualTo(500));
        assertThat(client.batchesWith(mutes.get(0), mutes.get(2))).isTrue();

        VendorCall batch = client.batch(mutes);
        assertThat(batch.api()).isEqualTo("forbid_send_msg");
        assertThat(kit.send(batch).outcome()).isEqualTo(CallClass.OK);

        assertThat(kit.emulator.calls().count(TencentEmulator.FORBID_SEND_MSG)).isEqualTo(1);
        Instant soon = Instant.ofEpochMilli(now).plusSeconds(30);
        assertThat(List.of("a", "b", "c")).allSatisfy(m ->
                assertThat(kit.emulator.member("g1", m).isMutedAt(soon)).as(m).isTrue());
    }

    @Test
    void mutesOfOtherGroupsOrTimesOrWithOtherFieldsDoNotShareACall() {
        long now = kit.clock.currentTimeMillis();
        VendorCall a = mute("g1", "a", now);
        assertThat(client.batchesWith(a, mute("g2", "b", now))).as("other group").isFalse();
        VendorCall longer = client.plan("g1", Target.member("b"), Patch.empty().set(Field.MUTE,
                MuteDeadline.of(now, 120)), PlanContext.NONE, now).get(0);
        assertThat(client.batchesWith(a, longer)).as("other time").isFalse();
        VendorCall withNameCard = client.plan("g1", Target.member("c"), Patch.empty().set(Field.MUTE,
                MuteDeadline.of(now, 60)).set(Field.NAME_CARD, "n"), PlanContext.NONE, now).get(0);
        assertThat(client.maxBatch(withNameCard)).isEqualTo(1);
    }

    @Test
    void aMuteAloneInAnAvChatRoomGoesAsForbidSendMsgAndIsAccepted() throws Exception {
        kit.emulator.seedGroup("live", io.groupsync.testkit.emulator.tencent.GroupType.AV_CHAT_ROOM);
        long now = kit.clock.currentTimeMillis();
        Patch mute = Patch.empty().set(Field.MUTE, MuteDeadline.of(now, 60));
        Edit edit = new Edit("e1", now, "live", GroupType.AVCHATROOM, null, null, Target.member("viewer"), mute, null);
        assertThat(client.violations(edit, mute)).isEmpty();
        Patch nameCard = Patch.empty().set(Field.NAME_CARD, "n");
        assertThat(client.violations(new Edit("e2", now, "live", GroupType.AVCHATROOM, null, null,
                Target.member("viewer"), nameCard, null), nameCard)).isNotEmpty();

        List<VendorCall> plan = client.plan("live", Target.member("viewer"), mute,
                new PlanContext(GroupType.AVCHATROOM, null), now);
        assertThat(plan).singleElement().satisfies(c -> assertThat(c.api()).isEqualTo("forbid_send_msg"));
        assertThat(kit.send(plan.get(0)).outcome()).isEqualTo(CallClass.OK);
    }

    private VendorCall mute(String group, String member, long now) {
        List<VendorCall> plan = client.plan(group, Target.member(member),
                Patch.empty().set(Field.MUTE, MuteDeadline.of(now, 60)), PlanContext.NONE, now);
        assertThat(plan).singleElement().satisfies(c -> assertThat(c.api()).isEqualTo("modify_group_member_info"));
        return plan.get(0);
    }
}
