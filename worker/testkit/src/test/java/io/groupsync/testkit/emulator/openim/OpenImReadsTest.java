package io.groupsync.testkit.emulator.openim;

import static io.groupsync.testkit.emulator.openim.OpenImEmulator.GET_GROUPS_INFO;
import static io.groupsync.testkit.emulator.openim.OpenImEmulator.GET_GROUP_MEMBERS_INFO;
import static io.groupsync.testkit.emulator.openim.OpenImHttp.SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import io.groupsync.testkit.emulator.ManualEmulatorClock;
import io.groupsync.testkit.emulator.openim.OpenImHttp.Reply;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OpenImReadsTest {

    private OpenImEmulator openIm;
    private OpenImHttp client;
    private String token;

    @BeforeEach
    void start() throws Exception {
        openIm = new OpenImEmulator(new ManualEmulatorClock(), SECRET).start()
                .seedGroup(new GroupState("g1", "name", "notice", "intro", "face", "{\"a\":\"1\"}", 2, 1, 0, 0))
                .seedGroup("g2")
                .seedMember(new MemberState("g1", "ann", "Ann", "", 60, "{\"k\":\"v\"}", 0));
        client = new OpenImHttp(openIm.baseUri());
        token = client.adminToken();
    }

    @AfterEach
    void stop() {
        openIm.close();
    }

    @Test
    void getGroupsInfoAnswersTheKnownGroupsWithTheServerFieldNamesAndLeavesUnknownOnesOut() throws Exception {
        Reply reply = client.post(GET_GROUPS_INFO, token, Map.of("groupIDs", List.of("g1", "nope")));

        assertThat(reply.errCode()).isZero();
        var infos = reply.body().path("data").path("groupInfos");
        assertThat(infos).hasSize(1);
        assertThat(infos.get(0).path("groupID").asText()).isEqualTo("g1");
        assertThat(infos.get(0).path("groupName").asText()).isEqualTo("name");
        assertThat(infos.get(0).path("ex").asText()).isEqualTo("{\"a\":\"1\"}");
        assertThat(infos.get(0).path("needVerification").asInt()).isEqualTo(2);
    }

    @Test
    void getGroupMembersInfoAnswersTheMembersFoundInTheGroup() throws Exception {
        Reply reply = client.post(GET_GROUP_MEMBERS_INFO, token,
                Map.of("groupID", "g1", "userIDs", List.of("ann", "bob")));

        assertThat(reply.errCode()).isZero();
        var members = reply.body().path("data").path("members");
        assertThat(members).hasSize(1);
        assertThat(members.get(0).path("userID").asText()).isEqualTo("ann");
        assertThat(members.get(0).path("roleLevel").asInt()).isEqualTo(60);
        assertThat(members.get(0).path("ex").asText()).isEqualTo("{\"k\":\"v\"}");
    }

    @Test
    void refusesAnEmptyIdListWith1001() throws Exception {
        assertThat(client.post(GET_GROUPS_INFO, token, Map.of("groupIDs", List.of())).errCode()).isEqualTo(1001);
        assertThat(client.post(GET_GROUP_MEMBERS_INFO, token, Map.of("groupID", "g1")).errCode())
                .isEqualTo(1001);
    }

    @Test
    void readsNeedTheAdminTokenLikeEveryOtherRoute() throws Exception {
        assertThat(client.post(GET_GROUPS_INFO, null, Map.of("groupIDs", List.of("g1"))).errCode())
                .isEqualTo(1001);
        assertThat(client.post(GET_GROUPS_INFO, "a.b.c", Map.of("groupIDs", List.of("g1"))).errCode())
                .isEqualTo(1503);
    }
}
