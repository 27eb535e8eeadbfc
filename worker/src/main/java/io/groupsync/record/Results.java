package io.groupsync.record;

import io.groupsync.model.CoveredEvent;
import io.groupsync.dispatch.DispatchInfo;
import io.groupsync.event.DeadLetter;
import io.groupsync.event.DeadLetterReason;
import io.groupsync.event.SkippedField;
import io.groupsync.event.SyncResult;
import io.groupsync.event.SyncStatus;
import io.groupsync.event.Vendor;
import io.groupsync.model.Field;
import io.groupsync.model.SourceRecord;
import java.time.Instant;
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

    static SyncResult of(Subject subject, SyncStatus status, DispatchInfo dispatch, String message, long nowMillis) {
        CoveredEvent event = subject.event();
        SourceRecord source = event.source();
        boolean sent = status == SyncStatus.APPLIED || status == SyncStatus.PARTLY_APPLIED
                || status == SyncStatus.STALE;
        return SyncResult.newBuilder()
                .setEventId(event.eventId())
                .setRoute(subject.route())
                .setVendor(subject.vendor())
                .setGroupId(subject.groupId())
                .setMemberId(subject.memberId())
                .setStatus(status)
                .setAppliedFields(sent ? names(event) : List.of())
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
                .build();
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

    private static List<String> names(CoveredEvent event) {
        return event.fields().stream().map(Field::wireName).sorted().toList();
    }

    private static List<SkippedField> skipped(Map<Field, String> skipped) {
        return skipped.entrySet().stream()
                .map(e -> new SkippedField(e.getKey().wireName(), e.getValue()))
                .sorted(java.util.Comparator.comparing(SkippedField::getField))
                .toList();
    }
}
