package io.groupsync.record;

import io.groupsync.model.SourceRecord;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The outcome state of one assigned partition: its records waiting for outcomes, the order they may finish in, which
 * are finished ({@link PartitionProgress}), and what to commit. A finished record's outputs go out when it may go:
 * after the earlier records of its group and target ({@link KeyOrder}), and only within the span the commit metadata
 * can describe, so a commit never forgets a finished record. Owned by the pipeline thread.
 */
final class PartitionOutcomes {

    private final TopicPartition partition;
    private final OffsetMetadataCodec codec;
    /** Null until the first record when the partition has no commit: it starts wherever the reset policy put it. */
    private PartitionProgress progress;
    /** Where a record's outputs go when it may go: the open transaction. */
    private final Consumer<PendingRecord> output;
    private final Map<Long, PendingRecord> pending = new HashMap<>();
    private final KeyOrder<PendingRecord.EditKey, PendingRecord> order = new KeyOrder<>();
    /**
     * Finished, but past what the commit metadata can describe: they wait for the committed offset. A hash map
     * scanned upwards from {@link #heldFrom}, not a sorted map: a slow key can hold tens of thousands here, and
     * a tree's insertions took 17 % of the pipeline thread in the throughput bench.
     */
    private final Map<Long, PendingRecord> held = new HashMap<>();
    /** No offset below this is held. */
    private long heldFrom;
    /** Made once: a method reference per finished record would be an allocation per record. */
    private final Consumer<PendingRecord> finish = this::finish;

    /**
     * Starts from the partition's last commit, if it has one, and what that commit remembered.
     *
     * @param output takes each finished record when its outputs may go out, in the order they are to be written
     */
    PartitionOutcomes(TopicPartition partition, OffsetAndMetadata committed, OffsetMetadataCodec codec,
                      Consumer<PendingRecord> output) {
        this.partition = partition;
        this.codec = codec;
        this.output = output;
        long offset = committed == null ? -1 : committed.offset();
        OffsetMetadataCodec.Decoded restored = codec.decode(committed == null ? null : committed.metadata());
        this.progress = offset < 0 ? null : new PartitionProgress(partition, offset, restored, codec);
    }

    /**
     * A record was consumed: it waits for its outcomes. Null when it was finished before a restart or rebalance.
     *
     * @param key null for a record that changes no vendor, which waits for no other
     */
    PendingRecord arrived(SourceRecord source, int expectedOutcomes, PendingRecord.EditKey key) {
        if (progress == null) {
            progress = new PartitionProgress(partition, source.offset(), codec.decode(null), codec);
        }
        if (!progress.arrived(source.offset())) {
            return null;
        }
        PendingRecord record = new PendingRecord(source, key, expectedOutcomes);
        pending.put(source.offset(), record);
        if (key != null) {
            order.join(key, record);
        }
        return record;
    }

    /** The record at this offset waiting for outcomes, or null. */
    PendingRecord pending(long offset) {
        return pending.get(offset);
    }

    /** A record has all its outcomes: it and the records it held up are emitted as far as they may go now. */
    void completed(PendingRecord record) {
        if (record.key() == null) {
            finish(record);
        } else {
            order.release(record.key(), PendingRecord::complete, finish);
        }
    }

    /** The offset to commit, the lowest unfinished one with the finished above it; null before any progress. */
    OffsetAndMetadata offsetToCommit() {
        return progress == null ? null : new OffsetAndMetadata(progress.committable(), progress.metadata());
    }

    /** Every record not yet emitted, for when the partition is forgotten. */
    void forEachUnfinished(Consumer<PendingRecord> action) {
        pending.values().forEach(action);
        held.values().forEach(action);
    }

    private void finish(PendingRecord record) {
        long finished = record.source().offset();
        pending.remove(finished);
        if (!progress.withinSpan(finished)) {
            heldFrom = held.isEmpty() ? finished : Math.min(heldFrom, finished);
            held.put(finished, record);
            return;
        }
        emit(record);
        // The committed offset may have moved: records that waited past the span may now go, in offset order. Held
        // offsets only ever lie at or above the span's end when they were held, which only moves up, so each offset
        // is looked at once.
        long offset = heldFrom;
        while (!held.isEmpty() && progress.withinSpan(offset)) {
            PendingRecord waiting = held.remove(offset);
            if (waiting != null) {
                emit(waiting);
            }
            offset++;
        }
        heldFrom = offset;
    }

    private void emit(PendingRecord record) {
        output.accept(record);
        progress.finished(record.source().offset());
    }
}
