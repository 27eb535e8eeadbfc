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
    /**
     * The lowest set bit of {@code open}, or -1: kept as bits change, because every finished record asks for it and
     * a scan from zero crosses up to {@link #COMPACT_AFTER} finished bits (15 % of the pipeline thread in the
     * throughput bench).
     */
    private int firstOpen;
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
        firstOpen = open.nextSetBit(0);
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
            firstOpen = open.nextSetBit(Math.max(firstOpen, 0));
        }
        lastSeen = offset;
        position = Math.max(position, offset + 1);
        if (offset < restoredEnd) {
            return open.get(relative(offset));
        }
        int index = relative(offset);
        open.set(index);
        if (firstOpen < 0 || index < firstOpen) {
            firstOpen = index;
        }
        return true;
    }

    /** The record's outcomes are in the open transaction. */
    void finished(long offset) {
        int index = relative(offset);
        open.clear(index);
        if (index == firstOpen) {
            firstOpen = open.nextSetBit(index + 1);
        }
        if (firstOpen >= COMPACT_AFTER) {
            open = open.get(firstOpen, open.length());
            origin += firstOpen;
            firstOpen = 0;
        }
    }

    /** The offset to commit: the lowest unfinished one, or the end of what is known when all are finished. */
    long committable() {
        return firstOpen < 0 ? Math.max(origin, end()) : origin + firstOpen;
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
