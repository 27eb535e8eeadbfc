package io.groupsync.intake;

import io.groupsync.event.DeadLetterReason;
import io.groupsync.model.Edit;
import io.groupsync.model.SourceRecord;

/** What intake made of one consumed record: an edit to coalesce, or a refusal for the dead-letter topic. */
public sealed interface Decoded permits Decoded.Accepted, Decoded.Refused {

    SourceRecord source();

    record Accepted(Edit edit) implements Decoded {
        @Override
        public SourceRecord source() {
            return edit.source();
        }
    }

    /**
     * @param reason         why, for the dead letter
     * @param exceptionClass the failure's class, for the {@code kafka_dlt-exception-fqcn} header
     * @param eventId        the event's id if it could be read, else null
     */
    record Refused(SourceRecord source, DeadLetterReason kind, String reason, String exceptionClass, String eventId)
            implements Decoded {
    }
}
