package io.groupsync.intake;

import io.groupsync.event.DeadLetterReason;
import io.groupsync.model.Edit;
import io.groupsync.model.SourceRecord;
import java.util.List;

/** What intake made of one consumed record: an edit to coalesce, or a refusal for the dead-letter topic. */
public sealed interface Decoded permits Decoded.Accepted, Decoded.Refused, Decoded.Waiting {

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
     * @param event          what a result needs of an event that decoded, with an id and a group id fit to quote;
     *                       null otherwise (then the dead letter is its only outcome)
     */
    record Refused(SourceRecord source, DeadLetterReason kind, String reason, String exceptionClass, String eventId,
                   RefusedEvent event) implements Decoded {
    }

    /**
     * An event refused at intake, as its results name it: one REJECTED result per route it was for.
     *
     * @param memberId     null for a group edit, or a member edit without one
     * @param targetRoutes the routes it names, or null (or empty) for every route
     */
    record RefusedEvent(String eventId, long occurredAtMillis, String groupId, String memberId,
                        List<String> targetRoutes) {
    }

    /**
     * Not decided yet: the record names a schema id that only the registry knows, and the registry cannot be asked
     * now. Neither an edit nor a dead letter; the record is read again when the registry may answer.
     *
     * @param reason why the registry could not be asked, for the log
     */
    record Waiting(SourceRecord source, String reason) implements Decoded {
    }
}
