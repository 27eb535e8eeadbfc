package io.groupsync.testkit.emulator.openim;

import static io.groupsync.testkit.emulator.openim.OpenImEmulator.SET_GROUP_INFO;
import static io.groupsync.testkit.emulator.openim.OpenImEmulator.SET_GROUP_INFO_EX;
import static io.groupsync.testkit.emulator.openim.OpenImHttp.SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import io.groupsync.testkit.emulator.ManualEmulatorClock;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What differs between the releases on the group-profile routes: set_group_info_ex and set_group_info. */
class OpenImVersionTest {

    private OpenImEmulator openIm;
    private OpenImHttp client;
    private String token;

    @BeforeEach
    void start() throws Exception {
        openIm = new OpenImEmulator(new ManualEmulatorClock(), SECRET).start()
                .seedGroup(new GroupState("g1", "name", "notice", "intro", "face", "ex", 2, 0, 0,
                        GroupState.STATUS_OK));
        client = new OpenImHttp(openIm.baseUri());
        token = client.adminToken();
    }

    @AfterEach
    void stop() {
        openIm.close();
    }

    @Test
    void v380HasNoSetGroupInfoExAndAnswersItWith404() throws Exception {
        openIm.setVersion(OpenImVersion.V3_8_0);

        OpenImHttp.Reply reply = client.post(SET_GROUP_INFO_EX, token, Map.of("groupID", "g1", "groupName", "x"));

        assertThat(reply.status()).isEqualTo(404);
        assertThat(openIm.group("g1").orElseThrow().groupName()).isEqualTo("name");
    }

    @Test
    void v381AndLaterServeSetGroupInfoEx() throws Exception {
        openIm.setVersion(OpenImVersion.V3_8_1);

        assertThat(client.post(SET_GROUP_INFO_EX, token, Map.of("groupID", "g1", "groupName", "x")).errCode())
                .isZero();
    }

    @Test
    void setGroupInfoTakesWrappedNumbersAndExAndLeavesEmptyTextsUnchanged() throws Exception {
        openIm.setVersion(OpenImVersion.V3_8_0);

        OpenImHttp.Reply reply = client.post(SET_GROUP_INFO, token, Map.of("groupInfoForSet", Map.of(
                "groupID", "g1", "groupName", "renamed", "notification", "",
                "ex", Map.of("value", "{\"k\":1}"), "needVerification", Map.of("value", 1),
                "lookMemberInfo", Map.of())));

        assertThat(reply.errCode()).isZero();
        assertThat(openIm.group("g1")).contains(new GroupState("g1", "renamed", "notice", "intro", "face",
                "{\"k\":1}", 1, 0, 0, GroupState.STATUS_OK));
    }

    @Test
    void setGroupInfoRefusesAPlainNumberWhereAWrapperBelongs() throws Exception {
        OpenImHttp.Reply reply = client.post(SET_GROUP_INFO, token, Map.of("groupInfoForSet", Map.of(
                "groupID", "g1", "needVerification", 1)));

        assertThat(reply.errCode()).isEqualTo(1001);
    }
}
