package io.groupsync.imapi.openim;

import static org.assertj.core.api.Assertions.assertThat;

import io.groupsync.event.InviteOption;
import io.groupsync.event.JoinOption;
import io.groupsync.event.MemberRole;
import io.groupsync.event.MsgFlag;
import io.groupsync.event.RongCloudManagerScope;
import io.groupsync.model.Field;
import io.groupsync.model.MuteDeadline;
import io.groupsync.model.Patch;
import io.groupsync.model.Target;
import org.junit.jupiter.api.Test;

class OpenImLimitsTest {

    @Test
    void skipsTheGroupFieldsOpenImLacksWithAReasonEach() {
        Patch patch = Patch.empty().set(Field.NAME, "n").set(Field.MAX_MEMBER_NUM, 10)
                .set(Field.INVITE_OPTION, InviteOption.FREE_ACCESS)
                .set(Field.RONGCLOUD_REMOVE_PERM, RongCloudManagerScope.OWNER).set(Field.MUTE_ALL, true);

        var unsupported = OpenImLimits.unsupported(Target.group(), patch);

        assertThat(unsupported).containsOnlyKeys(Field.MAX_MEMBER_NUM, Field.INVITE_OPTION,
                Field.RONGCLOUD_REMOVE_PERM);
        assertThat(unsupported.values()).allSatisfy(reason -> assertThat(reason).contains("OpenIM"));
    }

    @Test
    void skipsTheMemberMessageFlag() {
        Patch patch = Patch.empty().set(Field.MSG_FLAG, MsgFlag.DISCARD).set(Field.NAME_CARD, "A")
                .set(Field.MUTE, MuteDeadline.UNMUTED).putCustom("k", "v");

        assertThat(OpenImLimits.unsupported(Target.member("ann"), patch)).containsOnlyKeys(Field.MSG_FLAG);
    }

    @Test
    void refusesABlankNameBecauseOpenImWouldDropTheWholeCallSilently() {
        assertThat(OpenImLimits.violations(Patch.empty().set(Field.NAME, " \t").set(Field.INTRODUCTION, "x")))
                .singleElement().asString().contains("name is blank");
        assertThat(OpenImLimits.violations(Patch.empty().set(Field.NAME, ""))).hasSize(1);
    }

    @Test
    void refusesTheOwnerRole() {
        assertThat(OpenImLimits.violations(Patch.empty().set(Field.ROLE, MemberRole.OWNER)))
                .singleElement().asString().contains("role OWNER");
        assertThat(OpenImLimits.violations(Patch.empty().set(Field.ROLE, MemberRole.ADMIN))).isEmpty();
    }

    @Test
    void refusesDisablingJoinRequestsWhichNeedVerificationCannotSay() {
        assertThat(OpenImLimits.violations(Patch.empty().set(Field.JOIN_OPTION, JoinOption.DISABLE_APPLY)))
                .singleElement().asString().contains("DISABLE_APPLY");
        assertThat(OpenImLimits.violations(Patch.empty().set(Field.JOIN_OPTION, JoinOption.NEED_PERMISSION)))
                .isEmpty();
    }

    @Test
    void setsNoLengthLimitOfItsOwn() {
        String long64k = "x".repeat(65_536);
        Patch patch = Patch.empty().set(Field.NAME, long64k).set(Field.NOTIFICATION, long64k)
                .set(Field.INTRODUCTION, long64k).set(Field.FACE_URL, long64k).putCustom(long64k, long64k);

        assertThat(OpenImLimits.violations(patch)).isEmpty();
    }
}
