package io.groupsync.testkit.emulator.tencent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.groupsync.testkit.emulator.ManualEmulatorClock;
import java.util.Map;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

/** Seeding and snapshots: no HTTP needed, so the emulator is never started here. */
class TencentEmulatorSeedingTest {

    private final TencentEmulator emulator = new TencentEmulator(1400000001L, "administrator", "key",
            new ManualEmulatorClock());

    @Test
    void aSeededGroupHasItsTypesDefaultsAndItsOwnerAsMember() {
        GroupState group = emulator.seedGroup("g1", GroupType.COMMUNITY, "owner");

        assertThat(group.name()).isEqualTo("g1");
        assertThat(group.maxMemberNum()).isEqualTo(100_000);
        assertThat(group.applyJoinOption()).isNull();
        assertThat(group.inviteJoinOption()).isEqualTo("FreeAccess");
        assertThat(group.muteAllMember()).isEqualTo("Off");
        assertThat(group.ownerAccount()).isEqualTo("owner");
        assertThat(emulator.member("g1", "owner").role()).isEqualTo("Owner");
        assertThat(emulator.member("g1", "owner").msgFlag()).isEqualTo("AcceptAndNotify");
    }

    @Test
    void aGroupSeededWithoutOwnerHasNoMembers() {
        emulator.seedGroup("g1", GroupType.PUBLIC);

        assertThat(emulator.group("g1").ownerAccount()).isNull();
        assertThat(emulator.members("g1")).isEmpty();
    }

    @Test
    void refusesSeedsTencentWouldNotHold() {
        emulator.seedGroup("work", GroupType.WORK, "owner");

        assertThatThrownBy(() -> emulator.seedGroup("has\ttab", GroupType.PUBLIC))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> emulator.seedGroup("work", GroupType.PUBLIC)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> emulator.seedMember("nosuch", "bob")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> emulator.seedMember("work", "bob", "Admin"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> emulator.seedMember("work", "bob", "Owner"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void snapshotsAreImmutableAndDoNotFollowLaterChanges() {
        emulator.seedGroup("g1", GroupType.PUBLIC, "owner");
        Map<String, GroupState> before = emulator.groups();

        emulator.seedGroup("g2", GroupType.PUBLIC);

        assertThat(before).containsOnlyKeys("g1");
        assertThatThrownBy(() -> before.put("g3", null)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> emulator.group("g1").appDefinedData().put("k", "v"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void askingForWhatIsNotHeldSaysWhich() {
        assertThatThrownBy(() -> emulator.group("ghost")).isInstanceOf(NoSuchElementException.class)
                .hasMessageContaining("ghost");
    }

    @Test
    void groupTypesAcceptTheirCurrentAndLegacyNames() {
        assertThat(GroupType.of("Private")).isEqualTo(GroupType.WORK);
        assertThat(GroupType.of("Work")).isEqualTo(GroupType.WORK);
        assertThat(GroupType.of("ChatRoom")).isEqualTo(GroupType.MEETING);
        assertThat(GroupType.of("AVChatRoom")).isEqualTo(GroupType.AV_CHAT_ROOM);
        assertThatThrownBy(() -> GroupType.of("Secret")).isInstanceOf(IllegalArgumentException.class);
    }
}
