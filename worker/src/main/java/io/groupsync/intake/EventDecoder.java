package io.groupsync.intake;

import io.groupsync.event.DeadLetterReason;
import io.groupsync.event.GroupChange;
import io.groupsync.event.GroupProfilePatch;
import io.groupsync.event.MemberProfilePatch;
import io.groupsync.event.OpenImGroupSettings;
import io.groupsync.event.RongCloudPermissions;
import io.groupsync.model.Edit;
import io.groupsync.model.Field;
import io.groupsync.model.MuteDeadline;
import io.groupsync.model.Patch;
import io.groupsync.model.SourceRecord;
import io.groupsync.model.Target;
import io.groupsync.model.Version;
import io.groupsync.schemas.AvroCodec;
import io.groupsync.schemas.DecodeException;
import io.groupsync.schemas.WireDecoder;
import io.groupsync.schemas.registry.RegistryException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns a consumed record into an {@link Edit}, or says why it cannot: bytes that are not a {@code GroupChange}
 * (single-object encoded with a released schema version, or in the registry framing with a schema that resolves to
 * it), or an event that breaks the rules every vendor shares, a field's size
 * ({@link FieldSizes}) among them. Vendor limits are checked later, per route. Never throws for bad input: bad
 * input is a refusal with a reason. A registry that cannot be asked is no fault of the record's: it
 * {@link Decoded.Waiting waits}.
 *
 * <p>{@code occurredAt} is the producer's word, and a mute counts from it: it is taken only between
 * {@link #EARLIEST_OCCURRED_AT} and the time the record was read plus the allowed clock skew. An old one is taken
 * (a backlog after an outage, a replayed dead letter), since the time the edit waited is time its mute has run.
 */
public final class EventDecoder {

    /**
     * How far ahead of the worker's clock {@code occurredAt} may be, by default: the hour Kafka allows a record's
     * timestamp ahead of the broker's ({@code log.message.timestamp.after.max.ms}), which producers already meet.
     */
    public static final Duration DEFAULT_MAX_CLOCK_SKEW = Duration.ofHours(1);
    /** The largest skew allowed: a clock a day off is broken, and a bound that wide would bound nothing. */
    public static final Duration MAX_CLOCK_SKEW = Duration.ofDays(1);
    /**
     * Before any of the vendors existed: an earlier {@code occurredAt} is a field left unset or seconds written for
     * milliseconds (microseconds and nanoseconds land in the future, past the skew).
     */
    static final Instant EARLIEST_OCCURRED_AT = Instant.parse("2000-01-01T00:00:00Z");

    private final WireDecoder<GroupChange> codec;
    private final Duration maxClockSkew;

    public EventDecoder() {
        this(DEFAULT_MAX_CLOCK_SKEW);
    }

    /** @param maxClockSkew how far ahead of the time a record is read its {@code occurredAt} may be */
    public EventDecoder(Duration maxClockSkew) {
        this(maxClockSkew, new WireDecoder<>(AvroCodec.groupChange(), null));
    }

    /** @param wire reads both framings; registry-framed events need its registry */
    public EventDecoder(Duration maxClockSkew, WireDecoder<GroupChange> wire) {
        this.codec = wire;
        if (maxClockSkew.isNegative() || maxClockSkew.compareTo(MAX_CLOCK_SKEW) > 0) {
            throw new IllegalArgumentException("the clock skew must be between 0 and " + MAX_CLOCK_SKEW + ": "
                    + maxClockSkew);
        }
        this.maxClockSkew = maxClockSkew;
    }

    public Decoded decode(SourceRecord source) {
        if (source.value() == null || source.value().length == 0) {
            return refused(source, DeadLetterReason.UNDECODABLE, "empty value", null, null);
        }
        GroupChange event;
        try {
            event = codec.decode(source.value());
        } catch (DecodeException e) {
            return refused(source, DeadLetterReason.UNDECODABLE, e.failure() + ": " + e.getMessage(),
                    e.getClass().getName(), null);
        } catch (RegistryException e) {
            return new Decoded.Waiting(source, e.getMessage());
        }
        List<String> problems = problems(source, event);
        if (!problems.isEmpty()) {
            return new Decoded.Refused(source, DeadLetterReason.INVALID_EVENT, String.join("; ", problems),
                    IllegalArgumentException.class.getName(), quotable(event.getEventId()), resultable(event));
        }
        long occurredAt = event.getOccurredAt().toEpochMilli();
        Target target;
        Patch patch;
        if (event.getPatch() instanceof MemberProfilePatch member) {
            target = Target.member(member.getMemberId());
            patch = memberPatch(member, occurredAt);
        } else {
            target = Target.group();
            patch = groupPatch((GroupProfilePatch) event.getPatch());
        }
        if (patch.isEmpty()) {
            return new Decoded.Refused(source, DeadLetterReason.INVALID_EVENT, "the patch changes no field",
                    IllegalArgumentException.class.getName(), event.getEventId(), resultable(event));
        }
        List<String> routes = event.getTargetRoutes() == null ? null : List.copyOf(event.getTargetRoutes());
        return new Decoded.Accepted(new Edit(event.getEventId(), occurredAt, event.getGroupId(),
                event.getGroupType(), event.getOperator(), routes, target, patch, source));
    }

    /** The rules that hold whatever the vendor: identity, ordering key, time, and values no vendor could take. */
    private List<String> problems(SourceRecord source, GroupChange event) {
        List<String> problems = new ArrayList<>();
        FieldSizes.problems(event, problems);
        if (isBlank(event.getEventId())) {
            problems.add("eventId is missing");
        }
        if (isBlank(event.getGroupId())) {
            problems.add("groupId is missing");
        } else if (FieldSizes.utf8(event.getGroupId()) <= FieldSizes.MAX_ID_BYTES) {
            keyProblem(source.key(), event.getGroupId(), problems);
        }
        timeProblem(event.getOccurredAt().toEpochMilli(), source.consumedAtMillis(), problems);
        try {
            Version.of(source, event.getOccurredAt().toEpochMilli());
        } catch (IllegalArgumentException e) {
            // The version is what the stale-edit check compares: a replay with no sound one could revert newer edits.
            problems.add(e.getMessage());
        }
        if (event.getTargetRoutes() != null) {
            if (event.getTargetRoutes().isEmpty()) {
                problems.add("targetRoutes is empty; leave it null for every route");
            }
        }
        if (event.getPatch() instanceof MemberProfilePatch member) {
            if (isBlank(member.getMemberId())) {
                problems.add("memberId is missing");
            }
            if (member.getMuteSeconds() != null && member.getMuteSeconds() < 0) {
                problems.add("muteSeconds is negative: " + member.getMuteSeconds());
            }
            blankCustomKeys(member.getCustomData(), problems);
        } else if (event.getPatch() instanceof GroupProfilePatch group) {
            if (group.getMaxMemberNum() != null && group.getMaxMemberNum() <= 0) {
                problems.add("maxMemberNum must be positive: " + group.getMaxMemberNum());
            }
            blankCustomKeys(group.getCustomData(), problems);
        }
        return problems;
    }

    /**
     * The key must be the group id in UTF-8. Read leniently, keys that are not UTF-8 ({@code g\xFF} and
     * {@code g\xFE}) would both be the group "g" and U+FFFD: one group in two partitions, out of order.
     */
    private static void keyProblem(byte[] key, String groupId, List<String> problems) {
        if (key == null) {
            problems.add("record key is missing; it must be the group id so one group's edits stay in order");
            return;
        }
        String read;
        try {
            read = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(key)).toString();
        } catch (CharacterCodingException e) {
            problems.add("record key is not valid UTF-8; it must be the group id in UTF-8, so one group's edits stay "
                    + "in one partition, in order");
            return;
        }
        if (!groupId.equals(read)) {
            problems.add("record key does not match groupId " + groupId
                    + "; it must, so one group's edits stay in one partition, in order");
        }
    }

    private void timeProblem(long occurredAt, long readAt, List<String> problems) {
        long skew = maxClockSkew.toMillis();
        long latest = readAt > Long.MAX_VALUE - skew ? Long.MAX_VALUE : readAt + skew;
        if (occurredAt < EARLIEST_OCCURRED_AT.toEpochMilli()) {
            problems.add("occurredAt " + Instant.ofEpochMilli(occurredAt) + " is before " + EARLIEST_OCCURRED_AT
                    + ": unset, or not in epoch milliseconds");
        } else if (occurredAt > latest) {
            problems.add("occurredAt " + Instant.ofEpochMilli(occurredAt) + " is ahead of the time the record was "
                    + "read (" + Instant.ofEpochMilli(readAt) + ") by more than the allowed clock skew of " + maxClockSkew);
        }
    }

    private static Patch groupPatch(GroupProfilePatch p) {
        Patch patch = Patch.empty();
        setIfPresent(patch, Field.NAME, p.getName());
        setIfPresent(patch, Field.INTRODUCTION, p.getIntroduction());
        setIfPresent(patch, Field.NOTIFICATION, p.getNotification());
        setIfPresent(patch, Field.FACE_URL, p.getFaceUrl());
        setIfPresent(patch, Field.MAX_MEMBER_NUM, p.getMaxMemberNum());
        setIfPresent(patch, Field.JOIN_OPTION, p.getJoinOption());
        setIfPresent(patch, Field.INVITE_OPTION, p.getInviteOption());
        setIfPresent(patch, Field.MUTE_ALL, p.getMuteAll());
        OpenImGroupSettings openIm = p.getOpenIm();
        if (openIm != null) {
            setIfPresent(patch, Field.OPENIM_LOOK_MEMBER_INFO, openIm.getLookMemberInfo());
            setIfPresent(patch, Field.OPENIM_APPLY_MEMBER_FRIEND, openIm.getApplyMemberFriend());
        }
        RongCloudPermissions rong = p.getRongCloud();
        if (rong != null) {
            setIfPresent(patch, Field.RONGCLOUD_REMOVE_PERM, rong.getRemovePerm());
            setIfPresent(patch, Field.RONGCLOUD_MEM_INVITE_PERM, rong.getMemInvitePerm());
            setIfPresent(patch, Field.RONGCLOUD_INVITE_PERM, rong.getInvitePerm());
            setIfPresent(patch, Field.RONGCLOUD_PROFILE_PERM, rong.getProfilePerm());
            setIfPresent(patch, Field.RONGCLOUD_MEM_PROFILE_PERM, rong.getMemProfilePerm());
        }
        customData(patch, p.getCustomData());
        return patch;
    }

    private static Patch memberPatch(MemberProfilePatch p, long occurredAt) {
        Patch patch = Patch.empty();
        setIfPresent(patch, Field.ROLE, p.getRole());
        setIfPresent(patch, Field.NAME_CARD, p.getNameCard());
        setIfPresent(patch, Field.MSG_FLAG, p.getMsgFlag());
        if (p.getMuteSeconds() != null) {
            patch.set(Field.MUTE, MuteDeadline.of(occurredAt, p.getMuteSeconds()));
        }
        customData(patch, p.getCustomData());
        return patch;
    }

    private static void setIfPresent(Patch patch, Field field, Object value) {
        if (value != null) {
            patch.set(field, value);
        }
    }

    private static void customData(Patch patch, Map<String, String> data) {
        if (data != null) {
            data.forEach(patch::putCustom);
        }
    }

    private static void blankCustomKeys(Map<String, String> data, List<String> problems) {
        if (data != null && data.keySet().stream().anyMatch(EventDecoder::isBlank)) {
            problems.add("customData has a blank key");
        }
    }

    private static Decoded refused(SourceRecord source, DeadLetterReason kind, String reason, String exceptionClass,
                                   String eventId) {
        return new Decoded.Refused(source, kind, reason,
                exceptionClass == null ? IllegalArgumentException.class.getName() : exceptionClass, eventId, null);
    }

    /** What its results need of a refused event, if its ids can be quoted in them; else null (dead letter only). */
    private static Decoded.RefusedEvent resultable(GroupChange event) {
        // A member id missing or too long to quote is left out; the reason says what was wrong with it.
        String memberId = event.getPatch() instanceof MemberProfilePatch member ? quotable(member.getMemberId()) : null;
        if (quotable(event.getEventId()) == null || quotable(event.getGroupId()) == null) {
            return null;
        }
        return new Decoded.RefusedEvent(event.getEventId(), event.getOccurredAt().toEpochMilli(), event.getGroupId(),
                memberId, event.getTargetRoutes() == null ? null : List.copyOf(event.getTargetRoutes()));
    }

    /** An id for a refusal's dead letter or result, if it is one that may be quoted. */
    private static String quotable(String id) {
        return isBlank(id) || FieldSizes.utf8(id) > FieldSizes.MAX_ID_BYTES ? null : id;
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
