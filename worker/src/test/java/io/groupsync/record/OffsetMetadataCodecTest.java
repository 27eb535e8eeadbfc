package io.groupsync.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.BitSet;
import java.util.Random;
import org.junit.jupiter.api.Test;

class OffsetMetadataCodecTest {

    private final OffsetMetadataCodec codec = new OffsetMetadataCodec(4000);

    @Test
    void aRandomMapAsWideAsTheBudgetAllowsRoundTripsWithinTheBudget() {
        int span = codec.maxSpan();
        BitSet unfinished = new BitSet();
        Random random = new Random(1);
        unfinished.set(0);
        for (int i = 1; i < span; i++) {
            if (random.nextBoolean()) {
                unfinished.set(i);
            }
        }
        String metadata = codec.encode(unfinished, span);
        assertThat(metadata.length()).isLessThanOrEqualTo(4000);
        OffsetMetadataCodec.Decoded decoded = codec.decode(metadata);
        assertThat(decoded.span()).isEqualTo(span);
        for (int i = 0; i < span; i++) {
            assertThat(decoded.isFinished(i)).as("offset +%d", i).isEqualTo(!unfinished.get(i));
        }
        assertThat(decoded.isFinished(span)).as("past the span nothing is known finished").isFalse();
    }

    @Test
    void aSparseMapIsCompressed() {
        BitSet unfinished = new BitSet();
        unfinished.set(0);
        unfinished.set(10_000);
        String metadata = codec.encode(unfinished, 20_000);
        assertThat(metadata).startsWith("gs1z:20000:");
        assertThat(metadata.length()).isLessThan(100);
        assertThat(codec.decode(metadata).isFinished(5_000)).isTrue();
        assertThat(codec.decode(metadata).isFinished(10_000)).isFalse();
    }

    @Test
    void emptyOrForeignMetadataRemembersNothing() {
        assertThat(codec.encode(new BitSet(), 0)).isEmpty();
        assertThat(codec.decode("").span()).isZero();
        assertThat(codec.decode(null).span()).isZero();
        assertThat(codec.decode("written by another tool").span()).isZero();
    }

    @Test
    void corruptMetadataOfOurFormIsRefusedRatherThanGuessed() {
        assertThatThrownBy(() -> codec.decode("gs1z:100:!!!notbase64")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aSpanWiderThanTheBudgetIsRefused() {
        assertThatThrownBy(() -> codec.encode(new BitSet(), codec.maxSpan() + 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
