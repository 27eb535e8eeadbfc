package io.groupsync.imapi.tencent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.groupsync.event.MsgFlag;
import io.groupsync.model.Field;
import io.groupsync.model.Patch;
import io.groupsync.model.Target;
import io.groupsync.testkit.emulator.tencent.GroupState;
import io.groupsync.testkit.emulator.tencent.GroupType;
import io.groupsync.testkit.emulator.tencent.MemberState;
import io.groupsync.imapi.CallResult;
import io.groupsync.model.PlanContext;
import io.groupsync.imapi.VendorCall;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each seed-page sample, planned and sent by the client, is accepted by the emulator and changes what it holds. */
class TencentClientSeedSamplesTest {

    static final String GROUP = "@TGS#1NVTZEAE4";
    static final String ALL_IN_ONE_GROUP = "@TGS#2J4SZEAEL";
    static final String MEMBER_GROUP = "@TGS#2CLUZEAEJ";

    private TencentTestKit kit;

    @BeforeEach
    void start() {
        kit = new TencentTestKit();
        kit.emulator.seedGroup(GROUP, GroupType.PUBLIC, "owner");
        kit.emulator.seedGroup(ALL_IN_ONE_GROUP, GroupType.PUBLIC, "owner");
        kit.emulator.seedGroup(MEMBER_GROUP, GroupType.PUBLIC, "owner");
    }

    @AfterEach
    void stop() {
        kit.close();
    }

    @Test
    void basicInfoSampleChangesTheGroupsProfile() throws Exception {
        assertApplied(send(SeedSample.BASIC_INFO));

        GroupState group = kit.emulator.group(GROUP);
        assertThat(group.name()).isEqualTo("NewName");
        assertThat(group.introduction()).isEqualTo("NewIntroduction");
        assertThat(group.notification()).isEqualTo("NewNotification");
        assertThat(group.faceUrl()).isEqualTo("http://this.is.new.face.url");
        assertThat(group.maxMemberNum()).isEqualTo(500);
        assertThat(group.applyJoinOption()).isEqualTo("NeedPermission");
        assertThat(group.muteAllMember()).isEqualTo("On");
    }

    @Test
    void setCustomDataSampleSetsTheKey() throws Exception {
        assertApplied(send(SeedSample.SET_CUSTOM_DATA));

        assertThat(kit.emulator.group(GROUP).appDefinedData()).containsExactly(entry("GroupTestData1", "NewData"));
    }

    @Test
    void deleteCustomDataSampleDeletesTheKey() throws Exception {
        assertApplied(send(GROUP, Patch.empty().putCustom("GroupTestData1", "Kept").putCustom("GroupTestData2", "Old")));

        assertApplied(send(SeedSample.DELETE_CUSTOM_DATA));

        assertThat(kit.emulator.group(GROUP).appDefinedData()).containsExactly(entry("GroupTestData1", "Kept"));
    }

    @Test
    void allInOneSampleChangesEveryFieldAndSetsAndDeletesCustomData() throws Exception {
        assertApplied(send(ALL_IN_ONE_GROUP, Patch.empty().putCustom("GroupTestData2", "Old")));

        assertApplied(send(SeedSample.ALL_IN_ONE));

        GroupState group = kit.emulator.group(ALL_IN_ONE_GROUP);
        assertThat(group.name()).isEqualTo("NewName");
        assertThat(group.introduction()).isEqualTo("NewIntroduction");
        assertThat(group.notification()).isEqualTo("NewNotification");
        assertThat(group.faceUrl()).isEqualTo("http://this.is.new.face.url");
        assertThat(group.maxMemberNum()).isEqualTo(500);
        assertThat(group.applyJoinOption()).isEqualTo("NeedPermission");
        assertThat(group.muteAllMember()).isEqualTo("On");
        assertThat(group.appDefinedData()).containsExactly(entry("GroupTestData1", "NewData"));
    }

    @Test
    void setAdminSampleMakesBobAnAdmin() throws Exception {
        kit.emulator.seedMember(MEMBER_GROUP, "bob");

        assertApplied(send(SeedSample.SET_ADMIN));

        assertThat(bob().role()).isEqualTo("Admin");
    }

    @Test
    void cancelAdminSampleMakesBobAMemberAgain() throws Exception {
        kit.emulator.seedMember(MEMBER_GROUP, "bob", "Admin");

        assertApplied(send(SeedSample.CANCEL_ADMIN));

        assertThat(bob().role()).isEqualTo("Member");
    }

    @Test
    void msgFlagSampleSetsAcceptAndNotify() throws Exception {
        kit.emulator.seedMember(MEMBER_GROUP, "bob");
        assertApplied(send(MEMBER_GROUP, "bob", Patch.empty().set(Field.MSG_FLAG, MsgFlag.DISCARD)));
        assertThat(bob().msgFlag()).isEqualTo("Discard");

        assertApplied(send(SeedSample.MSG_FLAG));

        assertThat(bob().msgFlag()).isEqualTo("AcceptAndNotify");
    }

    @Test
    void nameCardSampleSetsBobsNameCard() throws Exception {
        kit.emulator.seedMember(MEMBER_GROUP, "bob");

        assertApplied(send(SeedSample.NAME_CARD));

        assertThat(bob().nameCard()).isEqualTo("bob");
    }

    @Test
    void memberCustomDataSampleSetsBothKeys() throws Exception {
        kit.emulator.seedMember(MEMBER_GROUP, "bob");

        assertApplied(send(SeedSample.MEMBER_CUSTOM_DATA));

        assertThat(bob().appMemberDefinedData())
                .containsExactly(entry("MemberDefined1", "ModifyData1"), entry("MemberDefined3", "ModifyData3"));
    }

    @Test
    void muteTimeSampleMutesBobForADay() throws Exception {
        kit.emulator.seedMember(MEMBER_GROUP, "bob");

        assertApplied(send(SeedSample.MUTE_TIME));

        assertThat(bob().shutUpUntil()).isEqualTo(kit.clock.currentTimeMillis() / 1000 + 86_400);
    }

    private CallResult send(SeedSample sample) throws Exception {
        long now = kit.clock.currentTimeMillis();
        return kit.send(kit.client.plan(sample.groupId, sample.target, sample.patch(now), PlanContext.NONE, now)
                .get(0));
    }

    private CallResult send(String groupId, Patch patch) throws Exception {
        return kit.send(plan(groupId, Target.group(), patch));
    }

    private CallResult send(String groupId, String memberId, Patch patch) throws Exception {
        return kit.send(plan(groupId, Target.member(memberId), patch));
    }

    private VendorCall plan(String groupId, Target target, Patch patch) {
        return kit.client.plan(groupId, target, patch, PlanContext.NONE, kit.clock.currentTimeMillis()).get(0);
    }

    private MemberState bob() {
        return kit.emulator.member(MEMBER_GROUP, "bob");
    }

    private static void assertApplied(CallResult result) {
        assertThat(result).isEqualTo(CallResult.ok(0, 200));
    }
}
