package io.groupsync.record;

import io.groupsync.model.SourceRecord;
import io.groupsync.model.Target;
import java.util.ArrayList;
import java.util.List;

/** A consumed record waiting for its outcomes, one per route it goes to, with the outputs they have written. */
final class PendingRecord {

    /** The group and target an edit changes at every vendor: what a record's place in line is kept by. */
    record EditKey(String groupId, Target target) {
    }

    private final SourceRecord source;
    private final EditKey key;
    /** Counted once, as it arrives: the same figure is taken off when it leaves, whatever happens meanwhile. */
    private final long bytes;
    private int outcomesLeft;
    private final List<OutputRecord> outputs = new ArrayList<>(2);

    /** @param key null for a record that changes no vendor, which waits for no other */
    PendingRecord(SourceRecord source, EditKey key, int outcomesLeft) {
        this.source = source;
        this.key = key;
        this.bytes = source.approximateBytes();
        this.outcomesLeft = outcomesLeft;
    }

    /** What the pipeline holds for it, by {@link SourceRecord#approximateBytes()} when it arrived. */
    long bytes() {
        return bytes;
    }

    SourceRecord source() {
        return source;
    }

    EditKey key() {
        return key;
    }

    /** An output that is not a route's outcome: the dead letter that goes before a result, say. */
    void add(OutputRecord output) {
        outputs.add(output);
    }

    /** A route's outcome. */
    void outcome(OutputRecord output) {
        outputs.add(output);
        outcomesLeft--;
    }

    /** Every route has given its outcome. */
    boolean complete() {
        return outcomesLeft <= 0;
    }

    /** What the record writes, in the order its outcomes came. */
    List<OutputRecord> outputs() {
        return outputs;
    }
}
