package io.groupsync.testkit.emulator.openim;

import static io.groupsync.testkit.emulator.openim.OpenImEmulator.SET_GROUP_MEMBER_INFO;
import static io.groupsync.testkit.emulator.openim.OpenImHttp.SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import io.groupsync.testkit.emulator.ManualEmulatorClock;
import io.groupsync.testkit.emulator.openim.OpenImHttp.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OpenImMemberInfoTest {

    private static final MemberState ANN = new MemberState("g1", "ann", "Ann", "ann.png", 20, "a", 0);

    private OpenImEmulator openIm;
    private OpenImHttp client;
    private String token;

    @BeforeEach
    void start() throws Exception {
        openIm = new OpenImEmulator(new ManualEmulatorClock(), SECRET).start()
                .seedGroup("g1").seedMember(ANN).seedMember("g1", "bob")
                .seedGroup("g2").seedMember("g2", "ann");
        client = new OpenImHttp(openIm.baseUri());
        token = client.adminToken();
    }

    @AfterEach
    void stop() {
        openIm.close();
    }

    private Reply setMembers(Object... entries) throws Exception {
        return client.post(SET_GROUP_MEMBER_INFO, token, Map.of("members", List.of(entries)));
    }

    @Test
    void setsTheSentFieldsOfMembersOfSeveralGroupsInOneCall() throws Exception {
        Reply reply = setMembers(
                Map.of("groupID", "g1", "userID", "ann", "nickname", "Annie", "roleLevel", 60),
                Map.of("groupID", "g1", "userID", "bob", "faceURL", "bob.png", "ex", "{\"k\":1}"),
                Map.of("groupID", "g2", "userID", "ann", "nickname", ""));

        assertThat(reply.errCode()).isZero();
        assertThat(openIm.member("g1", "ann")).contains(new MemberState("g1", "ann", "Annie", "ann.png", 60, "a", 0));
        assertThat(openIm.member("g1", "bob")).contains(new MemberState("g1", "bob", "", "bob.png", 20, "{\"k\":1}", 0));
        assertThat(openIm.member("g2", "ann")).contains(MemberState.of("g2", "ann"));
        assertThat(openIm.members("g1")).containsOnlyKeys("ann", "bob");
    }

    @Test
    void acceptsExactlyOneThousandEntries() throws Exception {
        openIm.setAutoCreate(true);

        Reply reply = client.post(SET_GROUP_MEMBER_INFO, token, Map.of("members", entries(1000)));

        assertThat(reply.errCode()).isZero();
        assertThat(openIm.members("big")).hasSize(1000);
    }

    @Test
    void refusesOneThousandAndOneEntriesWith1001() throws Exception {
        openIm.setAutoCreate(true);

        Reply reply = client.post(SET_GROUP_MEMBER_INFO, token, Map.of("members", entries(1001)));

        assertThat(reply.errCode()).isEqualTo(1001);
        assertThat(openIm.members("big")).isEmpty();
    }

    @Test
    void refusesRoleLevel40With1001AndChangesNoEntry() throws Exception {
        Reply reply = setMembers(
                Map.of("groupID", "g1", "userID", "bob", "nickname", "Bobby"),
                Map.of("groupID", "g1", "userID", "ann", "roleLevel", 40));

        assertThat(reply.errCode()).isEqualTo(1001);
        assertThat(openIm.member("g1", "bob")).contains(MemberState.of("g1", "bob"));
        assertThat(openIm.member("g1", "ann")).contains(ANN);
    }

    @Test
    void refusesMakingSomeoneOwnerWith1002AsTheServerDoes() throws Exception {
        Reply reply = setMembers(Map.of("groupID", "g1", "userID", "ann", "roleLevel", 100));

        assertThat(reply.errCode()).isEqualTo(1002);
        assertThat(openIm.member("g1", "ann")).contains(ANN);
    }

    @Test
    void refusesTheSameGroupAndUserTwiceWith1001() throws Exception {
        Reply reply = setMembers(
                Map.of("groupID", "g1", "userID", "ann", "nickname", "one"),
                Map.of("groupID", "g1", "userID", "ann", "nickname", "two"));

        assertThat(reply.errCode()).isEqualTo(1001);
        assertThat(openIm.member("g1", "ann")).contains(ANN);
    }

    @Test
    void refusesAUserNotInTheGroupWith1001AndChangesNoOtherEntry() throws Exception {
        Reply reply = setMembers(
                Map.of("groupID", "g1", "userID", "ann", "nickname", "changed?"),
                Map.of("groupID", "g2", "userID", "bob", "nickname", "not a member of g2"));

        assertThat(reply.errCode()).isEqualTo(1001);
        assertThat(openIm.member("g1", "ann")).contains(ANN);
        assertThat(openIm.member("g2", "bob")).isEmpty();
    }

    @Test
    void answersAMemberOfAnUnknownGroupAsNotInGroup1001() throws Exception {
        assertThat(setMembers(Map.of("groupID", "nope", "userID", "ann", "nickname", "x")).errCode())
                .isEqualTo(1001);
    }

    @Test
    void refusesAnEmptyOrMissingMemberListWith1001() throws Exception {
        assertThat(setMembers().errCode()).isEqualTo(1001);
        assertThat(client.post(SET_GROUP_MEMBER_INFO, token, Map.of()).errCode()).isEqualTo(1001);
    }

    @Test
    void createsUnknownGroupsAndMembersOnFirstEditWhenAutoCreateIsOn() throws Exception {
        openIm.setAutoCreate(true);

        Reply reply = setMembers(Map.of("groupID", "new", "userID", "zoe", "nickname", "Zoe", "roleLevel", 60));

        assertThat(reply.errCode()).isZero();
        assertThat(openIm.group("new")).isPresent();
        assertThat(openIm.member("new", "zoe")).contains(new MemberState("new", "zoe", "Zoe", "", 60, "", 0));
    }

    private static List<Map<String, Object>> entries(int count) {
        List<Map<String, Object>> entries = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            entries.add(Map.of("groupID", "big", "userID", "u" + i, "nickname", "n" + i));
        }
        return entries;
    }
}
