package io.groupsync.jmh;

import io.groupsync.event.GroupChange;
import io.groupsync.intake.Decoded;
import io.groupsync.intake.EventDecoder;
import io.groupsync.model.Edit;
import io.groupsync.model.SourceRecord;
import io.groupsync.schemas.AvroCodec;
import io.groupsync.testkit.workload.EditStream;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** The edits every benchmark works on: the bench's own stream (EditStream), encoded as upstream publishes it. */
final class Fixture {

    /** A power of two, so a benchmark walks the records with a mask. */
    static final int RECORDS = 1024;
    static final int GROUPS = 64;

    private Fixture() {
    }

    static SourceRecord[] records() {
        AvroCodec<GroupChange> codec = AvroCodec.groupChange();
        EditStream stream = new EditStream(7, GROUPS, "g");
        SourceRecord[] out = new SourceRecord[RECORDS];
        for (int i = 0; i < RECORDS; i++) {
            GroupChange change = stream.next();
            out[i] = new SourceRecord("changes", 0, i, 0L, change.getGroupId().getBytes(StandardCharsets.UTF_8),
                    codec.encode(change), new RecordHeaders(), 0L);
        }
        return out;
    }

    static Edit[] edits() {
        EventDecoder decoder = new EventDecoder();
        SourceRecord[] records = records();
        Edit[] out = new Edit[RECORDS];
        for (int i = 0; i < RECORDS; i++) {
            out[i] = ((Decoded.Accepted) decoder.decode(records[i])).edit();
        }
        return out;
    }
}
