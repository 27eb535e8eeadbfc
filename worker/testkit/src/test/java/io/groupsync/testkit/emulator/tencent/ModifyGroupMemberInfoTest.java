package io.groupsync.testkit.emulator.tencent;

import static io.groupsync.testkit.emulator.tencent.TencentEmulator.MODIFY_GROUP_MEMBER_INFO;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** modify_group_member_info: the page's samples, NameCard's limit, roles, message flags, mutes, group types. */
class ModifyGroupMemberInfoTest extends TencentEmulatorTestBase {

    static final String GROUP = "@TGS#2CLUZEAEJ";

    @BeforeEach
    void seed() {
        emulator.seedGroup(GROUP, GroupType.PUBLIC, "owner");
        emulator.seedMember(GROUP, "bob");
    }

    @Test
    void sampleSetAndCancelAnAdminAreAcceptedAndApplied() {
        Reply set = post(MODIFY_GROUP_MEMBER_INFO,
                "{\"GroupId\": \"@TGS#2CLUZEAEJ\", \"Member_Account\": \"bob\", \"Role\": \"Admin\"}");
        assertThat(set.body().toString()).isEqualTo("{\"ActionStatus\":\"OK\",\"ErrorCode\":0,\"ErrorInfo\":\"\"}");
        assertThat(emulator.member(GROUP, "bob").role()).isEqualTo("Admin");

        Reply cancel = post(MODIFY_GROUP_MEMBER_INFO,
                "{\"GroupId\": \"@TGS#2CLUZEAEJ\", \"Member_Account\": \"bob\", \"Role\": \"Member\"}");
        assertThat(cancel.code()).isZero();
        assertThat(emulator.member(GROUP, "bob").role()).isEqualTo("Member");
    }

    @Test
    void sampleSetAMessageBlockingTypeIsAcceptedWithEveryDocumentedValue() {
        for (String flag : new String[] {"Discard", "AcceptNotNotify", "AcceptNotNotifyExceptAt", "AcceptAndNotify"}) {
            Reply reply = post(MODIFY_GROUP_MEMBER_INFO,
                    "{\"GroupId\": \"@TGS#2CLUZEAEJ\", \"Member_Account\": \"bob\", \"MsgFlag\": \"" + flag + "\"}");

            assertThat(reply.code()).isZero();
            assertThat(emulator.member(GROUP, "bob").msgFlag()).isEqualTo(flag);
        }
    }

    @Test
    void sampleSetAGroupNameCardIsAcceptedAndApplied() {
        Reply reply = post(MODIFY_GROUP_MEMBER_INFO,
                "{\"GroupId\": \"@TGS#2CLUZEAEJ\", \"Member_Account\": \"bob\", \"NameCard\": \"bob\"}");

        assertThat(reply.code()).isZero();
        assertThat(emulator.member(GROUP, "bob").nameCard()).isEqualTo("bob");
    }

    @Test
    void sampleSetMemberCustomFieldsIsAcceptedAndMergedPerKey() {
        post(MODIFY_GROUP_MEMBER_INFO, "{\"GroupId\": \"@TGS#2CLUZEAEJ\", \"Member_Account\": \"bob\","
                + " \"AppMemberDefinedData\": [{\"Key\": \"MemberDefined2\", \"Value\": \"Kept\"},"
                + " {\"Key\": \"MemberDefined3\", \"Value\": \"Old\"}]}");

        Reply reply = post(MODIFY_GROUP_MEMBER_INFO, """
                {"GroupId": "@TGS#2CLUZEAEJ", "Member_Account": "bob",
                 "AppMemberDefinedData": [{"Key": "MemberDefined1", "Value": "ModifyData1"},
                                          {"Key": "MemberDefined3", "Value": "ModifyData3"}]}""");

        assertThat(reply.code()).isZero();
        assertThat(emulator.member(GROUP, "bob").appMemberDefinedData()).isEqualTo(Map.of(
                "MemberDefined1", "ModifyData1", "MemberDefined2", "Kept", "MemberDefined3", "ModifyData3"));
    }

    @Test
    void anEmptyCustomValueDeletesTheKey() {
        post(MODIFY_GROUP_MEMBER_INFO, "{\"GroupId\":\"@TGS#2CLUZEAEJ\",\"Member_Account\":\"bob\","
                + "\"AppMemberDefinedData\":[{\"Key\":\"k\",\"Value\":\"v\"}]}");

        post(MODIFY_GROUP_MEMBER_INFO, "{\"GroupId\":\"@TGS#2CLUZEAEJ\",\"Member_Account\":\"bob\","
                + "\"AppMemberDefinedData\":[{\"Key\":\"k\",\"Value\":\"\"}]}");

        assertThat(emulator.member(GROUP, "bob").appMemberDefinedData()).isEmpty();
    }

    @Test
    void sampleSetAMutingPeriodStoresTheDeadlineOnTheEmulatorsClock() {
        Reply reply = post(MODIFY_GROUP_MEMBER_INFO,
                "{\"GroupId\": \"@TGS#2CLUZEAEJ\", \"Member_Account\": \"bob\", \"MuteTime\": 86400}");

        assertThat(reply.code()).isZero();
        MemberState bob = emulator.member(GROUP, "bob");
        assertThat(bob.shutUpUntil()).isEqualTo(nowSeconds() + 86_400);
        assertThat(bob.isMutedAt(Instant.ofEpochSecond(nowSeconds() + 86_399))).isTrue();
        assertThat(bob.isMutedAt(Instant.ofEpochSecond(nowSeconds() + 86_400))).isFalse();
    }

    @Test
    void muteTimeZeroUnmutesAndTheMaximumMutesForEver() {
        post(MODIFY_GROUP_MEMBER_INFO, mute(4_294_967_295L));
        assertThat(emulator.member(GROUP, "bob").shutUpUntil()).isEqualTo(MemberState.FOREVER);
        assertThat(emulator.member(GROUP, "bob").isMutedAt(Instant.MAX)).isTrue();

        post(MODIFY_GROUP_MEMBER_INFO, mute(0));
        assertThat(emulator.member(GROUP, "bob").shutUpUntil()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "4294967296", "\"60\"", "1.5"})
    void refusesAMuteTimeOutsideUint32(String value) {
        assertThat(post(MODIFY_GROUP_MEMBER_INFO,
                "{\"GroupId\":\"@TGS#2CLUZEAEJ\",\"Member_Account\":\"bob\",\"MuteTime\":" + value + "}").code())
                .isEqualTo(10004);
    }

    @Test
    void refusesANameCardOverFiftyBytesWith10004NamingIt() {
        assertThat(post(MODIFY_GROUP_MEMBER_INFO, nameCard("n".repeat(50))).code()).isZero();

        Reply over = post(MODIFY_GROUP_MEMBER_INFO, nameCard("\u00e9".repeat(25) + "x"));

        assertThat(over.code()).isEqualTo(10004);
        assertThat(over.info()).startsWith("NameCard is 51 bytes");
        assertThat(emulator.member(GROUP, "bob").nameCard()).isEqualTo("n".repeat(50));
    }

    @Test
    void refusesUnknownRoleAndMessageFlagValues() {
        assertThat(post(MODIFY_GROUP_MEMBER_INFO, field("Role", "SuperAdmin")).code()).isEqualTo(10004);
        assertThat(post(MODIFY_GROUP_MEMBER_INFO, field("Role", "admin")).code()).isEqualTo(10004);
        assertThat(post(MODIFY_GROUP_MEMBER_INFO, field("MsgFlag", "Mute")).code()).isEqualTo(10004);
    }

    @Test
    void refusesToMakeAnyoneOwnerWith10004() {
        Reply reply = post(MODIFY_GROUP_MEMBER_INFO, field("Role", "Owner"));

        assertThat(reply.code()).isEqualTo(10004);
        assertThat(emulator.member(GROUP, "bob").role()).isEqualTo("Member");
    }

    @Test
    void refusesToChangeTheOwnersRoleWith10007() {
        Reply reply = post(MODIFY_GROUP_MEMBER_INFO,
                "{\"GroupId\":\"@TGS#2CLUZEAEJ\",\"Member_Account\":\"owner\",\"Role\":\"Member\"}");

        assertThat(reply.code()).isEqualTo(10007);
        assertThat(emulator.member(GROUP, "owner").role()).isEqualTo("Owner");
    }

    @Test
    void refusesAnAccountThatIsNotAMemberWith10007() {
        Reply reply = post(MODIFY_GROUP_MEMBER_INFO,
                "{\"GroupId\":\"@TGS#2CLUZEAEJ\",\"Member_Account\":\"carol\",\"NameCard\":\"c\"}");

        assertThat(reply.code()).isEqualTo(10007);
        assertThat(emulator.members(GROUP)).doesNotContainKey("carol");
    }

    @Test
    void refusesAMissingMemberAccountWith10004() {
        assertThat(post(MODIFY_GROUP_MEMBER_INFO, "{\"GroupId\":\"@TGS#2CLUZEAEJ\",\"NameCard\":\"c\"}").code())
                .isEqualTo(10004);
    }

    @Test
    void answersAnUnknownGroupWith10010AndAMalformedOneWith10015() {
        assertThat(post(MODIFY_GROUP_MEMBER_INFO, "{\"GroupId\":\"nosuch\",\"Member_Account\":\"bob\"}").code())
                .isEqualTo(10010);
        assertThat(post(MODIFY_GROUP_MEMBER_INFO, "{\"GroupId\":\"\",\"Member_Account\":\"bob\"}").code())
                .isEqualTo(10015);
    }

    @Test
    void refusesMutingInAWorkGroupWith10007() {
        emulator.seedGroup("work", GroupType.WORK, "owner");
        emulator.seedMember("work", "bob");

        Reply reply = post(MODIFY_GROUP_MEMBER_INFO, "{\"GroupId\":\"work\",\"Member_Account\":\"bob\",\"MuteTime\":60}");

        assertThat(reply.code()).isEqualTo(10007);
        assertThat(emulator.member("work", "bob").shutUpUntil()).isZero();
    }

    @Test
    void refusesAdminsInAWorkGroupWith10007ButAcceptsItsOtherProfileFields() {
        emulator.seedGroup("work", GroupType.WORK, "owner");
        emulator.seedMember("work", "bob");

        assertThat(post(MODIFY_GROUP_MEMBER_INFO, "{\"GroupId\":\"work\",\"Member_Account\":\"bob\",\"Role\":\"Admin\"}")
                .code()).isEqualTo(10007);
        assertThat(post(MODIFY_GROUP_MEMBER_INFO, "{\"GroupId\":\"work\",\"Member_Account\":\"bob\",\"NameCard\":\"B\"}")
                .code()).isZero();
        assertThat(emulator.member("work", "bob").nameCard()).isEqualTo("B");
    }

    @Test
    void refusesEveryMemberProfileEditInAnAvChatRoomWith10007() {
        emulator.seedGroup("live", GroupType.AV_CHAT_ROOM, "host");

        Reply reply = post(MODIFY_GROUP_MEMBER_INFO,
                "{\"GroupId\":\"live\",\"Member_Account\":\"host\",\"NameCard\":\"Host\"}");

        assertThat(reply.code()).isEqualTo(10007);
        assertThat(emulator.member("live", "host").nameCard()).isEmpty();
    }

    @Test
    void acceptsTheSameEditsInMeetingAndCommunityGroups() {
        for (GroupType type : new GroupType[] {GroupType.MEETING, GroupType.COMMUNITY}) {
            String id = type.tencentName();
            emulator.seedGroup(id, type, "owner");
            emulator.seedMember(id, "bob");

            assertThat(post(MODIFY_GROUP_MEMBER_INFO, "{\"GroupId\":\"" + id + "\",\"Member_Account\":\"bob\","
                    + "\"Role\":\"Admin\",\"MuteTime\":30}").code()).isZero();
            assertThat(emulator.member(id, "bob").role()).isEqualTo("Admin");
        }
    }

    @Test
    void autoCreatesAnUnknownMemberOnItsFirstEditWhenSwitchedOn() {
        emulator.setAutoCreate(true);

        Reply reply = post(MODIFY_GROUP_MEMBER_INFO,
                "{\"GroupId\":\"brand-new\",\"Member_Account\":\"carol\",\"NameCard\":\"C\"}");

        assertThat(reply.code()).isZero();
        assertThat(emulator.group("brand-new").type()).isEqualTo(GroupType.PUBLIC);
        assertThat(emulator.member("brand-new", "carol").nameCard()).isEqualTo("C");
        assertThat(emulator.member("brand-new", "carol").role()).isEqualTo("Member");
    }

    private static String mute(long seconds) {
        return "{\"GroupId\":\"@TGS#2CLUZEAEJ\",\"Member_Account\":\"bob\",\"MuteTime\":" + seconds + "}";
    }

    private static String nameCard(String value) {
        return field("NameCard", value);
    }

    private static String field(String name, String value) {
        return "{\"GroupId\":\"@TGS#2CLUZEAEJ\",\"Member_Account\":\"bob\",\"" + name + "\":\"" + value + "\"}";
    }
}
