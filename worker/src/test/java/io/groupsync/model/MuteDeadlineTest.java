package io.groupsync.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MuteDeadlineTest {

    @Test
    void aMuteSendsOnlyTheTimeThatRemainsRoundedUp() {
        MuteDeadline mute = MuteDeadline.of(1_000_000, 60);
        assertThat(mute.remainingSeconds(1_000_000)).isEqualTo(60);
        assertThat(mute.remainingSeconds(1_000_000 + 20_500)).isEqualTo(40);
        assertThat(mute.remainingSeconds(1_000_000 + 59_999)).isEqualTo(1);
    }

    @Test
    void aMuteWhoseDeadlineHasPassedBecomesAnUnmute() {
        assertThat(MuteDeadline.of(1_000_000, 60).remainingSeconds(1_060_000)).isZero();
        assertThat(MuteDeadline.of(1_000_000, 60).remainingSeconds(9_999_999)).isZero();
    }

    @Test
    void zeroSecondsIsAnUnmuteAndTencentsForeverStaysForever() {
        assertThat(MuteDeadline.of(5, 0)).isEqualTo(MuteDeadline.UNMUTED);
        MuteDeadline forever = MuteDeadline.of(5, MuteDeadline.FOREVER_SECONDS);
        assertThat(forever.isForever()).isTrue();
        assertThat(forever.remainingSeconds(Long.MAX_VALUE - 1)).isEqualTo(MuteDeadline.FOREVER_SECONDS);
    }

    @Test
    void aNegativeDurationIsRefused() {
        assertThatThrownBy(() -> MuteDeadline.of(0, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aMuteThatWouldEndPastTheLastRepresentableTimeIsRefusedNotWrappedIntoThePast() {
        assertThatThrownBy(() -> MuteDeadline.of(Long.MAX_VALUE - 1_000, 60))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("60 s");
        assertThatThrownBy(() -> MuteDeadline.of(Long.MIN_VALUE + 1_000, 60))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Unix epoch");
    }

    @Test
    void theSecondsSentForAFiniteMuteNeverReachTencentsForeverWhateverTheClocks() {
        long longest = MuteDeadline.FOREVER_SECONDS - 1;
        assertThat(MuteDeadline.of(1_000_000, longest).remainingSeconds(1_000_000)).isEqualTo(longest);
        assertThat(new MuteDeadline(Long.MAX_VALUE - 1).remainingSeconds(1_700_000_000_000L)).isEqualTo(longest);
        assertThat(MuteDeadline.of(1_000_000, 60).remainingSeconds(Long.MIN_VALUE)).isEqualTo(1_000 + 60);
        assertThat(new MuteDeadline(Long.MAX_VALUE - 1).remainingSeconds(Long.MIN_VALUE)).isEqualTo(longest);
    }
}
