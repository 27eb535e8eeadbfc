package io.groupsync.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class PartitionProgressTest {

    private static final TopicPartition TP = new TopicPartition("in", 0);
    private final OffsetMetadataCodec codec = new OffsetMetadataCodec(4000);

    @Test
    void theCommittableOffsetIsTheLowestUnfinishedOne() {
        PartitionProgress progress = fresh(100);
        for (long o = 100; o < 110; o++) {
            assertThat(progress.arrived(o)).isTrue();
        }
        progress.finished(100);
        progress.finished(103);
        progress.finished(104);
        assertThat(progress.committable()).isEqualTo(101);
        progress.finished(101);
        progress.finished(102);
        assertThat(progress.committable()).isEqualTo(105);
        for (long o = 105; o < 110; o++) {
            progress.finished(o);
        }
        assertThat(progress.committable()).isEqualTo(110);
        assertThat(progress.metadata()).isEmpty();
    }

    @Test
    void gapsLeftByTransactionMarkersDoNotHoldTheOffsetBack() {
        PartitionProgress progress = fresh(0);
        progress.arrived(0);
        progress.arrived(2);
        progress.arrived(5);
        progress.finished(0);
        progress.finished(2);
        assertThat(progress.committable()).isEqualTo(5);
        progress.finished(5);
        assertThat(progress.committable()).isEqualTo(6);
    }

    @Test
    void recordsFinishedAboveTheCommitAreSkippedAfterARestartAndTheOthersRedone() {
        PartitionProgress before = fresh(0);
        for (long o = 0; o < 10; o++) {
            before.arrived(o);
        }
        for (long o : new long[] {1, 2, 5, 9}) {
            before.finished(o);
        }
        long committed = before.committable();
        String metadata = before.metadata();
        assertThat(committed).isZero();

        PartitionProgress after = new PartitionProgress(TP, committed, codec.decode(metadata), codec);
        StringBuilder redone = new StringBuilder();
        for (long o = 0; o < 12; o++) {
            if (after.arrived(o)) {
                redone.append(o).append(' ');
            }
        }
        assertThat(redone.toString().trim()).isEqualTo("0 3 4 6 7 8 10 11");
    }

    @Test
    void whatARestartRemembersSurvivesTheNextCommitBeforeItIsReadAgain() {
        PartitionProgress first = fresh(0);
        for (long o = 0; o < 6; o++) {
            first.arrived(o);
        }
        first.finished(4);
        first.finished(5);
        PartitionProgress second = new PartitionProgress(TP, first.committable(), codec.decode(first.metadata()), codec);
        second.arrived(0);
        second.finished(0);
        // Offsets 4 and 5 have not been read again yet; the next commit must still say they are finished.
        PartitionProgress third = new PartitionProgress(TP, second.committable(), codec.decode(second.metadata()), codec);
        assertThat(third.committable()).isEqualTo(1);
        assertThat(third.arrived(1)).isTrue();
        assertThat(third.arrived(4)).isFalse();
        assertThat(third.arrived(5)).isFalse();
        assertThat(third.arrived(6)).isTrue();
    }

    @Test
    void restoredUnfinishedOffsetsThatNeverComeBackStopHoldingTheCommit() {
        PartitionProgress first = fresh(0);
        for (long o = 0; o < 4; o++) {
            first.arrived(o);
        }
        first.finished(3);
        PartitionProgress second = new PartitionProgress(TP, 0, codec.decode(first.metadata()), codec);
        // Retention deleted 0..2: the consumer's first record is offset 3, which is finished, then 4.
        assertThat(second.arrived(3)).isFalse();
        assertThat(second.arrived(4)).isTrue();
        assertThat(second.committable()).isEqualTo(4);
    }

    @Test
    void onlyRecordsWithinTheDescribableSpanMayGoOut() {
        PartitionProgress progress = fresh(0);
        progress.arrived(0);
        assertThat(progress.withinSpan(codec.maxSpan() - 1)).isTrue();
        assertThat(progress.withinSpan(codec.maxSpan())).isFalse();
    }

    @Test
    void compactionKeepsOffsetsRight() {
        PartitionProgress progress = fresh(0);
        int n = 200_000;
        for (long o = 0; o < n; o++) {
            progress.arrived(o);
            if (o > 0) {
                progress.finished(o - 1);
            }
        }
        assertThat(progress.committable()).isEqualTo(n - 1);
        progress.finished(n - 1);
        assertThat(progress.committable()).isEqualTo(n);
    }

    @Test
    void theCommittableOffsetMatchesTheLowestUnfinishedOneOverLongRandomRunsWithCompactions() {
        for (long seed = 1; seed <= 3; seed++) {
            Random random = new Random(seed);
            PartitionProgress progress = fresh(1_000);
            TreeSet<Long> open = new TreeSet<>();
            List<Long> recent = new ArrayList<>();
            long next = 1_000;
            for (int step = 0; step < 400_000; step++) {
                if (open.isEmpty() || random.nextInt(100) < 52) {
                    next += random.nextInt(100) < 5 ? 1 + random.nextInt(3) : 0; // transaction markers leave gaps
                    assertThat(progress.arrived(next)).isTrue();
                    open.add(next);
                    recent.add(next);
                    next++;
                } else {
                    // Recent records finish out of order and the oldest catches up: the lowest unfinished offset
                    // moves in jumps, past 2^16 finished offsets now and then, which compacts the bit set.
                    long done = random.nextInt(10) < 3 || recent.isEmpty() ? open.first()
                            : recent.remove(recent.size() - 1 - random.nextInt(Math.min(recent.size(), 50)));
                    if (open.remove(done)) {
                        progress.finished(done);
                    }
                }
                long expected = open.isEmpty() ? next : open.first();
                if (progress.committable() != expected) {
                    throw new AssertionError("seed " + seed + ", step " + step + ": committable "
                            + progress.committable() + ", lowest unfinished " + expected);
                }
            }
            assertThat(next).as("the run crossed several compactions").isGreaterThan(1_000 + 3L * (1 << 16));
        }
    }

    private PartitionProgress fresh(long committed) {
        return new PartitionProgress(TP, committed, codec.decode(""), codec);
    }
}
