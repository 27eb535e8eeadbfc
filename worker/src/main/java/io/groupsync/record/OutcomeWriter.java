package io.groupsync.record;

import io.groupsync.dispatch.DispatchInfo;
import io.groupsync.event.DeadLetter;
import io.groupsync.event.DeadLetterReason;
import io.groupsync.event.SyncStatus;
import io.groupsync.event.Vendor;
import io.groupsync.imapi.VendorCall;
import io.groupsync.model.CoveredEvent;
import io.groupsync.model.Field;
import io.groupsync.model.FieldFate;
import io.groupsync.model.FieldFates;
import io.groupsync.model.PendingKey;
import io.groupsync.model.SentPatch;
import io.groupsync.model.SourceRecord;
import io.groupsync.model.Target;
import io.groupsync.time.Clock;
import io.groupsync.versions.AppliedVersions;
import io.groupsync.versions.VersionKeys;
import java.util.List;
import java.util.Map;

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
    private final AppliedVersions versions;
    private final Map<String, Vendor> routeVendors;
    private final Clock clock;
    private final Sink sink;
    private final OutcomeListener listener;

    OutcomeWriter(Outputs outputs, AppliedVersions versions, Map<String, Vendor> routeVendors, Clock clock, Sink sink,
                  OutcomeListener listener) {
        this.outputs = outputs;
        this.versions = versions;
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

    /**
     * A rejected event: its dead letter, then its result. One refused at intake has a single dead letter for all its
     * routes, written before ({@link #deadLetter}), and {@code ownDeadLetter} false.
     */
    void rejected(String route, String groupId, Target target, CoveredEvent event, String reason,
                  boolean ownDeadLetter) {
        Results.Subject subject = subject(route, groupId, target, event);
        long now = clock.currentTimeMillis();
        if (ownDeadLetter) {
            sink.write(event.source(), outputs.deadLetterRecord(event.source(),
                    Results.deadLetter(subject, DeadLetterReason.REJECTED, reason, null, null, now),
                    IllegalArgumentException.class.getName()), false);
            listener.deadLetter(route, DeadLetterReason.REJECTED);
        }
        sink.write(event.source(), outputs.result(subject, SyncStatus.REJECTED, null, reason, Map.of(), now), true);
        listener.result(route, SyncStatus.REJECTED);
    }

    /** An event of which the route's vendor offers none of the fields: all reported skipped. */
    void nothingToSend(String route, String groupId, Target target, CoveredEvent event) {
        sink.write(event.source(), outputs.result(subject(route, groupId, target, event), SyncStatus.PARTLY_APPLIED,
                null, "the vendor offers none of the fields", Map.of(), clock.currentTimeMillis()), true);
        listener.result(route, SyncStatus.PARTLY_APPLIED);
    }

    /** An event every value of which was older than one applied or on its way: nothing sent, all reported stale. */
    void stale(PendingKey key, CoveredEvent event, FieldFates stale) {
        sink.write(event.source(), outputs.result(subject(key.route(), key.groupId(), key.target(), event),
                SyncStatus.STALE, null, "every value is older than one applied or on its way", stale.of(event),
                clock.currentTimeMillis()), true);
        listener.result(key.route(), SyncStatus.STALE);
    }

    /**
     * Applied: the versions it set go to the versions topic with the records whose values they are, before their
     * results, so both commit together. Each event is stale where none of its values were sent, partly applied
     * where fields were skipped or stale.
     */
    void applied(PendingKey key, List<CoveredEvent> events, SentPatch sent, DispatchInfo info) {
        sent.fieldOwners().forEach((field, owner) -> keep(owner, VersionKeys.of(key, field)));
        sent.keyOwners().forEach((customKey, owner) -> keep(owner, VersionKeys.ofCustom(key, customKey)));
        long now = clock.currentTimeMillis();
        for (CoveredEvent event : events) {
            Map<Field, FieldFate> fates = sent.fates().of(event);
            boolean anyStale = fates.values().stream().anyMatch(f -> f.kind() == FieldFate.Kind.STALE);
            SyncStatus status = sent.superseded(event) ? SyncStatus.STALE
                    : event.skipped().isEmpty() && !anyStale ? SyncStatus.APPLIED : SyncStatus.PARTLY_APPLIED;
            Results.Subject subject = subject(key.route(), key.groupId(), key.target(), event);
            sink.write(event.source(), outputs.result(subject, status, info, info.result().message(), fates, now),
                    true);
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
            sink.write(event.source(), outputs.result(subject, SyncStatus.FAILED, info, message, Map.of(), now), true);
            listener.deadLetter(key.route(), reason);
            listener.result(key.route(), SyncStatus.FAILED);
        }
    }

    /** The version of a value applied, kept and written unless a newer one is kept already. */
    private void keep(CoveredEvent owner, String versionKey) {
        int partition = owner.source().partition();
        AppliedVersions.Entry entry = versions.applied(partition, versionKey, owner.version());
        if (entry != null) {
            sink.write(owner.source(), outputs.version(partition, versionKey, entry), false);
        }
    }

    private Results.Subject subject(String route, String groupId, Target target, CoveredEvent event) {
        return new Results.Subject(route, routeVendors.get(route), groupId, target.memberId(), event);
    }
}
