package io.groupsync.testkit.emulator.openim;

import static io.groupsync.testkit.emulator.openim.OpenImEmulator.CANCEL_MUTE_GROUP;
import static io.groupsync.testkit.emulator.openim.OpenImEmulator.CANCEL_MUTE_GROUP_MEMBER;
import static io.groupsync.testkit.emulator.openim.OpenImEmulator.MUTE_GROUP;
import static io.groupsync.testkit.emulator.openim.OpenImEmulator.MUTE_GROUP_MEMBER;
import static io.groupsync.testkit.emulator.openim.OpenImHttp.SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import io.groupsync.testkit.emulator.ManualEmulatorClock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OpenImMuteTest {

    private final ManualEmulatorClock clock = new ManualEmulatorClock();
    private OpenImEmulator openIm;
    private OpenImHttp client;
    private String token;

    @BeforeEach
    void start() throws Exception {
        openIm = new OpenImEmulator(clock, SECRET).start().seedGroup("g1").seedMember("g1", "ann");
        client = new OpenImHttp(openIm.baseUri());
        token = client.adminToken();
    }

    @AfterEach
    void stop() {
        openIm.close();
    }

    @Test
    void mutingAMemberKeepsTheEndAsAnAbsoluteTimeOnTheEmulatorClock() throws Exception {
        long now = clock.currentTimeMillis();

        var reply = client.post(MUTE_GROUP_MEMBER, token, Map.of("groupID", "g1", "userID", "ann",
                "mutedSeconds", 600));

        assertThat(reply.errCode()).isZero();
        MemberState ann = openIm.member("g1", "ann").orElseThrow();
        assertThat(ann.muteEndTime()).isEqualTo(now + 600_000);
        clock.advance(Duration.ofSeconds(599));
        assertThat(ann.mutedAt(clock.currentTimeMillis())).isTrue();
        clock.advance(Duration.ofSeconds(1));
        assertThat(ann.mutedAt(clock.currentTimeMillis())).isFalse();
    }

    @Test
    void cancellingAMemberMuteResetsTheEndToTheEpoch() throws Exception {
        client.post(MUTE_GROUP_MEMBER, token, Map.of("groupID", "g1", "userID", "ann", "mutedSeconds", 600));

        var reply = client.post(CANCEL_MUTE_GROUP_MEMBER, token, Map.of("groupID", "g1", "userID", "ann"));

        assertThat(reply.errCode()).isZero();
        assertThat(openIm.member("g1", "ann").orElseThrow().muteEndTime()).isZero();
    }

    @ParameterizedTest
    @ValueSource(longs = {0, -5, 4_294_967_296L})
    void refusesMutedSecondsOutsideOneToUint32MaxWith1001(long seconds) throws Exception {
        var reply = client.post(MUTE_GROUP_MEMBER, token, Map.of("groupID", "g1", "userID", "ann",
                "mutedSeconds", seconds));

        assertThat(reply.errCode()).isEqualTo(1001);
        assertThat(openIm.member("g1", "ann").orElseThrow().muteEndTime()).isZero();
    }

    @Test
    void refusesAMissingMutedSecondsWith1001() throws Exception {
        assertThat(client.post(MUTE_GROUP_MEMBER, token, Map.of("groupID", "g1", "userID", "ann")).errCode())
                .isEqualTo(1001);
    }

    @Test
    void answersAMuteOfSomeoneNotInTheGroupWith1004() throws Exception {
        assertThat(client.post(MUTE_GROUP_MEMBER, token, Map.of("groupID", "g1", "userID", "zed",
                "mutedSeconds", 60)).errCode()).isEqualTo(1004);
        assertThat(client.post(CANCEL_MUTE_GROUP_MEMBER, token, Map.of("groupID", "nope", "userID", "ann"))
                .errCode()).isEqualTo(1004);
    }

    @Test
    void mutingTheGroupSetsItsStatusAndCancellingClearsIt() throws Exception {
        assertThat(client.post(MUTE_GROUP, token, Map.of("groupID", "g1")).errCode()).isZero();
        assertThat(openIm.group("g1").orElseThrow().muted()).isTrue();
        assertThat(openIm.group("g1").orElseThrow().status()).isEqualTo(GroupState.STATUS_MUTED);

        assertThat(client.post(CANCEL_MUTE_GROUP, token, Map.of("groupID", "g1")).errCode()).isZero();
        assertThat(openIm.group("g1").orElseThrow().muted()).isFalse();
        assertThat(openIm.group("g1").orElseThrow().status()).isEqualTo(GroupState.STATUS_OK);
    }

    @Test
    void answersAGroupMuteOfAnUnknownGroupWith1004AndOfADismissedGroupWith1204() throws Exception {
        openIm.seedGroup("gone").dismissGroup("gone");

        assertThat(client.post(MUTE_GROUP, token, Map.of("groupID", "nope")).errCode()).isEqualTo(1004);
        assertThat(client.post(MUTE_GROUP, token, Map.of("groupID", "gone")).errCode()).isEqualTo(1204);
        assertThat(client.post(CANCEL_MUTE_GROUP, token, Map.of("groupID", "gone")).errCode()).isEqualTo(1204);
        assertThat(openIm.group("gone").orElseThrow().dismissed()).isTrue();
    }

    @Test
    void createsTheMemberOnAFirstMuteWhenAutoCreateIsOn() throws Exception {
        openIm.setAutoCreate(true);

        assertThat(client.post(MUTE_GROUP_MEMBER, token, Map.of("groupID", "g9", "userID", "neo",
                "mutedSeconds", 60)).errCode()).isZero();
        assertThat(openIm.member("g9", "neo").orElseThrow().muteEndTime())
                .isEqualTo(clock.currentTimeMillis() + 60_000);
    }
}
