package io.groupsync.testkit.emulator.openim;

import static io.groupsync.testkit.emulator.openim.OpenImEmulator.SET_GROUP_INFO_EX;
import static io.groupsync.testkit.emulator.openim.OpenImHttp.SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import io.groupsync.testkit.emulator.ManualEmulatorClock;
import io.groupsync.testkit.emulator.openim.OpenImHttp.Reply;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OpenImGroupInfoTest {

    /** The request example of the set_group_info_ex page, as printed. */
    private static final String PAGE_SAMPLE = """
            {
            "groupID": "xadxwr24",
            "groupName": "new name",
            "notification": "new notification",
            "introduction": "new introduction",
            "faceURL": "www.newfaceURL.com",
            "ex": "new ex",
            "needVerification": 1,
            "lookMemberInfo": 1,
            "applyMemberFriend": 1
            }
            """;

    private static final GroupState FILLED = new GroupState("g1", "name", "notice", "intro", "face", "ex",
            2, 0, 0, GroupState.STATUS_OK);

    private OpenImEmulator openIm;
    private OpenImHttp client;
    private String token;

    @BeforeEach
    void start() throws Exception {
        openIm = new OpenImEmulator(new ManualEmulatorClock(), SECRET).start().seedGroup("xadxwr24").seedGroup(FILLED);
        client = new OpenImHttp(openIm.baseUri());
        token = client.adminToken();
    }

    @AfterEach
    void stop() {
        openIm.close();
    }

    @Test
    void acceptsThePageSampleRequestAndHoldsEveryFieldItSent() throws Exception {
        Reply reply = client.send(SET_GROUP_INFO_EX, Map.of("operationID", "1646445464564", "token", token),
                PAGE_SAMPLE);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body().toString()).isEqualTo("{\"errCode\":0,\"errMsg\":\"\",\"errDlt\":\"\"}");
        assertThat(openIm.group("xadxwr24")).contains(new GroupState("xadxwr24", "new name", "new notification",
                "new introduction", "www.newfaceURL.com", "new ex", 1, 1, 1, GroupState.STATUS_OK));
    }

    @Test
    void leavesAbsentFieldsUnchangedAndClearsFieldsSentEmpty() throws Exception {
        Reply reply = client.post(SET_GROUP_INFO_EX, token, Map.of("groupID", "g1", "introduction", "",
                "ex", "", "lookMemberInfo", 1));

        assertThat(reply.errCode()).isZero();
        assertThat(openIm.group("g1")).contains(new GroupState("g1", "name", "notice", "", "face", "", 2, 1, 0,
                GroupState.STATUS_OK));
    }

    @Test
    void treatsJsonNullAsNotSent() throws Exception {
        Map<String, Object> body = new HashMap<>();
        body.put("groupID", "g1");
        body.put("notification", null);
        body.put("needVerification", null);

        assertThat(client.post(SET_GROUP_INFO_EX, token, body).errCode()).isZero();
        assertThat(openIm.group("g1")).contains(FILLED);
    }

    @Test
    void aBlankGroupNameAnswersSuccessYetUpdatesNothingNotEvenTheOtherFields() throws Exception {
        Reply reply = client.post(SET_GROUP_INFO_EX, token, Map.of("groupID", "g1", "groupName", "  ",
                "introduction", "ignored too"));

        assertThat(reply.errCode()).isZero();
        assertThat(openIm.group("g1")).contains(FILLED);
    }

    @Test
    void storesTheNotificationTrimmedAsTheServerDoes() throws Exception {
        client.post(SET_GROUP_INFO_EX, token, Map.of("groupID", "g1", "notification", "  hello  "));

        assertThat(openIm.group("g1").orElseThrow().notification()).isEqualTo("hello");
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({"needVerification, 3", "needVerification, -1", "lookMemberInfo, 2", "applyMemberFriend, 2",
            "applyMemberFriend, -1"})
    void refusesAnOutOfRangeOptionWith1001AndChangesNothing(String field, int value) throws Exception {
        Reply reply = client.post(SET_GROUP_INFO_EX, token, Map.of("groupID", "g1", "ex", "x", field, value));

        assertThat(reply.errCode()).isEqualTo(1001);
        assertThat(reply.body().path("errMsg").asText()).isEqualTo("ArgsError");
        assertThat(openIm.group("g1")).contains(FILLED);
    }

    @Test
    void refusesAFieldOfTheWrongTypeWith1001() throws Exception {
        assertThat(client.post(SET_GROUP_INFO_EX, token, Map.of("groupID", "g1", "groupName", 5)).errCode())
                .isEqualTo(1001);
        assertThat(client.post(SET_GROUP_INFO_EX, token, Map.of("groupID", "g1", "needVerification", "1"))
                .errCode()).isEqualTo(1001);
        assertThat(client.post(SET_GROUP_INFO_EX, token, Map.of("groupID", "g1", "needVerification", 1.5))
                .errCode()).isEqualTo(1001);
        assertThat(openIm.group("g1")).contains(FILLED);
    }

    @Test
    void refusesAMissingGroupIdOrABodyThatIsNotJsonWith1001() throws Exception {
        assertThat(client.post(SET_GROUP_INFO_EX, token, Map.of("ex", "x")).errCode()).isEqualTo(1001);
        assertThat(client.send(SET_GROUP_INFO_EX, Map.of("operationID", "o", "token", token), "groupID=g1")
                .errCode()).isEqualTo(1001);
    }

    @Test
    void answersAnUnknownGroupWithThePageFailureExample() throws Exception {
        Reply reply = client.post(SET_GROUP_INFO_EX, token, Map.of("groupID", "nope", "ex", "x"));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body().toString()).isEqualTo(
                "{\"errCode\":1004,\"errMsg\":\"RecordNotFoundError\",\"errDlt\":\": [1004]RecordNotFoundError\"}");
        assertThat(openIm.group("nope")).isEmpty();
    }

    @Test
    void aBlankGroupNameOnAnUnknownGroupIsStill1004() throws Exception {
        assertThat(client.post(SET_GROUP_INFO_EX, token, Map.of("groupID", "nope", "groupName", "")).errCode())
                .isEqualTo(1004);
    }

    @Test
    void refusesADismissedGroupWith1204() throws Exception {
        openIm.dismissGroup("g1");

        Reply reply = client.post(SET_GROUP_INFO_EX, token, Map.of("groupID", "g1", "ex", "x"));

        assertThat(reply.errCode()).isEqualTo(1204);
        assertThat(openIm.group("g1").orElseThrow().ex()).isEqualTo("ex");
    }

    @Test
    void acceptsLongTextsBecauseTheServerSetsNoLengthLimit() throws Exception {
        String long4k = "n".repeat(4096);

        Reply reply = client.post(SET_GROUP_INFO_EX, token, Map.of("groupID", "g1", "groupName", long4k,
                "notification", long4k, "introduction", long4k, "faceURL", long4k, "ex", long4k));

        assertThat(reply.errCode()).isZero();
        assertThat(openIm.group("g1").orElseThrow().groupName()).hasSize(4096);
    }

    @Test
    void createsAnUnknownGroupOnFirstEditWhenAutoCreateIsOn() throws Exception {
        openIm.setAutoCreate(true);

        assertThat(client.post(SET_GROUP_INFO_EX, token, Map.of("groupID", "fresh", "groupName", "F")).errCode())
                .isZero();
        assertThat(openIm.group("fresh")).contains(new GroupState("fresh", "F", "", "", "", "", 0, 0, 0, 0));
        assertThat(openIm.groups()).containsKeys("xadxwr24", "g1", "fresh");
    }
}
