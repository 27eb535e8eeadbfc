package io.groupsync.testkit.emulator.tencent;

import static io.groupsync.testkit.emulator.tencent.TencentEmulator.MODIFY_GROUP_BASE_INFO;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** modify_group_base_info: the page's samples, its byte limits and option values, and the group-type rules. */
class ModifyGroupBaseInfoTest extends TencentEmulatorTestBase {

    @BeforeEach
    void seed() {
        emulator.seedGroup("@TGS#1NVTZEAE4", GroupType.PUBLIC, "owner");
        emulator.seedGroup("@TGS#2J4SZEAEL", GroupType.PUBLIC, "owner");
    }

    @Test
    void sampleModifyBasicGroupInformationIsAcceptedAndApplied() {
        Reply reply = post(MODIFY_GROUP_BASE_INFO, """
                {"GroupId": "@TGS#1NVTZEAE4", "Name": "NewName", "Introduction": "NewIntroduction",
                 "Notification": "NewNotification", "FaceUrl": "http://this.is.new.face.url",
                 "MaxMemberNum": 500, "ApplyJoinOption": "NeedPermission", "MuteAllMember": "On"}""");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body().toString())
                .isEqualTo("{\"ActionStatus\":\"OK\",\"ErrorCode\":0,\"ErrorInfo\":\"\"}");
        GroupState group = emulator.group("@TGS#1NVTZEAE4");
        assertThat(group.name()).isEqualTo("NewName");
        assertThat(group.introduction()).isEqualTo("NewIntroduction");
        assertThat(group.notification()).isEqualTo("NewNotification");
        assertThat(group.faceUrl()).isEqualTo("http://this.is.new.face.url");
        assertThat(group.maxMemberNum()).isEqualTo(500);
        assertThat(group.applyJoinOption()).isEqualTo("NeedPermission");
        assertThat(group.muteAllMember()).isEqualTo("On");
    }

    @Test
    void sampleSetAndDeleteCustomGroupInformationAreAcceptedAndApplied() {
        post(MODIFY_GROUP_BASE_INFO, """
                {"GroupId": "@TGS#1NVTZEAE4", "AppDefinedData": [{"Key": "GroupTestData2", "Value": "Old"}]}""");

        Reply set = post(MODIFY_GROUP_BASE_INFO, """
                {"GroupId": "@TGS#1NVTZEAE4", "AppDefinedData": [{"Key": "GroupTestData1", "Value": "NewData"}]}""");
        assertThat(set.code()).isZero();
        assertThat(emulator.group("@TGS#1NVTZEAE4").appDefinedData())
                .isEqualTo(Map.of("GroupTestData1", "NewData", "GroupTestData2", "Old"));

        Reply delete = post(MODIFY_GROUP_BASE_INFO, """
                {"GroupId": "@TGS#1NVTZEAE4", "AppDefinedData": [{"Key": "GroupTestData2", "Value": ""}]}""");
        assertThat(delete.code()).isZero();
        assertThat(emulator.group("@TGS#1NVTZEAE4").appDefinedData()).isEqualTo(Map.of("GroupTestData1", "NewData"));
    }

    @Test
    void sampleAllInOneIsAcceptedAndApplied() {
        post(MODIFY_GROUP_BASE_INFO, """
                {"GroupId": "@TGS#2J4SZEAEL", "AppDefinedData": [{"Key": "GroupTestData2", "Value": "Old"}]}""");

        Reply reply = post(MODIFY_GROUP_BASE_INFO, """
                {"GroupId": "@TGS#2J4SZEAEL", "Name": "NewName", "Introduction": "NewIntroduction",
                 "Notification": "NewNotification", "FaceUrl": "http://this.is.new.face.url", "MaxMemberNum": 500,
                 "ApplyJoinOption": "NeedPermission", "MuteAllMember": "On",
                 "AppDefinedData": [{"Key": "GroupTestData1", "Value": "NewData"},
                                    {"Key": "GroupTestData2", "Value": ""}]}""");

        assertThat(reply.code()).isZero();
        GroupState group = emulator.group("@TGS#2J4SZEAEL");
        assertThat(group.name()).isEqualTo("NewName");
        assertThat(group.maxMemberNum()).isEqualTo(500);
        assertThat(group.muteAllMember()).isEqualTo("On");
        assertThat(group.appDefinedData()).isEqualTo(Map.of("GroupTestData1", "NewData"));
    }

    @ParameterizedTest(name = "{0} of {1} bytes is accepted, one more is refused")
    @CsvSource({"Name, 30", "Introduction, 240", "Notification, 300", "FaceUrl, 100"})
    void refusesEachFieldOverItsByteLimitWith10004NamingIt(String field, int limit) {
        Reply atLimit = post(MODIFY_GROUP_BASE_INFO, body(field, "a".repeat(limit)));
        Reply over = post(MODIFY_GROUP_BASE_INFO, body(field, "a".repeat(limit + 1)));

        assertThat(atLimit.code()).isZero();
        assertThat(over.status()).isEqualTo(200);
        assertThat(over.actionStatus()).isEqualTo("FAIL");
        assertThat(over.code()).isEqualTo(10004);
        assertThat(over.info()).startsWith(field + " is " + (limit + 1) + " bytes");
    }

    @Test
    void countsTheLimitInUtf8BytesSoTenChineseCharactersFillAName() {
        assertThat(post(MODIFY_GROUP_BASE_INFO, body("Name", "\u4e2d".repeat(10))).code()).isZero();

        Reply eleven = post(MODIFY_GROUP_BASE_INFO, body("Name", "\u4e2d".repeat(11)));

        assertThat(eleven.code()).isEqualTo(10004);
        assertThat(eleven.info()).contains("Name is 33 bytes");
        assertThat(emulator.group("@TGS#1NVTZEAE4").name()).isEqualTo("\u4e2d".repeat(10));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
        "ApplyJoinOption, Bogus", "ApplyJoinOption, DisableInvite", "ApplyJoinOption, freeaccess",
        "InviteJoinOption, DisableApply", "InviteJoinOption, Bogus", "MuteAllMember, on", "MuteAllMember, True"})
    void refusesAnUnknownOptionValueWith10004(String field, String value) {
        Reply reply = post(MODIFY_GROUP_BASE_INFO, body(field, value));

        assertThat(reply.code()).isEqualTo(10004);
        assertThat(reply.info()).startsWith(field + " must be one of");
    }

    @Test
    void acceptsEveryDocumentedOptionValue() {
        for (String value : new String[] {"FreeAccess", "NeedPermission", "DisableApply"}) {
            assertThat(post(MODIFY_GROUP_BASE_INFO, body("ApplyJoinOption", value)).code()).isZero();
            assertThat(emulator.group("@TGS#1NVTZEAE4").applyJoinOption()).isEqualTo(value);
        }
        for (String value : new String[] {"FreeAccess", "NeedPermission", "DisableInvite"}) {
            assertThat(post(MODIFY_GROUP_BASE_INFO, body("InviteJoinOption", value)).code()).isZero();
            assertThat(emulator.group("@TGS#1NVTZEAE4").inviteJoinOption()).isEqualTo(value);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "\"500\"", "1.5", "4294967296", "null"})
    void refusesAMaxMemberNumThatIsNotAPositiveInteger(String value) {
        Reply reply = post(MODIFY_GROUP_BASE_INFO, "{\"GroupId\":\"@TGS#1NVTZEAE4\",\"MaxMemberNum\":" + value + "}");

        assertThat(reply.code()).isEqualTo(10004);
        assertThat(reply.info()).startsWith("MaxMemberNum");
    }

    @Test
    void refusesAnEmptyNameButLetsTheOtherTextsBeCleared() {
        post(MODIFY_GROUP_BASE_INFO, body("Introduction", "something"));

        assertThat(post(MODIFY_GROUP_BASE_INFO, body("Name", "")).code()).isEqualTo(10004);
        assertThat(post(MODIFY_GROUP_BASE_INFO, body("Introduction", "")).code()).isZero();
        assertThat(emulator.group("@TGS#1NVTZEAE4").introduction()).isEmpty();
    }

    @Test
    void refusedRequestChangesNoFieldAtAll() {
        Reply reply = post(MODIFY_GROUP_BASE_INFO, """
                {"GroupId": "@TGS#1NVTZEAE4", "Name": "Fine", "FaceUrl": "%s"}""".formatted("u".repeat(101)));

        assertThat(reply.code()).isEqualTo(10004);
        assertThat(emulator.group("@TGS#1NVTZEAE4").name()).isEqualTo("@TGS#1NVTZEAE4");
    }

    @Test
    void refusesApplyJoinOptionOnACommunity() {
        emulator.seedGroup("community", GroupType.COMMUNITY);

        Reply reply = post(MODIFY_GROUP_BASE_INFO, "{\"GroupId\":\"community\",\"ApplyJoinOption\":\"FreeAccess\"}");

        assertThat(reply.code()).isEqualTo(10004);
        assertThat(emulator.group("community").applyJoinOption()).isNull();
    }

    @Test
    void refusesInviteJoinOptionOnAnAvChatRoomAndIgnoresItsMaxMemberNum() {
        emulator.seedGroup("live", GroupType.AV_CHAT_ROOM);

        assertThat(post(MODIFY_GROUP_BASE_INFO, "{\"GroupId\":\"live\",\"InviteJoinOption\":\"FreeAccess\"}").code())
                .isEqualTo(10004);
        assertThat(post(MODIFY_GROUP_BASE_INFO, "{\"GroupId\":\"live\",\"MaxMemberNum\":10}").code()).isZero();
        assertThat(emulator.group("live").maxMemberNum()).isZero();
    }

    @Test
    void refusesAMaxMemberNumBelowTheMembersAlreadyIn() {
        emulator.seedMember("@TGS#1NVTZEAE4", "bob");

        assertThat(post(MODIFY_GROUP_BASE_INFO, body("MaxMemberNum", 1)).code()).isEqualTo(10004);
        assertThat(post(MODIFY_GROUP_BASE_INFO, body("MaxMemberNum", 2)).code()).isZero();
    }

    @Test
    void answersAnUnknownGroupWith10010() {
        Reply reply = post(MODIFY_GROUP_BASE_INFO, "{\"GroupId\":\"@TGS#nosuch\",\"Name\":\"x\"}");

        assertThat(reply.code()).isEqualTo(10010);
        assertThat(emulator.groups()).doesNotContainKey("@TGS#nosuch");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"\"", "\"has\\ttab\"", "\"caf\u00e9\"",
        "\"0123456789012345678901234567890123456789012345678\""})
    void answersAMalformedGroupIdWith10015(String groupId) {
        assertThat(post(MODIFY_GROUP_BASE_INFO, "{\"GroupId\":" + groupId + ",\"Name\":\"x\"}").code())
                .isEqualTo(10015);
    }

    @Test
    void answersAMissingGroupIdWith10004() {
        assertThat(post(MODIFY_GROUP_BASE_INFO, "{\"Name\":\"x\"}").code()).isEqualTo(10004);
        assertThat(post(MODIFY_GROUP_BASE_INFO, "{\"GroupId\":42,\"Name\":\"x\"}").code()).isEqualTo(10004);
    }

    @Test
    void refusesMalformedCustomData() {
        assertThat(post(MODIFY_GROUP_BASE_INFO, body("AppDefinedData", "x")).code()).isEqualTo(10004);
        assertThat(post(MODIFY_GROUP_BASE_INFO,
                "{\"GroupId\":\"@TGS#1NVTZEAE4\",\"AppDefinedData\":[{\"Key\":\"k\"}]}").code()).isEqualTo(10004);
        assertThat(post(MODIFY_GROUP_BASE_INFO, "{\"GroupId\":\"@TGS#1NVTZEAE4\",\"AppDefinedData\":"
                + "[{\"Key\":\"" + "k".repeat(17) + "\",\"Value\":\"v\"}]}").code()).isEqualTo(10004);
    }

    @Test
    void autoCreatesAnUnknownGroupOnItsFirstEditWhenSwitchedOn() {
        emulator.setAutoCreate(true, GroupType.MEETING);

        assertThat(post(MODIFY_GROUP_BASE_INFO, "{\"GroupId\":\"fresh\",\"Name\":\"Fresh\"}").code()).isZero();

        assertThat(emulator.group("fresh").type()).isEqualTo(GroupType.MEETING);
        assertThat(emulator.group("fresh").name()).isEqualTo("Fresh");
    }

    @Test
    void ignoresFieldsItDoesNotModel() {
        Reply reply = post(MODIFY_GROUP_BASE_INFO,
                "{\"GroupId\":\"@TGS#1NVTZEAE4\",\"EnablePermission\":0,\"Name\":\"Same\"}");

        assertThat(reply.code()).isZero();
        assertThat(emulator.group("@TGS#1NVTZEAE4").name()).isEqualTo("Same");
    }

    private static String body(String field, Object value) {
        try {
            return JSON.writeValueAsString(Map.of("GroupId", "@TGS#1NVTZEAE4", field, value));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
