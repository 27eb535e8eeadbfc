package io.groupsync.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PendingCapsTest {

    private static final long MIB = 1024 * 1024;

    @Test
    void aSmallHeapGetsCapsThatKeepPendingWorkWellInsideIt() {
        PendingCaps caps = PendingCaps.forHeap(256 * MIB);

        long bytes = caps.keys() * PendingCaps.BYTES_PER_KEY + caps.records() * PendingCaps.BYTES_PER_RECORD;
        assertThat(bytes).isLessThanOrEqualTo(256 * MIB * 6 / 10);
        assertThat(caps.records()).as("near what the memory benchmark ran without trouble")
                .isBetween(100_000, 115_000);
        assertThat(caps.keys()).isBetween(25_000, 40_000);
    }

    @Test
    void theBenchmarksHalfGigabyteWorkerHoldsTheWholeDrainBacklog() {
        assertThat(PendingCaps.forHeap(512 * MIB).records()).isGreaterThanOrEqualTo(200_000);
    }

    @Test
    void aLargeHeapStopsAtTheFixedCaps() {
        assertThat(PendingCaps.forHeap(8L * 1024 * MIB)).isEqualTo(new PendingCaps(100_000, 250_000, 2L * 1024 * MIB));
    }

    @Test
    void aTinyHeapStillGetsAWorkableCap() {
        assertThat(PendingCaps.forHeap(16 * MIB)).isEqualTo(new PendingCaps(1_677, 6_863, 4 * MIB));
        assertThat(PendingCaps.forHeap(MIB)).isEqualTo(new PendingCaps(1_000, 1_000, MIB / 4));
    }
}
