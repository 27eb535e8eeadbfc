package io.groupsync.record;

import io.groupsync.dispatch.DispatchInfo;
import io.groupsync.dispatch.OutcomeSink;
import io.groupsync.event.DeadLetterReason;
import io.groupsync.event.Vendor;
import io.groupsync.imapi.VendorCall;
import io.groupsync.model.CoveredEvent;
import io.groupsync.model.FieldFates;
import io.groupsync.model.PendingKey;
import io.groupsync.model.SentPatch;
import io.groupsync.model.SourceRecord;
import io.groupsync.model.Target;
import io.groupsync.time.Clock;
import io.groupsync.versions.AppliedVersions;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Gathers the outcomes of each consumed record, one per route it goes to, and once a record has all of them
 * hands its result and dead-letter records to the transaction together and marks it finished. A record's
 * outcomes go out together, never some before a crash and the rest after it, so a restart never writes one twice.
 * The records an outcome writes are {@link OutcomeWriter}'s; each partition's state and the order its records
 * finish in, {@link PartitionOutcomes}'. This class keeps the partitions and the memory their records hold. Owned
 * by the pipeline thread.
 */
public final class OutcomeTracker implements OutcomeSink {

    /** The topics outcomes go to: results, dead letters, and the versions applied. */
    public record Topics(String results, String deadLetters, String versions) {
    }

    private final Map<TopicPartition, PartitionOutcomes> partitions = new HashMap<>();
    private final OutcomeWriter writer;
    private final OffsetMetadataCodec codec;
    private final Consumer<OutputRecord> transaction;
    private long outstandingBytes;
    private int outstandingRecords;
    /**
     * Bytes of finished records handed to the open transaction, and to the one being committed: their outputs (a
     * dead letter holds the whole original) stay in the heap, queued for the producer or in its buffers, until then.
     */
    private long openBytes;
    private long committingBytes;

    /**
     * @param maxRecordBytes the producer's max.request.size, which no dead letter may exceed
     * @param transaction    where finished records' outputs go: the open Kafka transaction
     * @param outcomes       told of each outcome as it is decided
     * @param originals      where a dead letter reads back a value let go at intake
     */
    public OutcomeTracker(Topics topics, AppliedVersions versions, String consumerGroup,
                          Map<String, Vendor> routeVendors, int metadataMaxChars, int maxRecordBytes, Clock clock,
                          Consumer<OutputRecord> transaction, OutcomeListener outcomes, OriginalValues originals) {
        this(topics, versions, consumerGroup, routeVendors, metadataMaxChars, maxRecordBytes, clock, transaction,
                outcomes, originals, OutputFormats.SINGLE_OBJECT);
    }

    /** @param formats how results and dead-letter metadata are framed */
    public OutcomeTracker(Topics topics, AppliedVersions versions, String consumerGroup,
                          Map<String, Vendor> routeVendors, int metadataMaxChars, int maxRecordBytes, Clock clock,
                          Consumer<OutputRecord> transaction, OutcomeListener outcomes, OriginalValues originals,
                          OutputFormats formats) {
        this.writer = new OutcomeWriter(new Outputs(topics.results(), topics.deadLetters(), topics.versions(),
                consumerGroup, maxRecordBytes, originals, formats), versions, routeVendors, clock, this::write,
                outcomes);
        this.codec = new OffsetMetadataCodec(metadataMaxChars);
        this.transaction = transaction;
    }

    /** A partition was assigned: start from its last commit and what that commit remembered. */
    public void assigned(TopicPartition partition, OffsetAndMetadata committed) {
        partitions.put(partition, new PartitionOutcomes(partition, committed, codec, this::emit));
    }

    /** Forgets revoked or lost partitions, and whatever of theirs was not yet finished. */
    public void forget(Collection<TopicPartition> gone) {
        for (TopicPartition partition : gone) {
            PartitionOutcomes state = partitions.remove(partition);
            if (state != null) {
                state.forEachUnfinished(this::release);
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
        return arrived(source, expectedOutcomes, new PendingRecord.EditKey(groupId, target));
    }

    private boolean arrived(SourceRecord source, int expectedOutcomes, PendingRecord.EditKey key) {
        TopicPartition partition = new TopicPartition(source.topic(), source.partition());
        PartitionOutcomes state = partitions.get(partition);
        if (state == null) {
            throw new IllegalStateException("record of unassigned partition " + partition);
        }
        PendingRecord record = state.arrived(source, expectedOutcomes, key);
        if (record == null) {
            return false;
        }
        outstandingRecords++;
        outstandingBytes += record.bytes();
        return true;
    }

    /**
     * A dead letter without a result: a record that cannot be decoded or is invalid for every route, or an event
     * naming a route this worker does not have ({@code route} then names it, and the dead letter is that route's
     * outcome, so an event naming two is not finished by the first).
     */
    public void deadLetter(SourceRecord source, DeadLetterReason reason, String message, String exceptionClass,
                           String eventId, String route) {
        writer.deadLetter(source, reason, message, exceptionClass, eventId, route);
    }

    /**
     * An event a route cannot take as it is: rejected before merging, and dead-lettered for that route, or one
     * refused at intake, whose one dead letter (written before, naming no route) each route's result points at.
     */
    public void rejected(String route, String groupId, Target target, CoveredEvent event, String reason,
                         boolean ownDeadLetter) {
        writer.rejected(route, groupId, target, event, reason, ownDeadLetter);
    }

    /** An event of which the route's vendor offers none of the fields: nothing to send, all reported skipped. */
    public void nothingToSend(String route, String groupId, Target target, CoveredEvent event) {
        writer.nothingToSend(route, groupId, target, event);
    }

    /** An event of which every value is older than one applied or on its way: nothing to send, all stale. */
    public void stale(PendingKey key, CoveredEvent event, FieldFates stale) {
        writer.stale(key, event, stale);
    }

    @Override
    public void applied(PendingKey key, List<CoveredEvent> events, SentPatch sent, DispatchInfo info) {
        writer.applied(key, events, sent, info);
    }

    @Override
    public void failed(PendingKey key, List<CoveredEvent> events, VendorCall call, DeadLetterReason reason,
                       DispatchInfo info) {
        writer.failed(key, events, call, reason, info);
    }

    /** What to commit for each partition that has progress: the lowest unfinished offset and the finished above. */
    public Map<TopicPartition, OffsetAndMetadata> offsetsToCommit() {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        partitions.forEach((partition, state) -> {
            OffsetAndMetadata offset = state.offsetToCommit();
            if (offset != null) {
                offsets.put(partition, offset);
            }
        });
        return offsets;
    }

    /** Consumed records whose outcomes are not yet in a transaction: the memory the pipeline holds for them. */
    public int outstandingRecords() {
        return outstandingRecords;
    }

    /** What the pending records hold, with the finished ones not yet committed: the bytes intake is paused at. */
    public long outstandingBytes() {
        return outstandingBytes + openBytes + committingBytes;
    }

    /** The open transaction is being committed; what finishes from now on goes into the next one. */
    public void commitStarted() {
        committingBytes += openBytes;
        openBytes = 0;
    }

    /** The commit ended, either way: what it held is written, or dropped to be redone. */
    public void commitEnded() {
        committingBytes = 0;
    }

    /**
     * The open transaction was aborted or its producer replaced: its outputs are gone, and their records, read again,
     * are counted again as they arrive. Left counted, they would keep intake paused at the byte cap for good.
     */
    public void transactionDropped() {
        openBytes = 0;
        committingBytes = 0;
    }

    /** An output of a pending record's; once the record has all its outcomes it finishes, as far as it may now. */
    private void write(SourceRecord source, OutputRecord output, boolean outcome) {
        PartitionOutcomes state = partitions.get(new TopicPartition(source.topic(), source.partition()));
        PendingRecord record = state == null ? null : state.pending(source.offset());
        if (record == null) {
            throw new IllegalStateException("no pending record at " + source.topic() + "-" + source.partition()
                    + "@" + source.offset());
        }
        if (outcome) {
            record.outcome(output);
        } else {
            record.add(output);
        }
        if (record.complete()) {
            state.completed(record);
        }
    }

    private void emit(PendingRecord record) {
        record.outputs().forEach(transaction);
        release(record);
        openBytes += record.bytes();
    }

    private void release(PendingRecord record) {
        outstandingRecords--;
        outstandingBytes -= record.bytes();
    }
}
