package io.groupsync.testkit.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.groupsync.testkit.emulator.KeyedCalls.Overlap;
import io.groupsync.testkit.emulator.KeyedCalls.Served;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KeyedCallsTest {

    @Test
    void aCallArrivingBeforeAnEarlierOneWasAnsweredOverlapsItOneArrivingAfterDoesNot() {
        Served first = call(0, 10);
        assertThat(KeyedCalls.overlaps(List.of(call(10, 20), first))).as("back to back").isEmpty();
        assertThat(KeyedCalls.overlaps(List.of(first, call(5, 12))))
                .singleElement().satisfies(o -> assertThat(o.first()).isEqualTo(first));
    }

    @Test
    void aLongCallOverlapsEveryCallArrivingWhileItIsInProgress() {
        Served longOne = call(0, 30);
        assertThat(KeyedCalls.overlaps(List.of(call(12, 20), longOne, call(5, 10))))
                .extracting(Overlap::first).containsExactly(longOne, longOne);
    }

    @Test
    void aCallNeverServedOverlapsNothing() {
        assertThat(KeyedCalls.overlaps(List.of(call(0, 5), call(2, 2), call(5, 9)))).isEmpty();
    }

    @Test
    void rongCloudMemberReadsAndWritesAreFiledUnderTheirMembersNotTheGroup() {
        assertThat(KeyedCalls.rongCloudKeys(Map.of("groupId", "g1", "userIds", "u1,u2")))
                .containsExactly("g1/u1", "g1/u2");
        assertThat(KeyedCalls.rongCloudKeys(Map.of("groupId", "g1", "userId", "u3"))).containsExactly("g1/u3");
        assertThat(KeyedCalls.rongCloudKeys(Map.of("groupId", "g1", "name", "n"))).containsExactly("g1");
        assertThat(KeyedCalls.rongCloudKeys(Map.of("name", "n"))).isEmpty();
    }

    private static Served call(long arrival, long answered) {
        return new Served("g1", "api", null, arrival, answered, 200);
    }
}
