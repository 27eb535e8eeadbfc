package io.groupsync.record;

import io.groupsync.model.CoveredEvent;
import io.groupsync.dispatch.DispatchInfo;
import io.groupsync.dispatch.OutcomeSink;
import io.groupsync.event.DeadLetter;
import io.groupsync.event.DeadLetterReason;
import io.groupsync.event.SyncStatus;
import io.groupsync.event.Vendor;
import io.groupsync.model.PendingKey;
import io.groupsync.model.SourceRecord;
import io.groupsync.model.Target;
import io.groupsync.time.Clock;
import io.groupsync.imapi.VendorCall;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Gathers the outcomes of each consumed record, one per route it goes to, and once a record has all of them
 * hands its result and dead-letter records to the transaction together and marks it finished. A record's
 * outcomes go out together, never some before a crash and the rest after it, so a restart never writes one twice.
 * Owned by the pipeline thread.
 */
public final class OutcomeTracker implements OutcomeSink {

    /** The group and target an edit changes at every vendor: what a record's place in line is kept by. */
    private record EditKey(String groupId, Target target) {
    }

    private static final class PendingRecord {
        final SourceRecord source;
        final EditKey key;
        int outcomesLeft;
        final List<OutputRecord> outputs = new ArrayList<>(2);

        PendingRecord(SourceRecord source, EditKey key, int outcomesLeft) {
            this.source = source;
            this.key = key;
            this.outcomesLeft = outcomesLeft;
        }
    }

    private static final class PartitionState {
        final PartitionProgress progress;
        final Map<Long, PendingRecord> pending = new HashMap<>();
        /** Per edit key, its records not yet finished, in offset order: a record finishes only at the head. */
        final Map<EditKey, ArrayDeque<Long>> lines = new HashMap<>();
        /**
         * Finished, but past what the commit metadata can describe: they wait for the committed offset. A hash map
         * scanned upwards from {@link #heldFrom}, not a sorted map: a slow key can hold tens of thousands here, and
         * a tree's insertions took 17 % of the pipeline thread in the throughput bench.
         */
        final Map<Long, PendingRecord> held = new HashMap<>();
        /** No offset below this is held. */
        long heldFrom;

        PartitionState(PartitionProgress progress) {
            this.progress = progress;
        }
    }

    private final Map<TopicPartition, PartitionState> partitions = new HashMap<>();
    private final Outputs outputs;
    private final Map<String, Vendor> routeVendors;
    private final OffsetMetadataCodec codec;
    private final Clock clock;
    private final Consumer<OutputRecord> transaction;
    private long outstandingBytes;
    private int outstandingRecords;

    /**
     * @param maxRecordBytes the producer's max.request.size, which no dead letter may exceed
     * @param transaction    where finished records' outputs go: the open Kafka transaction
     */
    public OutcomeTracker(String resultTopic, String deadLetterTopic, String consumerGroup,
                          Map<String, Vendor> routeVendors, int metadataMaxChars, int maxRecordBytes, Clock clock,
                          Consumer<OutputRecord> transaction) {
        this.outputs = new Outputs(resultTopic, deadLetterTopic, consumerGroup, maxRecordBytes);
        this.routeVendors = Map.copyOf(routeVendors);
        this.codec = new OffsetMetadataCodec(metadataMaxChars);
        this.clock = clock;
        this.transaction = transaction;
    }

    /** A partition was assigned: start from its last commit and what that commit remembered. */
    public void assigned(TopicPartition partition, OffsetAndMetadata committed) {
        long offset = committed == null ? -1 : committed.offset();
        OffsetMetadataCodec.Decoded restored = committed == null ? codec.decode(null) : codec.decode(committed.metadata());
        partitions.put(partition, new PartitionState(offset < 0 ? null : new PartitionProgress(partition, offset, restored, codec)));
    }

    /** Forgets revoked or lost partitions, and whatever of theirs was not yet finished. */
    public void forget(Collection<TopicPartition> gone) {
        for (TopicPartition partition : gone) {
            PartitionState state = partitions.remove(partition);
            if (state != null) {
                state.pending.values().forEach(this::release);
                state.held.values().forEach(this::release);
            }
        }
    }

    /**
     * A record that changes no vendor (it cannot be decoded or goes to no known route) was consumed. False when it was
     * finished before a restart or rebalance: skip it.
     */
    public boolean arrived(SourceRecord source, int expectedOutcomes) {
        return arrived(source, expectedOutcomes, null);
    }

    /**
     * A record with an edit of {@code target} of {@code groupId} was consumed. It finishes only after every earlier
     * record of the same group and target in its partition: one route may give it its outcome at once (nothing to
     * send, rejected) while an earlier edit still waits on that route, and a restart redoes every unfinished record
     * above the commit on every route while it skips the finished ones; had the later one finished first, the earlier
     * edit would be sent again over it. False when it was finished before a restart or rebalance: skip it.
     */
    public boolean arrived(SourceRecord source, int expectedOutcomes, String groupId, Target target) {
        return arrived(source, expectedOutcomes, new EditKey(groupId, target));
    }

    private boolean arrived(SourceRecord source, int expectedOutcomes, EditKey key) {
        TopicPartition partition = new TopicPartition(source.topic(), source.partition());
        PartitionState state = partitions.get(partition);
        if (state == null) {
            throw new IllegalStateException("record of unassigned partition " + partition);
        }
        if (state.progress == null) {
            // No commit yet for this partition: it starts wherever the consumer's reset policy put it.
            state = new PartitionState(new PartitionProgress(partition, source.offset(), codec.decode(null), codec));
            partitions.put(partition, state);
        }
        if (!state.progress.arrived(source.offset())) {
            return false;
        }
        state.pending.put(source.offset(), new PendingRecord(source, key, expectedOutcomes));
        if (key != null) {
            state.lines.computeIfAbsent(key, k -> new ArrayDeque<>()).addLast(source.offset());
        }
        outstandingRecords++;
        outstandingBytes += source.approximateBytes();
        return true;
    }

    /**
     * A dead letter without a result: a record that cannot be decoded or is invalid for every route, or an event
     * naming a route this worker does not have ({@code route} then names it, and the dead letter is that route's
     * outcome, so an event naming two is not finished by the first).
     */
    public void deadLetter(SourceRecord source, DeadLetterReason reason, String message, String exceptionClass,
                           String eventId, String route) {
        DeadLetter detail = Results.deadLetter(reason, message, eventId, route, null, null, null,
                clock.currentTimeMillis());
        PendingRecord record = pending(source);
        record.outputs.add(OutputRecord.of(outputs.deadLetter(source, detail, exceptionClass)));
        if (route != null) {
            record.outcomesLeft--;
        }
        finishIfComplete(source, record);
    }

    /** An event a route cannot take as it is: rejected before merging, and dead-lettered for that route. */
    public void rejected(String route, String groupId, Target target, CoveredEvent event, String reason) {
        Results.Subject subject = subject(route, groupId, target, event);
        long now = clock.currentTimeMillis();
        PendingRecord record = pending(event.source());
        record.outputs.add(OutputRecord.of(outputs.deadLetter(event.source(),
                Results.deadLetter(subject, DeadLetterReason.REJECTED, reason, null, null, now),
                IllegalArgumentException.class.getName())));
        outcome(record, outputs.result(subject, SyncStatus.REJECTED, null, reason, now));
    }

    /** An event of which the route's vendor offers none of the fields: nothing to send, all reported skipped. */
    public void nothingToSend(String route, String groupId, Target target, CoveredEvent event) {
        outcome(pending(event.source()), outputs.result(subject(route, groupId, target, event),
                SyncStatus.PARTLY_APPLIED, null, "the vendor offers none of the fields", clock.currentTimeMillis()));
    }

    @Override
    public void applied(PendingKey key, List<CoveredEvent> events, Set<CoveredEvent> superseded,
                        DispatchInfo info) {
        long now = clock.currentTimeMillis();
        for (CoveredEvent event : events) {
            SyncStatus status = superseded.contains(event) ? SyncStatus.STALE
                    : event.skipped().isEmpty() ? SyncStatus.APPLIED : SyncStatus.PARTLY_APPLIED;
            Results.Subject subject = subject(key.route(), key.groupId(), key.target(), event);
            outcome(pending(event.source()), outputs.result(subject, status, info, info.result().message(), now));
        }
    }

    @Override
    public void failed(PendingKey key, List<CoveredEvent> events, VendorCall call, DeadLetterReason reason,
                       DispatchInfo info) {
        long now = clock.currentTimeMillis();
        String message = reason + ": " + info.result().message();
        String exceptionClass = info.result().failure() != null ? info.result().failure()
                : "io.groupsync.imapi." + info.result().outcome();
        for (CoveredEvent event : events) {
            Results.Subject subject = subject(key.route(), key.groupId(), key.target(), event);
            PendingRecord record = pending(event.source());
            record.outputs.add(OutputRecord.of(outputs.deadLetter(event.source(),
                    Results.deadLetter(subject, reason, message, info, call.redacted(), now), exceptionClass)));
            outcome(record, outputs.result(subject, SyncStatus.FAILED, info, message, now));
        }
    }

    /** What to commit for each partition that has progress: the lowest unfinished offset and the finished above. */
    public Map<TopicPartition, OffsetAndMetadata> offsetsToCommit() {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        partitions.forEach((partition, state) -> {
            if (state.progress != null) {
                offsets.put(partition, new OffsetAndMetadata(state.progress.committable(), state.progress.metadata()));
            }
        });
        return offsets;
    }

    /** Consumed records whose outcomes are not yet in a transaction: the memory the pipeline holds for them. */
    public int outstandingRecords() {
        return outstandingRecords;
    }

    public long outstandingBytes() {
        return outstandingBytes;
    }

    private Results.Subject subject(String route, String groupId, Target target, CoveredEvent event) {
        return new Results.Subject(route, routeVendors.get(route), groupId, target.memberId(), event);
    }

    private PendingRecord pending(SourceRecord source) {
        PartitionState state = partitions.get(new TopicPartition(source.topic(), source.partition()));
        PendingRecord record = state == null ? null : state.pending.get(source.offset());
        if (record == null) {
            throw new IllegalStateException("no pending record at " + source.topic() + "-" + source.partition()
                    + "@" + source.offset());
        }
        return record;
    }

    private void outcome(PendingRecord record, OutputRecord result) {
        record.outputs.add(result);
        record.outcomesLeft--;
        finishIfComplete(record.source, record);
    }

    private void finishIfComplete(SourceRecord source, PendingRecord record) {
        if (record.outcomesLeft > 0) {
            return;
        }
        PartitionState state = partitions.get(new TopicPartition(source.topic(), source.partition()));
        if (record.key == null) {
            finish(state, record);
            return;
        }
        ArrayDeque<Long> line = state.lines.get(record.key);
        // Behind an earlier record of its key it waits, complete; at the head it goes, with the complete ones behind.
        while (!line.isEmpty() && state.pending.get(line.peekFirst()).outcomesLeft == 0) {
            finish(state, state.pending.get(line.pollFirst()));
        }
        if (line.isEmpty()) {
            state.lines.remove(record.key);
        }
    }

    private void finish(PartitionState state, PendingRecord record) {
        SourceRecord source = record.source;
        state.pending.remove(source.offset());
        if (!state.progress.withinSpan(source.offset())) {
            state.heldFrom = state.held.isEmpty() ? source.offset() : Math.min(state.heldFrom, source.offset());
            state.held.put(source.offset(), record);
            return;
        }
        emit(state, record);
        // The committed offset may have moved: records that waited past the span may now go, in offset order. Held
        // offsets only ever lie at or above the span's end when they were held, which only moves up, so each offset
        // is looked at once.
        long offset = state.heldFrom;
        while (!state.held.isEmpty() && state.progress.withinSpan(offset)) {
            PendingRecord waiting = state.held.remove(offset);
            if (waiting != null) {
                emit(state, waiting);
            }
            offset++;
        }
        state.heldFrom = offset;
    }

    private void emit(PartitionState state, PendingRecord record) {
        record.outputs.forEach(transaction);
        state.progress.finished(record.source.offset());
        release(record);
    }

    private void release(PendingRecord record) {
        outstandingRecords--;
        outstandingBytes -= record.source.approximateBytes();
    }
}
