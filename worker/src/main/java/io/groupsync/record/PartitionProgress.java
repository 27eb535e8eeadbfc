package io.groupsync.record;

import java.util.BitSet;
import org.apache.kafka.common.TopicPartition;

/**
 * Which records of one partition are finished. The committed offset is the lowest unfinished one; the records
 * finished above it travel in the commit's metadata ({@link OffsetMetadataCodec}), and are restored from it after
 * a restart or a rebalance so they are skipped, not redone. Owned by the pipeline thread.
 */
final class PartitionProgress {

    /** Compact the bit set once this many finished offsets have piled up below the first unfinished one. */
    private static final int COMPACT_AFTER = 1 << 16;

    private final TopicPartition partition;
    private final OffsetMetadataCodec codec;
    private long origin;
    private BitSet open = new BitSet();
    private long position;
    private final long restoredEnd;
    private long lastSeen;

    /** Starts from the last commit: {@code committed} and what its metadata remembered. */
    PartitionProgress(TopicPartition partition, long committed, OffsetMetadataCodec.Decoded restored,
                      OffsetMetadataCodec codec) {
        this.partition = partition;
        this.codec = codec;
        this.origin = committed;
        this.position = committed;
        this.lastSeen = committed - 1;
        this.restoredEnd = committed + restored.span();
        for (int i = 0; i < restored.span(); i++) {
            if (!restored.isFinished(i)) {
                open.set(i);
            }
        }
    }

    TopicPartition partition() {
        return partition;
    }

    /**
     * A record was consumed. False when a previous owner already finished it (its outcome is committed): skip it.
     */
    boolean arrived(long offset) {
        if (offset < origin) {
            return false;
        }
        // Restored unfinished offsets the consumer skipped over are gone (deleted by retention): stop waiting.
        long gapEnd = Math.min(offset, restoredEnd);
        if (lastSeen + 1 < gapEnd) {
            open.clear(relative(Math.max(lastSeen + 1, origin)), relative(gapEnd));
        }
        lastSeen = offset;
        position = Math.max(position, offset + 1);
        if (offset < restoredEnd) {
            return open.get(relative(offset));
        }
        open.set(relative(offset));
        return true;
    }

    /** The record's outcomes are in the open transaction. */
    void finished(long offset) {
        open.clear(relative(offset));
        int firstOpen = open.nextSetBit(0);
        int finishedBelow = firstOpen < 0 ? open.length() : firstOpen;
        if (finishedBelow >= COMPACT_AFTER) {
            open = open.get(finishedBelow, Math.max(finishedBelow, open.length()));
            origin += finishedBelow;
        }
    }

    /** The offset to commit: the lowest unfinished one, or the end of what is known when all are finished. */
    long committable() {
        int first = open.nextSetBit(0);
        return first < 0 ? Math.max(origin, end()) : origin + first;
    }

    /** The commit metadata for {@link #committable()}. */
    String metadata() {
        long base = committable();
        int span = (int) Math.min(end() - base, codec.maxSpan());
        if (span <= 0) {
            return "";
        }
        int from = relative(base);
        return codec.encode(open.get(from, from + span), span);
    }

    /**
     * Whether a finished record's outcomes may go out now: only within the span the metadata can describe, so
     * the commit never has to forget a finished record. Records past it wait until the committed offset moves.
     */
    boolean withinSpan(long offset) {
        return offset - committable() < codec.maxSpan();
    }

    private long end() {
        return Math.max(position, restoredEnd);
    }

    private int relative(long offset) {
        return Math.toIntExact(offset - origin);
    }
}
