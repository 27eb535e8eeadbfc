package io.groupsync.record;

import io.groupsync.dispatch.DispatchInfo;
import io.groupsync.event.DeadLetter;
import io.groupsync.event.DeadLetterReason;
import io.groupsync.event.SyncStatus;
import io.groupsync.event.Vendor;
import io.groupsync.imapi.VendorCall;
import io.groupsync.model.CoveredEvent;
import io.groupsync.model.PendingKey;
import io.groupsync.model.SourceRecord;
import io.groupsync.model.Target;
import io.groupsync.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns each outcome into the records it writes: a result per event and route, with a dead letter before it when
 * the event failed or was rejected there. What each is made of is {@link Results}; its shape on the topic,
 * {@link Outputs}. Owned by the pipeline thread.
 */
final class OutcomeWriter {

    /** Where the records go: to the record they belong to, the source, in the order they are written. */
    @FunctionalInterface
    interface Sink {
        /** @param outcome whether this output is a route's outcome for the record, not one that goes before it */
        void write(SourceRecord source, OutputRecord output, boolean outcome);
    }

    private final Outputs outputs;
    private final Map<String, Vendor> routeVendors;
    private final Clock clock;
    private final Sink sink;
    private final OutcomeListener listener;

    OutcomeWriter(Outputs outputs, Map<String, Vendor> routeVendors, Clock clock, Sink sink, OutcomeListener listener) {
        this.outputs = outputs;
        this.routeVendors = Map.copyOf(routeVendors);
        this.clock = clock;
        this.sink = sink;
        this.listener = listener;
    }

    /**
     * A dead letter without a result; when it names a route (one this worker does not have), it is that route's
     * outcome.
     */
    void deadLetter(SourceRecord source, DeadLetterReason reason, String message, String exceptionClass,
                    String eventId, String route) {
        DeadLetter detail = Results.deadLetter(reason, message, eventId, route, null, null, null,
                clock.currentTimeMillis());
        sink.write(source, outputs.deadLetterRecord(source, detail, exceptionClass), route != null);
        listener.deadLetter(route, reason);
    }

    /** A rejected event: its dead letter, then its result. */
    void rejected(String route, String groupId, Target target, CoveredEvent event, String reason) {
        Results.Subject subject = subject(route, groupId, target, event);
        long now = clock.currentTimeMillis();
        sink.write(event.source(), outputs.deadLetterRecord(event.source(),
                Results.deadLetter(subject, DeadLetterReason.REJECTED, reason, null, null, now),
                IllegalArgumentException.class.getName()), false);
        sink.write(event.source(), outputs.result(subject, SyncStatus.REJECTED, null, reason, now), true);
        listener.deadLetter(route, DeadLetterReason.REJECTED);
        listener.result(route, SyncStatus.REJECTED);
    }

    /** An event of which the route's vendor offers none of the fields: all reported skipped. */
    void nothingToSend(String route, String groupId, Target target, CoveredEvent event) {
        sink.write(event.source(), outputs.result(subject(route, groupId, target, event), SyncStatus.PARTLY_APPLIED,
                null, "the vendor offers none of the fields", clock.currentTimeMillis()), true);
        listener.result(route, SyncStatus.PARTLY_APPLIED);
    }

    /** Applied: stale where a later event replaced every value, partly applied where fields were skipped. */
    void applied(PendingKey key, List<CoveredEvent> events, Set<CoveredEvent> superseded, DispatchInfo info) {
        long now = clock.currentTimeMillis();
        for (CoveredEvent event : events) {
            SyncStatus status = superseded.contains(event) ? SyncStatus.STALE
                    : event.skipped().isEmpty() ? SyncStatus.APPLIED : SyncStatus.PARTLY_APPLIED;
            Results.Subject subject = subject(key.route(), key.groupId(), key.target(), event);
            sink.write(event.source(), outputs.result(subject, status, info, info.result().message(), now), true);
            listener.result(key.route(), status);
        }
    }

    /** Failed: each event's dead letter with the failed request, then its result. */
    void failed(PendingKey key, List<CoveredEvent> events, VendorCall call, DeadLetterReason reason,
                DispatchInfo info) {
        long now = clock.currentTimeMillis();
        String message = reason + ": " + info.result().message();
        String exceptionClass = info.result().failure() != null ? info.result().failure()
                : "io.groupsync.imapi." + info.result().outcome();
        for (CoveredEvent event : events) {
            Results.Subject subject = subject(key.route(), key.groupId(), key.target(), event);
            sink.write(event.source(), outputs.deadLetterRecord(event.source(),
                    Results.deadLetter(subject, reason, message, info, call.redacted(), now), exceptionClass), false);
            sink.write(event.source(), outputs.result(subject, SyncStatus.FAILED, info, message, now), true);
            listener.deadLetter(key.route(), reason);
            listener.result(key.route(), SyncStatus.FAILED);
        }
    }

    private Results.Subject subject(String route, String groupId, Target target, CoveredEvent event) {
        return new Results.Subject(route, routeVendors.get(route), groupId, target.memberId(), event);
    }
}
