package io.groupsync.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BucketSizingTest {

    @Test
    void noSlidingSecondCanHoldMoreThanTheLimit() {
        for (int limit = 2; limit <= 5_000; limit++) {
            BucketSizing sizing = BucketSizing.forLimit(limit);
            assertThat(sizing.worstSecond()).as("limit %d", limit).isLessThanOrEqualTo(limit);
            assertThat(sizing.capacity()).as("limit %d", limit).isPositive();
            assertThat(sizing.refillPerSecond()).as("limit %d", limit).isPositive();
        }
    }

    @Test
    void aBacklogUsesAtLeast95PercentOfTheVendorLimitsThatMatter() {
        for (int limit : new int[] {100, 200, 1_000}) {
            assertThat(BucketSizing.forLimit(limit).refillPerSecond()).as("limit %d", limit)
                    .isGreaterThanOrEqualTo((int) Math.ceil(limit * 0.95));
        }
        assertThat(BucketSizing.forLimit(200)).isEqualTo(new BucketSizing(2, 192));
    }

    @Test
    void aLimitBelowTwoCannotBeSized() {
        assertThatThrownBy(() -> BucketSizing.forLimit(1)).isInstanceOf(IllegalArgumentException.class);
    }
}
