package io.groupsync.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PendingCapsTest {

    private static final long MIB = 1024 * 1024;

    @Test
    void aSmallHeapGetsCapsThatKeepPendingWorkToHalfOfIt() {
        PendingCaps caps = PendingCaps.forHeap(256 * MIB);

        long bytes = caps.keys() * PendingCaps.BYTES_PER_KEY + caps.records() * PendingCaps.BYTES_PER_RECORD;
        assertThat(bytes).isLessThanOrEqualTo(128 * MIB);
        assertThat(caps.records()).as("what the memory benchmark ran without trouble").isBetween(60_000, 100_000);
        assertThat(caps.keys()).isBetween(30_000, 40_000);
    }

    @Test
    void aLargeHeapStopsAtTheFixedCaps() {
        assertThat(PendingCaps.forHeap(8L * 1024 * MIB)).isEqualTo(new PendingCaps(100_000, 250_000));
    }

    @Test
    void aTinyHeapStillGetsAWorkableCap() {
        assertThat(PendingCaps.forHeap(16 * MIB)).isEqualTo(new PendingCaps(2_236, 4_575));
        assertThat(PendingCaps.forHeap(MIB)).isEqualTo(new PendingCaps(1_000, 1_000));
    }
}
