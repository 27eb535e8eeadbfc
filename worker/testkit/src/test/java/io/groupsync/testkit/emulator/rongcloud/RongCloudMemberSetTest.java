package io.groupsync.testkit.emulator.rongcloud;

import static io.groupsync.testkit.emulator.rongcloud.RongCloudTestClient.APP_KEY;
import static io.groupsync.testkit.emulator.rongcloud.RongCloudTestClient.APP_SECRET;
import static io.groupsync.testkit.emulator.rongcloud.RongCloudTestClient.fields;
import static org.assertj.core.api.Assertions.assertThat;

import io.groupsync.testkit.emulator.ManualEmulatorClock;
import io.groupsync.testkit.emulator.rongcloud.RongCloudTestClient.Answer;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RongCloudMemberSetTest {

    private final ManualEmulatorClock clock = new ManualEmulatorClock();
    private RongCloudEmulator emulator;
    private RongCloudTestClient client;

    @BeforeEach
    void start() {
        emulator = new RongCloudEmulator(APP_KEY, APP_SECRET, clock).start();
        client = new RongCloudTestClient(emulator, clock);
        emulator.seedGroup("groupId1", "Group one");
        emulator.seedMember("groupId1", "u01");
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    @Test
    void theDocumentedSampleRequestIsAcceptedAndSetsTheNickname() throws Exception {
        Answer answer = client.post(RongCloudEmulator.MEMBER_SET_PATH, "groupId=groupId1&userId=u01&nickname=nickname1");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.code()).isEqualTo(200);
        assertThat(emulator.member("groupId1", "u01")).isEqualTo(new MemberState("groupId1", "u01", "nickname1", null));
    }

    @Test
    void aNicknameIsRequired() throws Exception {
        assertThat(set(fields("groupId", "groupId1", "userId", "u01")).code()).isEqualTo(1002);
        Answer empty = set(fields("groupId", "groupId1", "userId", "u01", "nickname", ""));

        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.code()).isEqualTo(1002);
    }

    @Test
    void aNicknameOf64CharactersIsAcceptedAndOf65RefusedWith1005() throws Exception {
        assertThat(set(nickname("n".repeat(64))).status()).isEqualTo(200);

        Answer tooLong = set(nickname("m".repeat(65)));

        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.code()).isEqualTo(1005);
        assertThat(emulator.member("groupId1", "u01").nickname()).isEqualTo("n".repeat(64));
    }

    @Test
    void anExtraOf128CharactersIsAcceptedAndOf129RefusedWith1005() throws Exception {
        assertThat(set(withExtra("e".repeat(128))).status()).isEqualTo(200);

        Answer tooLong = set(withExtra("f".repeat(129)));

        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.code()).isEqualTo(1005);
        assertThat(emulator.member("groupId1", "u01").extra()).isEqualTo("e".repeat(128));
    }

    @Test
    void anAbsentExtraIsKeptAndAnEmptyOneIsRefusedAsTheSdkRefusesIt() throws Exception {
        set(withExtra("{\"title\":\"lead\"}"));
        set(nickname("Renamed"));
        assertThat(emulator.member("groupId1", "u01"))
                .isEqualTo(new MemberState("groupId1", "u01", "Renamed", "{\"title\":\"lead\"}"));

        Answer empty = set(withExtra(""));

        assertThat(empty.code()).isEqualTo(1002);
        assertThat(emulator.member("groupId1", "u01").extra()).isEqualTo("{\"title\":\"lead\"}");
    }

    @Test
    void theMemberQueryAnswersNicknameAndExtraOfTheListedMembersWhoAreMembers() throws Exception {
        emulator.seedMember("groupId1", "u02");
        set(withExtra("{\"title\":\"lead\"}"));

        Answer answer = client.post(RongCloudEmulator.MEMBER_QUERY_PATH,
                RongCloudTestClient.form(fields("groupId", "groupId1", "userIds", "u01,u02,u99")));

        assertThat(answer.code()).isEqualTo(200);
        assertThat(answer.json().path("members").toString()).isEqualTo("[{\"userId\":\"u01\",\"nickname\":\"Nick\","
                + "\"role\":0,\"time\":0,\"extra\":\"{\\\"title\\\":\\\"lead\\\"}\"},{\"userId\":\"u02\","
                + "\"nickname\":\"u02\",\"role\":0,\"time\":0,\"extra\":\"\"}]");
        assertThat(emulator.calls().count(RongCloudEmulator.MEMBER_QUERY)).isOne();
    }

    @Test
    void aUserWhoIsNotAMemberIsRefusedWith1002() throws Exception {
        Answer answer = set(fields("groupId", "groupId1", "userId", "u99", "nickname", "Nick"));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.code()).isEqualTo(1002);
        assertThat(emulator.member("groupId1", "u99")).isNull();
    }

    @Test
    void anUnknownGroupIsRefusedWith1002() throws Exception {
        assertThat(set(fields("groupId", "nogroup", "userId", "u01", "nickname", "Nick")).code()).isEqualTo(1002);
    }

    @Test
    void withAutoCreateAnUnknownGroupAndMemberAreCreated() throws Exception {
        emulator.setAutoCreate(true);

        assertThat(set(fields("groupId", "newGroup", "userId", "u42", "nickname", "Nick")).status()).isEqualTo(200);

        assertThat(emulator.group("newGroup")).isEqualTo(GroupState.created("newGroup", null));
        assertThat(emulator.members("newGroup")).containsOnlyKeys("u42");
    }

    @Test
    void userIdsMayUseTheDocumentedPunctuation() throws Exception {
        emulator.seedMember("groupId1", "a+b=c-d_e");

        assertThat(set(fields("groupId", "groupId1", "userId", "a+b=c-d_e", "nickname", "Nick")).status())
                .isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"u 01", "u/01", "u@01"})
    void otherCharactersInAUserIdAreRefusedWith1002(String userId) throws Exception {
        assertThat(set(fields("groupId", "groupId1", "userId", userId, "nickname", "Nick")).code()).isEqualTo(1002);
    }

    @Test
    void aUserIdOf65CharactersIsRefusedWith1005() throws Exception {
        assertThat(set(fields("groupId", "groupId1", "userId", "u".repeat(65), "nickname", "Nick")).code())
                .isEqualTo(1005);
    }

    @Test
    void theSnapshotListsTheMembersOfAGroup() {
        emulator.seedMember("groupId1", "u02");

        assertThat(emulator.members("groupId1")).containsOnlyKeys("u01", "u02");
        assertThat(emulator.members("other")).isEmpty();
    }

    private Answer set(Map<String, String> form) throws Exception {
        return client.setMember(form);
    }

    private static Map<String, String> nickname(String nickname) {
        return fields("groupId", "groupId1", "userId", "u01", "nickname", nickname);
    }

    private static Map<String, String> withExtra(String extra) {
        return fields("groupId", "groupId1", "userId", "u01", "nickname", "Nick", "extra", extra);
    }
}
