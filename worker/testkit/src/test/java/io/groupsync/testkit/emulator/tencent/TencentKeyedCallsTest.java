package io.groupsync.testkit.emulator.tencent;

import static org.assertj.core.api.Assertions.assertThat;

import io.groupsync.testkit.emulator.KeyedCalls;
import org.junit.jupiter.api.Test;

/** The keys a suite files Tencent's calls under are the worker's: a group's profile, or one member. */
class TencentKeyedCallsTest extends TencentEmulatorTestBase {

    @Test
    void aProfileCallIsTheGroupsAMuteOfTwoMembersIsEachMembersWithTheUserSigAsSender() {
        emulator.seedGroup("g1", GroupType.PUBLIC);
        emulator.seedMember("g1", "u1");
        emulator.seedMember("g1", "u2");
        KeyedCalls calls = KeyedCalls.tencent(emulator);

        post(TencentEmulator.MODIFY_GROUP_BASE_INFO, "{\"GroupId\":\"g1\",\"Name\":\"n\"}");
        post(TencentEmulator.FORBID_SEND_MSG, "{\"GroupId\":\"g1\",\"Members_Account\":[\"u1\",\"u2\"],\"MuteTime\":60}");

        assertThat(calls.byKey()).containsOnlyKeys("g1", "g1/u1", "g1/u2");
        assertThat(calls.byKey().get("g1/u2")).singleElement().satisfies(c -> {
            assertThat(c.api()).isEqualTo(TencentEmulator.FORBID_SEND_MSG);
            assertThat(c.sender()).isNotEmpty();
        });
        assertThat(calls.overlaps()).isEmpty();
    }
}
