package io.groupsync.imapi.tencent;

import static org.assertj.core.api.Assertions.assertThat;

import io.groupsync.event.GroupType;
import io.groupsync.event.InviteOption;
import io.groupsync.event.JoinOption;
import io.groupsync.event.MemberRole;
import io.groupsync.event.MsgFlag;
import io.groupsync.model.Edit;
import io.groupsync.model.Field;
import io.groupsync.model.MuteDeadline;
import io.groupsync.model.Patch;
import io.groupsync.model.Target;
import io.groupsync.model.TargetKind;
import io.groupsync.time.ManualClock;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** Per-edit checks: every byte limit at its edge (counted in UTF-8 bytes), the owner role, the group types' rules. */
class TencentLimitsTest {

    static final OkHttpClient HTTP = new OkHttpClient();
    static final TencentClient CLIENT = new TencentClient(HTTP, URI.create("https://console.tim.qq.com"),
            TencentTestKit.APP, TencentTestKit.ADMIN, TencentTestKit.KEY, TencentTestKit.TTL, new ManualClock(),
            new Random(1));

    @AfterAll
    static void closeHttp() {
        TencentTestKit.shutdown(HTTP);
    }

    @ParameterizedTest(name = "{0} of {1} bytes is accepted, {1} + 1 refused")
    @CsvSource({"NAME, 30", "INTRODUCTION, 240", "NOTIFICATION, 300", "FACE_URL, 100", "NAME_CARD, 50"})
    void eachTextLimitHoldsAtItsEdgeInAsciiAndInThreeByteCharacters(Field field, int limit) {
        Target target = field.kind() == TargetKind.GROUP ? Target.group() : Target.member("bob");
        String ascii = "a".repeat(limit);
        // 中 is three bytes in UTF-8, as Tencent counts it: limit bytes, though far fewer characters.
        String cjk = "中".repeat(limit / 3) + "a".repeat(limit % 3);
        assertThat(cjk.getBytes(StandardCharsets.UTF_8)).hasSize(limit);

        assertThat(violations(null, target, Patch.empty().set(field, ascii))).isEmpty();
        assertThat(violations(null, target, Patch.empty().set(field, cjk))).isEmpty();
        assertThat(violations(null, target, Patch.empty().set(field, ascii + "a")))
                .containsExactly(field.wireName() + " is " + (limit + 1)
                        + " bytes in UTF-8; Tencent allows at most " + limit);
        assertThat(violations(null, target, Patch.empty().set(field, cjk + "é")))
                .singleElement().asString().startsWith(field.wireName() + " is " + (limit + 2) + " bytes");
    }

    @Test
    void nameOfTenChineseCharactersIsThirtyBytesAndFitsButElevenDoNot() {
        assertThat(violations(null, Target.group(), Patch.empty().set(Field.NAME, "群".repeat(10)))).isEmpty();
        assertThat(violations(null, Target.group(), Patch.empty().set(Field.NAME, "群".repeat(11))))
                .containsExactly("name is 33 bytes in UTF-8; Tencent allows at most 30");
    }

    @Test
    void anEmptyNameIsRefused() {
        assertThat(violations(null, Target.group(), Patch.empty().set(Field.NAME, "")))
                .containsExactly("name must not be empty: Tencent refuses to blank a group's name");
    }

    @Test
    void customDataKeysFitIn16BytesAndGroupValuesIn4000() {
        Patch fits = Patch.empty().putCustom("k".repeat(16), "v".repeat(4000));
        Patch over = Patch.empty().putCustom("k".repeat(17), "v").putCustom("key", "中".repeat(1334));

        assertThat(violations(null, Target.group(), fits)).isEmpty();
        assertThat(violations(null, Target.group(), over)).containsExactly(
                "customData key kkkkkkkkkkkkkkkkk is 17 bytes in UTF-8; Tencent allows at most 16",
                "customData value of key is 4002 bytes in UTF-8; Tencent allows at most 4000");
    }

    @Test
    void memberCustomDataValuesFitIn64Bytes() {
        assertThat(violations(null, Target.member("bob"), Patch.empty().putCustom("k", "v".repeat(64)))).isEmpty();
        assertThat(violations(null, Target.member("bob"), Patch.empty().putCustom("k", "v".repeat(65))))
                .containsExactly("customData value of k is 65 bytes in UTF-8; Tencent allows at most 64");
    }

    @Test
    void anEditSetsAtMostTheTenGroupAndFiveMemberCustomFieldsTencentLetsAnAppConfigure() {
        Patch ten = Patch.empty();
        for (int i = 0; i < 10; i++) {
            ten.putCustom("k" + i, "v");
        }
        assertThat(violations(null, Target.group(), ten)).isEmpty();
        assertThat(violations(null, Target.group(), ten.copy().putCustom("k10", "v"))).containsExactly(
                "customData sets 11 keys; Tencent allows at most 10 custom fields per group type");
        Patch five = Patch.empty();
        for (int i = 0; i < 5; i++) {
            five.putCustom("k" + i, "v");
        }
        assertThat(violations(null, Target.member("bob"), five)).isEmpty();
        assertThat(violations(null, Target.member("bob"), five.copy().putCustom("k5", "v"))).containsExactly(
                "customData sets 6 keys; Tencent allows at most 5 custom fields per group type");
    }

    @Test
    void deletingACustomKeyHasNoValueToMeasure() {
        assertThat(violations(null, Target.group(), Patch.empty().putCustom("gone", null))).isEmpty();
    }

    @Test
    void theOwnerRoleCannotBeSetByAProfileEdit() {
        assertThat(violations(GroupType.PUBLIC, Target.member("bob"), Patch.empty().set(Field.ROLE, MemberRole.OWNER)))
                .singleElement().asString().contains("role OWNER").contains("owner cannot be set by a profile edit");
    }

    @Test
    void workGroupsRefuseMemberMutesIncludingUnmutesAndTheAdminRole() {
        Target bob = Target.member("bob");

        assertThat(violations(GroupType.WORK, bob, Patch.empty().set(Field.MUTE, MuteDeadline.of(0, 60))))
                .containsExactly("muteSeconds: Tencent Work groups do not support muting members");
        assertThat(violations(GroupType.WORK, bob, Patch.empty().set(Field.MUTE, MuteDeadline.UNMUTED))).hasSize(1);
        assertThat(violations(GroupType.WORK, bob, Patch.empty().set(Field.ROLE, MemberRole.ADMIN)))
                .containsExactly("role ADMIN: Tencent Work groups have no admins");
        assertThat(violations(GroupType.WORK, bob, Patch.empty().set(Field.ROLE, MemberRole.MEMBER)
                .set(Field.NAME_CARD, "Bob").set(Field.MSG_FLAG, MsgFlag.DISCARD))).isEmpty();
    }

    @Test
    void avChatRoomsRefuseEveryMemberEditAndTheInviteOptionButTakeTheRest() {
        assertThat(violations(GroupType.AVCHATROOM, Target.member("bob"), Patch.empty().set(Field.NAME_CARD, "Bob")))
                .containsExactly("member profile: Tencent AVChatRoom groups store no member profiles, so none can "
                        + "be edited (a mute alone can be sent)");
        assertThat(violations(GroupType.AVCHATROOM, Target.group(),
                Patch.empty().set(Field.INVITE_OPTION, InviteOption.FREE_ACCESS)))
                .containsExactly("inviteOption: Tencent AVChatRoom groups have no InviteJoinOption");
        assertThat(violations(GroupType.AVCHATROOM, Target.group(), Patch.empty().set(Field.MAX_MEMBER_NUM, 100)
                .set(Field.JOIN_OPTION, JoinOption.FREE_ACCESS).set(Field.NAME, "Live")))
                .as("MaxMemberNum is ignored there, not refused").isEmpty();
    }

    @Test
    void communitiesRefuseTheJoinOptionButTakeTheInviteOption() {
        assertThat(violations(GroupType.COMMUNITY, Target.group(),
                Patch.empty().set(Field.JOIN_OPTION, JoinOption.NEED_PERMISSION)))
                .containsExactly("joinOption: Tencent Community groups have no ApplyJoinOption");
        assertThat(violations(GroupType.COMMUNITY, Target.group(),
                Patch.empty().set(Field.INVITE_OPTION, InviteOption.DISABLE_INVITE))).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = GroupType.class, names = {"PUBLIC", "MEETING"})
    void publicAndMeetingGroupsTakeEveryTencentField(GroupType type) {
        assertThat(violations(type, Target.group(), SeedSample.ALL_IN_ONE.patch(0)
                .set(Field.INVITE_OPTION, InviteOption.NEED_PERMISSION))).isEmpty();
        assertThat(violations(type, Target.member("bob"), Patch.empty().set(Field.ROLE, MemberRole.ADMIN)
                .set(Field.MUTE, MuteDeadline.FOREVER).set(Field.MSG_FLAG, MsgFlag.ACCEPT_NOT_NOTIFY_EXCEPT_AT)))
                .isEmpty();
    }

    @Test
    void withoutAGroupTypeOnlyTheTypeFreeRulesApply() {
        assertThat(violations(null, Target.member("bob"), Patch.empty().set(Field.ROLE, MemberRole.ADMIN)
                .set(Field.MUTE, MuteDeadline.of(0, 60)))).isEmpty();
        assertThat(violations(null, Target.group(), Patch.empty().set(Field.JOIN_OPTION, JoinOption.FREE_ACCESS)
                .set(Field.INVITE_OPTION, InviteOption.FREE_ACCESS))).isEmpty();
    }

    @Test
    void everyViolationOfOneEditIsReported() {
        Patch patch = Patch.empty().set(Field.NAME, "n".repeat(31)).set(Field.FACE_URL, "u".repeat(101))
                .set(Field.JOIN_OPTION, JoinOption.FREE_ACCESS);

        assertThat(violations(GroupType.COMMUNITY, Target.group(), patch)).hasSize(3);
    }

    @Test
    void aGroupIdOfMoreThan48BytesIsRefusedAndTencentsOwnIdsPass() {
        Patch patch = Patch.empty().set(Field.NAME, "n");

        assertThat(CLIENT.violations(edit("g".repeat(48), Target.group(), patch), patch)).isEmpty();
        assertThat(CLIENT.violations(edit("@TGS#2CLUZEAEJ", Target.member("bob"), patch), patch)).isEmpty();
        assertThat(CLIENT.violations(edit("g".repeat(49), Target.group(), patch), patch)).containsExactly(
                "groupId is 49 bytes; Tencent allows at most 48");
    }

    @ParameterizedTest(name = "group id \"{0}\" is refused")
    @CsvSource({"grüppe", "群组", "'tab\tin'", "'del\u007Fin'"})
    void aGroupIdMayHoldOnlyPrintableAscii(String groupId) {
        Patch patch = Patch.empty().set(Field.NAME, "n");

        assertThat(CLIENT.violations(edit(groupId, Target.group(), patch), patch)).singleElement().asString()
                .contains("groupId").contains("printable ASCII");
    }

    @Test
    void anEditOfWhichNothingIsSentHasNoGroupIdToRefuse() {
        assertThat(CLIENT.violations(edit("g".repeat(49), Target.group(), Patch.empty()), Patch.empty())).isEmpty();
    }

    private static Edit edit(String groupId, Target target, Patch patch) {
        return new Edit("e1", 0, groupId, null, null, null, target, patch, null);
    }

    private static List<String> violations(GroupType type, Target target, Patch patch) {
        Edit edit = new Edit("e1", 0, "g1", type, null, null, target, patch, null);
        return CLIENT.violations(edit, patch);
    }
}
