package io.groupsync.worker;

import io.groupsync.event.DeadLetter;
import io.groupsync.event.DeadLetterReason;
import io.groupsync.event.GroupChange;
import io.groupsync.event.GroupProfilePatch;
import io.groupsync.event.GroupType;
import io.groupsync.event.MemberProfilePatch;
import io.groupsync.event.MemberRole;
import io.groupsync.event.SyncStatus;
import io.groupsync.schemas.AvroCodec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * The bad-input corpus: each kind of bad record with where it must end, per route or for the record as a whole.
 * Each kind has its own group, so what a route refused can be checked absent at its vendor. Three routes: one per
 * vendor, named {@value #TENCENT}, {@value #OPENIM} and {@value #RONG}.
 */
final class BadInputCorpus {

    static final String TENCENT = "tencent";
    static final String OPENIM = "openim";
    static final String RONG = "rong";
    static final List<String> ROUTES = List.of(TENCENT, OPENIM, RONG);

    /** Seeded at the vendors so that a call the worker cannot foresee is refused: Tencent, OpenIM, RongCloud. */
    static final String TENCENT_AVCHATROOM = "seededavroom";
    static final String OPENIM_DISMISSED = "seededdismissed";
    static final String RONG_FULL_OF_EXT = "seededfullext";
    /** Over 1 MiB with its headers: the value alone is what the broker's default allows a whole record. */
    static final int ONE_MB = 1024 * 1024;

    /** One record to publish; {@code event} is null when the value is not a readable GroupChange. */
    record Sent(byte[] key, byte[] value, List<RecordHeader> headers, String groupId, GroupChange event) {
    }

    /**
     * Where a record must end on one route, or for the whole record when {@code route} is null.
     *
     * @param status           the result's status; null when no result is written (the record never reached a route)
     * @param deadLetterReason the dead letter's reason header; null when none is written
     * @param text             a substring of the result's message and the dead letter's exception message
     */
    record Outcome(String route, SyncStatus status, String deadLetterReason, String text) {

        @Override
        public String toString() {
            String where = route == null ? "record" : route;
            return where + "→" + (status == null ? "" : status) + (deadLetterReason == null ? "" : " DLT "
                    + deadLetterReason) + (text == null ? "" : " \"" + text + "\"");
        }
    }

    record Kind(String name, List<Sent> records, List<Outcome> outcomes) {
        @Override
        public String toString() {
            return name;
        }
    }

    private final long now = Instant.parse("2025-01-01T00:00:00Z").toEpochMilli();
    private int group;
    private int sequence;

    List<Kind> kinds() {
        List<Kind> kinds = new ArrayList<>();
        MalformedValues malformed = new MalformedValues(now, () -> groupEdit(name("spoiled")).build(),
                this::nextGroup);
        kinds.add(undecodable("random bytes", malformed.randomBytes(), "BAD_FRAMING"));
        kinds.add(undecodable("empty value", new byte[0], "empty value"));
        kinds.add(undecodable("tombstone (null value)", null, "empty value"));
        kinds.add(invalid("null key", raw(null, groupEdit(name("keyless"))), "record key is missing"));
        String g = nextGroup();
        kinds.add(invalid("key other than the groupId", raw(bytes(g + "x"), event(g, name("moved"))),
                "does not match groupId"));
        kinds.add(undecodable("truncated Avro", malformed.truncated(), "TRUNCATED_BODY"));
        kinds.add(undecodable("unknown fingerprint", malformed.unknownFingerprint(), "UNKNOWN_FINGERPRINT"));
        kinds.add(undecodable("schema never released (hand-made v2)", malformed.unreleasedV2(), "no released version"));
        kinds.add(undecodable("another record type (a DeadLetter)", AvroCodec.deadLetter().encode(
                DeadLetter.newBuilder().setReason(DeadLetterReason.REJECTED).setMessage("not an event")
                        .setAttempts(0).setFailedAt(Instant.ofEpochMilli(now)).build()), "UNKNOWN_FINGERPRINT"));
        kinds.add(undecodable("out-of-range enum index in a v1 body", malformed.enumOutOfRange(), "MALFORMED_BODY"));
        kinds.add(invalid("missing eventId", sent(groupEdit(name("nameless")).setEventId("").build()),
                "eventId is missing"));
        kinds.add(invalid("missing groupId", raw(bytes(nextGroup()), event("", name("orphan"))),
                "groupId is missing"));
        kinds.add(invalid("missing memberId", sent(memberEdit(MemberProfilePatch.newBuilder().setMemberId("")
                .setNameCard("nobody")).build()), "memberId is missing"));
        kinds.add(invalid("negative mute", sent(memberEdit(member().setMuteSeconds(-5L)).build()),
                "muteSeconds is negative: -5"));
        kinds.add(invalid("patch that changes nothing", sent(groupEdit(GroupProfilePatch.newBuilder()).build()),
                "the patch changes no field"));
        kinds.add(invalid("empty targetRoutes", sent(groupEdit(name("nowhere")).setTargetRoutes(List.of()).build()),
                "targetRoutes is empty"));
        kinds.add(routed("Tencent name over 30 bytes", sent(groupEdit(name("名".repeat(11))).build()),
                rejected(TENCENT, "name is 33 bytes in UTF-8; Tencent allows at most 30"), applied(OPENIM),
                applied(RONG)));
        kinds.add(routed("RongCloud name over 64 characters", sent(groupEdit(name("n".repeat(65))).build()),
                rejected(TENCENT, "Tencent allows at most 30"), applied(OPENIM),
                rejected(RONG, "name is 65 characters; RongCloud's groupProfile.name allows at most 64")));
        kinds.add(routed("OpenIM blank group name", sent(groupEdit(name("   ")).build()),
                applied(TENCENT), rejected(OPENIM, "name is blank"), applied(RONG)));
        kinds.add(routed("invalid ext_ key", sent(groupEdit(custom(Map.of("ext_", "v"))).build()),
                applied(TENCENT), applied(OPENIM), rejected(RONG, "has no name after RongCloud's ext_ prefix")));
        Map<String, String> eleven = new HashMap<>();
        for (int i = 0; i < 11; i++) {
            eleven.put("k" + i, "v" + i);
        }
        kinds.add(routed("more than 10 custom-data keys in one event", sent(groupEdit(custom(eleven)).build()),
                rejected(TENCENT, "Tencent allows at most 10 custom fields"), applied(OPENIM),
                rejected(RONG, "customData sets 11 keys")));
        kinds.add(routed("member cap a Public group cannot have (999,999)",
                sent(groupEdit(GroupProfilePatch.newBuilder().setMaxMemberNum(999_999))
                        .setGroupType(GroupType.PUBLIC).build()),
                rejected(TENCENT, "Tencent allows at most 6000 members in a PUBLIC group"),
                partly(OPENIM, "the vendor offers none of the fields"),
                partly(RONG, "the vendor offers none of the fields")));
        kinds.add(routed("Tencent Work-group mute", sent(memberEdit(member().setMuteSeconds(600L))
                        .setGroupType(GroupType.WORK).build()),
                rejected(TENCENT, "Tencent Work groups do not support muting members"), applied(OPENIM),
                partly(RONG, "the vendor offers none of the fields")));
        kinds.add(routed("AVChatRoom member edit (name card)", sent(memberEdit(member().setNameCard("host"))
                        .setGroupType(GroupType.AVCHATROOM).build()),
                rejected(TENCENT, "AVChatRoom groups store no member profiles"), applied(OPENIM), applied(RONG)));
        kinds.add(routed("AVChatRoom mute alone (allowed: forbid_send_msg)", sent(memberEdit(
                        member().setMuteSeconds(600L)).setGroupType(GroupType.AVCHATROOM).build()),
                applied(TENCENT), applied(OPENIM), partly(RONG, "the vendor offers none of the fields")));
        kinds.add(routed("role OWNER", sent(memberEdit(member().setRole(MemberRole.OWNER)).build()),
                rejected(TENCENT, "role OWNER"), rejected(OPENIM, "role OWNER"),
                partly(RONG, "the vendor offers none of the fields")));
        kinds.add(invalid("1 MB value", sent(oneMegabyte()), "notification is 1048"));
        kinds.add(invalid("operator of 900 KB", sent(groupEdit(name("by a giant")).setOperator("o".repeat(900_000))
                .build()), "operator is 900000 bytes; at most 256"));
        kinds.add(invalid("140,000 custom-data keys in 1 MB", sent(groupEdit(custom(manyKeys(140_000, ""))).build()),
                "customData has 140000 keys; at most 100"));
        kinds.add(invalid("eventId of 1 MB", sent(groupEdit(name("long id")).setEventId("e".repeat(ONE_MB)).build()),
                "eventId is 1048576 bytes; at most 256"));
        String huge = "g".repeat(ONE_MB / 2);
        kinds.add(invalid("groupId (and key) of 512 KB", sent(event(huge, name("long group")).build()),
                "groupId is 524288 bytes; at most 256"));
        kinds.add(invalid("custom-data key of 1 MB", sent(groupEdit(custom(Map.of("k".repeat(ONE_MB), "v"))).build()),
                "a customData key is 1048576 bytes; at most 256"));
        String twice = nextGroup();
        kinds.add(new Kind("duplicate eventId (two records, one id)", List.of(
                sent(event(twice, name("first")).setEventId("same-id").build()),
                sent(event(twice, name("second")).setEventId("same-id").build())), appliedEverywhere()));
        Sent replay = sent(groupEdit(name("again")).build());
        kinds.add(new Kind("replayed record (same bytes again)", List.of(replay, replay), appliedEverywhere()));
        kinds.add(new Kind("unknown route only", List.of(sent(groupEdit(name("lost"))
                .setTargetRoutes(List.of("nowhere")).build())), List.of(unknownRoute("nowhere"))));
        kinds.add(new Kind("two unknown routes only", List.of(sent(groupEdit(name("astray"))
                .setTargetRoutes(List.of("nowhere", "elsewhere")).build())),
                List.of(unknownRoute("nowhere"), unknownRoute("elsewhere"))));
        kinds.add(new Kind("a known and an unknown route", List.of(sent(groupEdit(name("half"))
                .setTargetRoutes(List.of(TENCENT, "nowhere")).build())), List.of(applied(TENCENT),
                unknownRoute("nowhere"))));
        kinds.add(routed("Tencent refuses: an AVChatRoom the event does not type", sent(event(TENCENT_AVCHATROOM,
                        GroupProfilePatch.newBuilder()).setPatch(member().setNameCard("guest").build()).build()),
                failed(TENCENT, "VENDOR_PERMANENT: AVChatRoom groups store no member profiles"), applied(OPENIM),
                applied(RONG)));
        kinds.add(routed("OpenIM refuses: a dismissed group", sent(event(OPENIM_DISMISSED, name("revived")).build()),
                applied(TENCENT), failed(OPENIM, "1204"), applied(RONG)));
        kinds.add(routed("RongCloud refuses: a group already holding 10 ext pairs",
                sent(event(RONG_FULL_OF_EXT, custom(Map.of("one", "more"))).build()),
                applied(TENCENT), applied(OPENIM), failed(RONG, "at most 10 allowed")));
        kinds.add(invalid("occurredAt in 2100 (a 60 s mute)", sent(memberEdit(member().setMuteSeconds(60L))
                .setOccurredAt(Instant.parse("2100-01-01T00:00:00Z")).build()), "is ahead of the time the record"));
        kinds.add(invalid("occurredAt at Long.MAX_VALUE (a 60 s mute)", sent(memberEdit(member().setMuteSeconds(60L))
                .setOccurredAt(Instant.ofEpochMilli(Long.MAX_VALUE)).build()), "is ahead of the time the record"));
        kinds.add(invalid("occurredAt at Long.MIN_VALUE (a 60 s mute)", sent(memberEdit(member().setMuteSeconds(60L))
                .setOccurredAt(Instant.ofEpochMilli(Long.MIN_VALUE)).build()), "is before 2000-01-01T00:00:00Z"));
        kinds.add(invalid("occurredAt in 1970: seconds, not milliseconds (a 60 s mute)", sent(memberEdit(
                member().setMuteSeconds(60L)).setOccurredAt(Instant.ofEpochMilli(now / 1000)).build()),
                "is before 2000-01-01T00:00:00Z"));
        kinds.add(routed("forged dead-letter headers (reason APPLIED, route openim, topic payments)", withHeaders(
                        sent(groupEdit(name("名".repeat(11))).build()), "groupsync_dlt-reason", "APPLIED",
                        "groupsync_dlt-route", "openim", "kafka_dlt-original-topic", "payments", "trace-id", "t-42"),
                rejected(TENCENT, "Tencent allows at most 30"), applied(OPENIM), applied(RONG)));
        GroupChange replaced = event("g\uFFFD", name("two in one")).build();
        kinds.add(new Kind("keys not valid UTF-8 (g\\xFF, g\\xFE), both read as g\\uFFFD",
                List.of(raw(new byte[] {'g', (byte) 0xFF}, replaced.getGroupId(), replaced),
                        raw(new byte[] {'g', (byte) 0xFE}, replaced.getGroupId(), replaced)),
                List.of(new Outcome(null, null, DeadLetterReason.INVALID_EVENT.name(),
                        "record key is not valid UTF-8"), rejectedAtIntake(TENCENT, "record key is not valid UTF-8"),
                        rejectedAtIntake(OPENIM, "record key is not valid UTF-8"),
                        rejectedAtIntake(RONG, "record key is not valid UTF-8"))));
        String dashed = "bad-" + nextGroup();
        kinds.add(routed("group id RongCloud refuses (a dash)", sent(event(dashed, name("dash")).build()),
                applied(TENCENT), applied(OPENIM), rejected(RONG, "has characters RongCloud refuses")));
        String long49 = nextGroup() + "x".repeat(49 - 5);
        kinds.add(routed("group id Tencent refuses (49 bytes)", sent(event(long49, name("long id")).build()),
                rejected(TENCENT, "groupId is 49 bytes; Tencent allows at most 48"), applied(OPENIM), applied(RONG)));
        return kinds;
    }

    // ---- outcomes ----------------------------------------------------------------------------------------------

    private static Outcome applied(String route) {
        return new Outcome(route, SyncStatus.APPLIED, null, null);
    }

    private static Outcome partly(String route, String text) {
        return new Outcome(route, SyncStatus.PARTLY_APPLIED, null, text);
    }

    private static Outcome rejected(String route, String text) {
        return new Outcome(route, SyncStatus.REJECTED, DeadLetterReason.REJECTED.name(), text);
    }

    private static Outcome failed(String route, String text) {
        return new Outcome(route, SyncStatus.FAILED, DeadLetterReason.VENDOR_PERMANENT.name(), text);
    }

    private static Outcome unknownRoute(String route) {
        return new Outcome(route, null, DeadLetterReason.UNKNOWN_ROUTE.name(), "no route named " + route);
    }

    private static List<Outcome> appliedEverywhere() {
        return ROUTES.stream().map(BadInputCorpus::applied).toList();
    }

    private static Kind undecodable(String name, byte[] value, String text) {
        return new Kind(name, List.of(new Sent(bytes("undecodable"), value,
                List.of(new RecordHeader("trace-id", bytes(name))), null, null)),
                List.of(new Outcome(null, null, DeadLetterReason.UNDECODABLE.name(), text)));
    }

    /**
     * Refused at intake: one dead letter for the record and, when the event decoded with an id and a group id, a
     * REJECTED result on each route it was for, with the same reason.
     */
    private static Kind invalid(String name, Sent sent, String text) {
        List<Outcome> outcomes = new ArrayList<>();
        outcomes.add(new Outcome(null, null, DeadLetterReason.INVALID_EVENT.name(), text));
        GroupChange event = sent.event();
        if (event != null && quotable(event.getEventId()) && quotable(event.getGroupId())) {
            List<String> routes = event.getTargetRoutes() == null || event.getTargetRoutes().isEmpty()
                    ? List.of(TENCENT, OPENIM, RONG) : event.getTargetRoutes();
            routes.forEach(route -> outcomes.add(rejectedAtIntake(route, text)));
        }
        return new Kind(name, List.of(sent), outcomes);
    }

    /** An id intake quotes in a result: not blank, at most 256 bytes (FieldSizes.MAX_ID_BYTES). */
    private static boolean quotable(String id) {
        return !id.isBlank() && id.getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= 256;
    }

    /** A REJECTED result beside the record's one dead letter, which names no route. */
    private static Outcome rejectedAtIntake(String route, String text) {
        return new Outcome(route, SyncStatus.REJECTED, null, text);
    }

    private static Kind routed(String name, Sent sent, Outcome... outcomes) {
        return new Kind(name, List.of(sent), List.of(outcomes));
    }

    // ---- records -----------------------------------------------------------------------------------------------

    private String nextGroup() {
        return String.format("bad%02d", ++group);
    }

    private GroupChange.Builder event(String groupId, GroupProfilePatch.Builder patch) {
        return GroupChange.newBuilder().setEventId("bad-" + (++sequence))
                .setOccurredAt(Instant.ofEpochMilli(now)).setGroupId(groupId).setPatch(patch.build());
    }

    private GroupChange.Builder groupEdit(GroupProfilePatch.Builder patch) {
        return event(nextGroup(), patch);
    }

    private GroupChange.Builder memberEdit(MemberProfilePatch.Builder patch) {
        return event(nextGroup(), GroupProfilePatch.newBuilder()).setPatch(patch.build());
    }

    private static MemberProfilePatch.Builder member() {
        return MemberProfilePatch.newBuilder().setMemberId("u1");
    }

    private static GroupProfilePatch.Builder name(String name) {
        return GroupProfilePatch.newBuilder().setName(name);
    }

    private static GroupProfilePatch.Builder custom(Map<String, String> data) {
        return GroupProfilePatch.newBuilder().setCustomData(Map.copyOf(data));
    }

    private static Sent sent(GroupChange event) {
        return raw(bytes(event.getGroupId()), event.getGroupId(), event);
    }

    private static Sent raw(byte[] key, GroupChange.Builder event) {
        GroupChange built = event.build();
        return raw(key, built.getGroupId(), built);
    }

    private static Sent raw(byte[] key, String groupId, GroupChange event) {
        return new Sent(key, AvroCodec.groupChange().encode(event), List.of(), groupId, event);
    }

    /** The record with headers of its own, given as name, value, name, value… */
    private static Sent withHeaders(Sent sent, String... namesAndValues) {
        List<RecordHeader> headers = new ArrayList<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            headers.add(new RecordHeader(namesAndValues[i], bytes(namesAndValues[i + 1])));
        }
        return new Sent(sent.key(), sent.value(), List.copyOf(headers), sent.groupId(), sent.event());
    }

    /** Keys of at most four characters, so 140,000 of them, deleted (an empty value), still fit in 1 MB. */
    private static Map<String, String> manyKeys(int count, String value) {
        Map<String, String> keys = new java.util.HashMap<>();
        for (int i = 0; i < count; i++) {
            keys.put(Integer.toString(i, 36), value);
        }
        return keys;
    }

    /** A notification that makes the value exactly 1 MiB: over every vendor's notice limit but OpenIM's. */
    private GroupChange oneMegabyte() {
        GroupChange.Builder event = groupEdit(GroupProfilePatch.newBuilder());
        int guess = ONE_MB - 100;
        event.setPatch(GroupProfilePatch.newBuilder().setNotification("x".repeat(guess)).build());
        // Both lengths take a 3-byte varint, so the rest of the value stays the same size.
        int missing = ONE_MB - AvroCodec.groupChange().encode(event.build()).length;
        event.setPatch(GroupProfilePatch.newBuilder().setNotification("x".repeat(guess + missing)).build());
        GroupChange built = event.build();
        int size = AvroCodec.groupChange().encode(built).length;
        if (size != ONE_MB) {
            throw new IllegalStateException("the 1 MB value is " + size + " bytes");
        }
        return built;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
