package io.groupsync.record;

import io.groupsync.model.CoveredEvent;
import io.groupsync.dispatch.DispatchInfo;
import io.groupsync.event.DeadLetter;
import io.groupsync.event.DeadLetterReason;
import io.groupsync.event.EditVersion;
import io.groupsync.event.FieldOutcome;
import io.groupsync.event.FieldStatus;
import io.groupsync.event.SkippedField;
import io.groupsync.event.SyncResult;
import io.groupsync.event.SyncStatus;
import io.groupsync.event.Vendor;
import io.groupsync.model.Field;
import io.groupsync.model.FieldFate;
import io.groupsync.model.SourceRecord;
import io.groupsync.model.Version;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Builds the {@code SyncResult} and {@code DeadLetter} of one event on one route. */
final class Results {

    /** Enough of a message to tell what went wrong; a reason may quote an edit's value, which can be huge. */
    private static final int MAX_TEXT = 4_096;
    private static final int KEPT_TAIL = 1_024;

    private Results() {
    }

    /** Where and what: the part of a result every outcome shares. */
    record Subject(String route, Vendor vendor, String groupId, String memberId, CoveredEvent event) {
    }

    /**
     * @param fates         the event's fields whose values it did not send (replaced, stale); the others it asked for
     *                      reached the vendor if the status says the call was applied
     * @param deadLetterTopic where its dead letter is, for a rejected or failed event, else null
     */
    static SyncResult of(Subject subject, SyncStatus status, DispatchInfo dispatch, String message,
                         Map<Field, FieldFate> fates, String deadLetterTopic, long nowMillis) {
        CoveredEvent event = subject.event();
        SourceRecord source = event.source();
        boolean sent = status == SyncStatus.APPLIED || status == SyncStatus.PARTLY_APPLIED
                || status == SyncStatus.STALE;
        List<FieldOutcome> fields = fieldOutcomes(event, sent, status, fates);
        return SyncResult.newBuilder()
                .setEventId(event.eventId())
                .setRoute(subject.route())
                .setVendor(subject.vendor())
                .setGroupId(subject.groupId())
                .setMemberId(subject.memberId())
                .setStatus(status)
                .setAppliedFields(fields.stream().filter(f -> f.getStatus() == FieldStatus.APPLIED)
                        .map(FieldOutcome::getField).toList())
                .setSkippedFields(skipped(event.skipped()))
                .setVendorCode(dispatch == null ? null : dispatch.result().vendorCode())
                .setHttpStatus(dispatch == null ? null : dispatch.result().httpStatus())
                .setMessage(message == null ? null : capped(message))
                .setAttempts(dispatch == null ? 0 : dispatch.attempts())
                .setDispatchId(dispatch == null ? null : dispatch.dispatchId())
                .setDispatchEventCount(dispatch == null ? 0 : dispatch.eventCount())
                .setSourceTopic(source.topic())
                .setSourcePartition(source.partition())
                .setSourceOffset(source.offset())
                .setOccurredAt(Instant.ofEpochMilli(event.occurredAtMillis()))
                .setConsumedAt(Instant.ofEpochMilli(source.consumedAtMillis()))
                .setCompletedAt(Instant.ofEpochMilli(nowMillis))
                .setFieldOutcomes(fields)
                .setVersion(versionIfSound(event))
                .setDeadLetterTopic(deadLetterTopic)
                .build();
    }

    /** Every field the event asked this route for, and every one the vendor lacks, in name order. */
    private static List<FieldOutcome> fieldOutcomes(CoveredEvent event, boolean sent, SyncStatus status,
                                                    Map<Field, FieldFate> fates) {
        List<FieldOutcome> out = new ArrayList<>();
        for (Field field : event.fields()) {
            FieldFate fate = fates.get(field);
            if (fate != null) {
                boolean replaced = fate.kind() == FieldFate.Kind.REPLACED;
                String by = (fate.byEventId() == null ? "the version" : "event " + fate.byEventId() + ", version")
                        + " " + fate.byVersion();
                out.add(new FieldOutcome(field.wireName(), replaced ? FieldStatus.REPLACED : FieldStatus.STALE,
                        (replaced ? "replaced before the call by " : "a newer value was applied: ") + by,
                        fate.byEventId(), version(fate.byVersion())));
            } else if (sent) {
                out.add(new FieldOutcome(field.wireName(), FieldStatus.APPLIED, null, null, null));
            } else {
                out.add(new FieldOutcome(field.wireName(), FieldStatus.SKIPPED,
                        status == SyncStatus.FAILED ? "the call failed" : "the event was rejected", null, null));
            }
        }
        event.skipped().forEach((field, reason) ->
                out.add(new FieldOutcome(field.wireName(), FieldStatus.SKIPPED, reason, null, null)));
        out.sort(Comparator.comparing(FieldOutcome::getField));
        return out;
    }

    /** Null for an event refused at intake for its replay headers, which give it no version. */
    private static EditVersion versionIfSound(CoveredEvent event) {
        try {
            return version(event.version());
        } catch (IllegalArgumentException badReplayHeaders) {
            return null;
        }
    }

    private static EditVersion version(Version version) {
        return new EditVersion(Instant.ofEpochMilli(version.occurredAtMillis()), version.partition(),
                version.offset());
    }

    static DeadLetter deadLetter(Subject subject, DeadLetterReason reason, String message, DispatchInfo dispatch,
                                 String failedRequest, long nowMillis) {
        return deadLetter(reason, message, subject.event().eventId(), subject.route(), subject.vendor(), dispatch,
                failedRequest, nowMillis);
    }

    static DeadLetter deadLetter(DeadLetterReason reason, String message, String eventId, String route,
                                 Vendor vendor, DispatchInfo dispatch, String failedRequest, long nowMillis) {
        return DeadLetter.newBuilder()
                .setReason(reason)
                .setMessage(capped(message))
                .setEventId(eventId)
                .setRoute(route)
                .setVendor(vendor)
                .setVendorCode(dispatch == null ? null : dispatch.result().vendorCode())
                .setHttpStatus(dispatch == null ? null : dispatch.result().httpStatus())
                .setAttempts(dispatch == null ? 0 : dispatch.attempts())
                .setFailedRequest(failedRequest)
                .setFailedAt(Instant.ofEpochMilli(nowMillis))
                .build();
    }

    /**
     * The text if short enough, else its start and its end (where a vendor rule says its limit) with how much was
     * left out between them: an output too large to write would fail its whole transaction, again on every retry.
     */
    static String capped(String text) {
        if (text.length() <= MAX_TEXT) {
            return text;
        }
        int head = MAX_TEXT - KEPT_TAIL;
        return text.substring(0, head) + " … (" + (text.length() - MAX_TEXT) + " characters left out) … "
                + text.substring(text.length() - KEPT_TAIL);
    }

    private static List<SkippedField> skipped(Map<Field, String> skipped) {
        return skipped.entrySet().stream()
                .map(e -> new SkippedField(e.getKey().wireName(), e.getValue()))
                .sorted(Comparator.comparing(SkippedField::getField))
                .toList();
    }
}
