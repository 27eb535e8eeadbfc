package io.groupsync.testkit.emulator.tencent;

import static io.groupsync.testkit.emulator.tencent.TencentEmulator.FORBID_SEND_MSG;
import static io.groupsync.testkit.emulator.tencent.TencentEmulator.GET_GROUP_INFO;
import static io.groupsync.testkit.emulator.tencent.TencentEmulator.MODIFY_GROUP_BASE_INFO;
import static io.groupsync.testkit.emulator.tencent.TencentEmulator.MODIFY_GROUP_MEMBER_INFO;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** forbid_send_msg (batch mute, up to 500 accounts) and get_group_info (the held state, up to 50 groups). */
class ForbidSendMsgAndGetGroupInfoTest extends TencentEmulatorTestBase {

    @BeforeEach
    void seed() {
        emulator.seedGroup("g1", GroupType.PUBLIC, "owner");
        emulator.seedMember("g1", "bob");
        emulator.seedMember("g1", "carol", "Admin");
    }

    @Test
    void mutesEveryListedMemberUntilTheSameDeadline() {
        Reply reply = post(FORBID_SEND_MSG, "{\"GroupId\":\"g1\",\"Members_Account\":[\"bob\",\"carol\"],\"MuteTime\":600}");

        assertThat(reply.body().toString()).isEqualTo("{\"ActionStatus\":\"OK\",\"ErrorCode\":0,\"ErrorInfo\":\"\"}");
        assertThat(emulator.member("g1", "bob").shutUpUntil()).isEqualTo(nowSeconds() + 600);
        assertThat(emulator.member("g1", "carol").shutUpUntil()).isEqualTo(nowSeconds() + 600);
        assertThat(emulator.member("g1", "owner").shutUpUntil()).isZero();
    }

    @Test
    void aLaterMuteReplacesTheDeadlineAndZeroUnmutes() {
        post(FORBID_SEND_MSG, "{\"GroupId\":\"g1\",\"Members_Account\":[\"bob\"],\"MuteTime\":600}");
        clock.advance(Duration.ofSeconds(100));

        post(FORBID_SEND_MSG, "{\"GroupId\":\"g1\",\"Members_Account\":[\"bob\"],\"MuteTime\":60}");
        assertThat(emulator.member("g1", "bob").shutUpUntil()).isEqualTo(nowSeconds() + 60);

        post(FORBID_SEND_MSG, "{\"GroupId\":\"g1\",\"Members_Account\":[\"bob\"],\"MuteTime\":0}");
        assertThat(emulator.member("g1", "bob").shutUpUntil()).isZero();
    }

    @Test
    void mutesForEverWithTheLargestMuteTime() {
        post(FORBID_SEND_MSG, "{\"GroupId\":\"g1\",\"Members_Account\":[\"bob\"],\"MuteTime\":4294967295}");

        assertThat(emulator.member("g1", "bob").shutUpUntil()).isEqualTo(MemberState.FOREVER);
    }

    @Test
    void takesUpTo500AccountsAndRefusesMoreOrNone() {
        emulator.setAutoCreate(true);

        assertThat(post(FORBID_SEND_MSG, muteMany(500)).code()).isZero();
        assertThat(post(FORBID_SEND_MSG, muteMany(501)).code()).isEqualTo(10004);
        assertThat(post(FORBID_SEND_MSG, muteMany(0)).code()).isEqualTo(10004);
    }

    @Test
    void refusesAMissingMuteTime() {
        assertThat(post(FORBID_SEND_MSG, "{\"GroupId\":\"g1\",\"Members_Account\":[\"bob\"]}").code())
                .isEqualTo(10004);
    }

    @Test
    void refusesTheWholeBatchWhenOneAccountIsNotAMember() {
        Reply reply = post(FORBID_SEND_MSG, "{\"GroupId\":\"g1\",\"Members_Account\":[\"bob\",\"eve\"],\"MuteTime\":60}");

        assertThat(reply.code()).isEqualTo(10007);
        assertThat(reply.info()).contains("eve");
        assertThat(emulator.member("g1", "bob").shutUpUntil()).isZero();
    }

    @Test
    void refusesMutingInAWorkGroupWith10007() {
        emulator.seedGroup("work", GroupType.WORK, "owner");
        emulator.seedMember("work", "bob");

        assertThat(post(FORBID_SEND_MSG, "{\"GroupId\":\"work\",\"Members_Account\":[\"bob\"],\"MuteTime\":60}").code())
                .isEqualTo(10007);
        assertThat(emulator.member("work", "bob").shutUpUntil()).isZero();
    }

    @Test
    void mutesAnyAccountInAnAvChatRoom() {
        emulator.seedGroup("live", GroupType.AV_CHAT_ROOM);

        Reply reply = post(FORBID_SEND_MSG, "{\"GroupId\":\"live\",\"Members_Account\":[\"viewer\"],\"MuteTime\":60}");

        assertThat(reply.code()).isZero();
        assertThat(emulator.member("live", "viewer").shutUpUntil()).isEqualTo(nowSeconds() + 60);
    }

    @Test
    void answersAnUnknownGroupWith10010() {
        assertThat(post(FORBID_SEND_MSG, "{\"GroupId\":\"nosuch\",\"Members_Account\":[\"bob\"],\"MuteTime\":1}").code())
                .isEqualTo(10010);
    }

    @Test
    void getGroupInfoAnswersTheHeldStateInTencentsShape() {
        post(MODIFY_GROUP_BASE_INFO, "{\"GroupId\":\"g1\",\"Name\":\"Team\",\"MuteAllMember\":\"On\","
                + "\"AppDefinedData\":[{\"Key\":\"k\",\"Value\":\"v\"}]}");
        post(MODIFY_GROUP_MEMBER_INFO, "{\"GroupId\":\"g1\",\"Member_Account\":\"bob\",\"NameCard\":\"Bobby\","
                + "\"MsgFlag\":\"Discard\",\"MuteTime\":60,\"AppMemberDefinedData\":[{\"Key\":\"m\",\"Value\":\"1\"}]}");

        Reply reply = post(GET_GROUP_INFO, "{\"GroupIdList\":[\"g1\"]}");

        assertThat(reply.actionStatus()).isEqualTo("OK");
        JsonNode info = reply.body().get("GroupInfo").get(0);
        assertThat(info.get("GroupId").asText()).isEqualTo("g1");
        assertThat(info.get("ErrorCode").asInt()).isZero();
        assertThat(info.get("Type").asText()).isEqualTo("Public");
        assertThat(info.get("Name").asText()).isEqualTo("Team");
        assertThat(info.get("Owner_Account").asText()).isEqualTo("owner");
        assertThat(info.get("MemberNum").asInt()).isEqualTo(3);
        assertThat(info.get("MaxMemberNum").asLong()).isEqualTo(2000);
        assertThat(info.get("ApplyJoinOption").asText()).isEqualTo("NeedPermission");
        assertThat(info.get("MuteAllMember").asText()).isEqualTo("On");
        assertThat(info.get("AppDefinedData").toString()).isEqualTo("[{\"Key\":\"k\",\"Value\":\"v\"}]");
        JsonNode bob = info.get("MemberList").get(1);
        assertThat(bob.get("Member_Account").asText()).isEqualTo("bob");
        assertThat(bob.get("Role").asText()).isEqualTo("Member");
        assertThat(bob.get("NameCard").asText()).isEqualTo("Bobby");
        assertThat(bob.get("MsgFlag").asText()).isEqualTo("Discard");
        assertThat(bob.get("ShutUpUntil").asLong()).isEqualTo(nowSeconds() + 60);
        assertThat(bob.get("AppMemberDefinedData").toString()).isEqualTo("[{\"Key\":\"m\",\"Value\":\"1\"}]");
        assertThat(info.get("MemberList").get(0).get("Role").asText()).isEqualTo("Owner");
    }

    @Test
    void getGroupInfoAnswersEachGroupWithItsOwnCode() {
        emulator.seedGroup("live", GroupType.AV_CHAT_ROOM);
        emulator.seedGroup("community", GroupType.COMMUNITY);

        Reply reply = post(GET_GROUP_INFO, "{\"GroupIdList\":[\"g1\",\"nosuch\",\"\",\"live\",\"community\"]}");

        assertThat(reply.code()).isZero();
        JsonNode infos = reply.body().get("GroupInfo");
        assertThat(infos).hasSize(5);
        assertThat(infos.get(0).get("ErrorCode").asInt()).isZero();
        assertThat(infos.get(1).get("ErrorCode").asInt()).isEqualTo(10010);
        assertThat(infos.get(2).get("ErrorCode").asInt()).isEqualTo(10015);
        assertThat(infos.get(3).has("MemberList")).as("AVChatRoom stores no member profiles").isFalse();
        assertThat(infos.get(3).has("InviteJoinOption")).isFalse();
        assertThat(infos.get(4).get("Type").asText()).isEqualTo("Community");
        assertThat(infos.get(4).has("ApplyJoinOption")).isFalse();
    }

    @Test
    void getGroupInfoTakesUpTo50Groups() {
        String fifty = IntStream.range(0, 50).mapToObj(i -> "\"g" + i + "\"").collect(Collectors.joining(","));

        assertThat(post(GET_GROUP_INFO, "{\"GroupIdList\":[" + fifty + "]}").code()).isZero();
        assertThat(post(GET_GROUP_INFO, "{\"GroupIdList\":[" + fifty + ",\"one-more\"]}").code()).isEqualTo(10004);
        assertThat(post(GET_GROUP_INFO, "{\"GroupIdList\":[]}").code()).isEqualTo(10004);
    }

    @Test
    void getGroupInfoNeverCreatesGroups() {
        emulator.setAutoCreate(true);

        post(GET_GROUP_INFO, "{\"GroupIdList\":[\"ghost\"]}");

        assertThat(emulator.groups()).doesNotContainKey("ghost");
    }

    private static String muteMany(int count) {
        String accounts = IntStream.range(0, count).mapToObj(i -> "\"user" + i + "\"")
                .collect(Collectors.joining(","));
        return "{\"GroupId\":\"g1\",\"Members_Account\":[" + accounts + "],\"MuteTime\":60}";
    }
}
