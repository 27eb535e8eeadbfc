package io.groupsync.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.groupsync.event.DeadLetterReason;
import io.groupsync.event.GroupChange;
import io.groupsync.event.GroupProfilePatch;
import io.groupsync.event.MemberProfilePatch;
import io.groupsync.model.Field;
import io.groupsync.model.MuteDeadline;
import io.groupsync.model.ReplayHeaders;
import io.groupsync.model.SourceRecord;
import io.groupsync.model.Target;
import io.groupsync.schemas.AvroCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class EventDecoderTest {

    /** When the edits of these tests were made, and read a second later. */
    private static final long MADE_AT = 1_700_000_000_000L;
    private static final long READ_AT = MADE_AT + 1_000;

    private final EventDecoder decoder = new EventDecoder();
    private final AvroCodec<GroupChange> codec = AvroCodec.groupChange();

    @Test
    void aGroupEditBecomesAPatchOfCanonicalFields() {
        Map<String, String> custom = new HashMap<>();
        custom.put("keep", "v");
        custom.put("drop", null);
        GroupChange event = event("g1", GroupProfilePatch.newBuilder().setName("n").setMuteAll(true)
                .setCustomData(custom).build());
        Decoded.Accepted accepted = (Decoded.Accepted) decoder.decode(record("g1", codec.encode(event)));
        assertThat(accepted.edit().target()).isEqualTo(Target.group());
        assertThat(accepted.edit().patch().get(Field.NAME, String.class)).isEqualTo("n");
        assertThat(accepted.edit().patch().get(Field.MUTE_ALL, Boolean.class)).isTrue();
        assertThat(accepted.edit().patch().customData()).containsEntry("keep", "v").containsEntry("drop", null);
        assertThat(accepted.edit().eventId()).isEqualTo("e-1");
    }

    @Test
    void aMemberMuteBecomesADeadlineFromWhenTheEditWasMade() {
        GroupChange event = event("g1", MemberProfilePatch.newBuilder().setMemberId("u1").setMuteSeconds(60L).build());
        Decoded.Accepted accepted = (Decoded.Accepted) decoder.decode(record("g1", codec.encode(event)));
        assertThat(accepted.edit().target()).isEqualTo(Target.member("u1"));
        assertThat(accepted.edit().patch().get(Field.MUTE, MuteDeadline.class))
                .isEqualTo(new MuteDeadline(MADE_AT + 60_000));
    }

    @Test
    void randomBytesATruncatedBodyAndAnUnknownFingerprintAreUndecodableWithTheirReason() {
        byte[] good = codec.encode(event("g1", GroupProfilePatch.newBuilder().setName("n").build()));
        byte[] random = new byte[64];
        new Random(3).nextBytes(random);
        byte[] truncated = Arrays.copyOf(good, good.length - 3);
        byte[] unknownFingerprint = good.clone();
        unknownFingerprint[5] ^= 0x5a;

        assertThat(refused(random).reason()).contains("BAD_FRAMING");
        assertThat(refused(truncated).reason()).contains("TRUNCATED_BODY");
        assertThat(refused(unknownFingerprint).reason()).contains("UNKNOWN_FINGERPRINT");
        assertThat(refused(new byte[0]).reason()).contains("empty value");
        assertThat(List.of(refused(random), refused(truncated), refused(unknownFingerprint)))
                .allSatisfy(r -> assertThat(r.kind()).isEqualTo(DeadLetterReason.UNDECODABLE));
    }

    @Test
    void anEventThatBreaksTheSharedRulesIsInvalidWithEveryProblemNamed() {
        GroupChange event = GroupChange.newBuilder().setEventId(" ").setOccurredAt(Instant.EPOCH).setGroupId("g1")
                .setPatch(MemberProfilePatch.newBuilder().setMemberId("u").setMuteSeconds(-5L).build()).build();
        Decoded.Refused refused = refused(codec.encode(event));
        assertThat(refused.kind()).isEqualTo(DeadLetterReason.INVALID_EVENT);
        assertThat(refused.reason()).contains("eventId is missing").contains("muteSeconds is negative");
    }

    @Test
    void aRecordWhoseKeyIsNotItsGroupIsRefusedSoOrderingCannotSilentlyBreak() {
        byte[] value = codec.encode(event("g1", GroupProfilePatch.newBuilder().setName("n").build()));
        assertThat(((Decoded.Refused) decoder.decode(record("g2", value))).reason()).contains("does not match");
        assertThat(((Decoded.Refused) decoder.decode(record(null, value))).reason()).contains("key is missing");
    }

    @Test
    void anIdOverTheBoundIsInvalidAndNeverQuotedSoNoOutputGrowsWithIt() {
        String huge = "x".repeat(1 << 20);
        GroupChange event = GroupChange.newBuilder().setEventId(huge).setOccurredAt(Instant.ofEpochMilli(MADE_AT))
                .setGroupId(huge)
                .setTargetRoutes(List.of("tencent", huge))
                .setPatch(MemberProfilePatch.newBuilder().setMemberId(huge).setNameCard("n").build()).build();
        Decoded.Refused refused = (Decoded.Refused) decoder.decode(record("other", codec.encode(event)));
        assertThat(refused.kind()).isEqualTo(DeadLetterReason.INVALID_EVENT);
        assertThat(refused.reason()).isEqualTo("eventId is 1048576 bytes; at most 256; groupId is 1048576 bytes; "
                + "at most 256; a route name in targetRoutes is 1048576 bytes; at most 256; memberId is 1048576 bytes; "
                + "at most 256");
        assertThat(refused.eventId()).as("not quoted in the dead letter either").isNull();
        String longest = "名".repeat(85);
        assertThat(decoder.decode(record(longest, codec.encode(event(longest, GroupProfilePatch.newBuilder()
                .setName("n").build()))))).as("255 bytes are fine").isInstanceOf(Decoded.Accepted.class);
    }

    @Test
    void everyFieldHasASizeSoNoneCanHoldTheHeapByItself() {
        java.util.Map<String, String> manyKeys = new java.util.HashMap<>();
        for (int i = 0; i <= FieldSizes.MAX_CUSTOM_KEYS; i++) {
            manyKeys.put("k" + i, "v");
        }
        GroupChange bigOperator = GroupChange.newBuilder(event("g1", GroupProfilePatch.newBuilder().setName("n")
                .build())).setOperator("o".repeat(900_000)).build();
        GroupChange bigTexts = event("g1", GroupProfilePatch.newBuilder().setName("n".repeat(4_001))
                .setIntroduction("i".repeat(4_001)).setNotification("n".repeat(4_001)).setFaceUrl("f".repeat(4_001))
                .setCustomData(manyKeys).build());
        GroupChange bigValue = event("g1", GroupProfilePatch.newBuilder()
                .setCustomData(java.util.Map.of("k", "v".repeat(4_001))).build());
        GroupChange bigNameCard = event("g1", MemberProfilePatch.newBuilder().setMemberId("u1")
                .setNameCard("c".repeat(4_001)).build());
        assertThat(refused(codec.encode(bigOperator)).reason()).isEqualTo("operator is 900000 bytes; at most 256");
        assertThat(refused(codec.encode(bigTexts)).reason()).isEqualTo("name is 4001 bytes; at most 4000; "
                + "introduction is 4001 bytes; at most 4000; notification is 4001 bytes; at most 4000; faceUrl is 4001 "
                + "bytes; at most 4000; customData has 101 keys; at most 100");
        assertThat(refused(codec.encode(bigValue)).reason())
                .isEqualTo("the customData value of a key is 4001 bytes; at most 4000");
        assertThat(refused(codec.encode(bigNameCard)).reason()).isEqualTo("nameCard is 4001 bytes; at most 4000");
        manyKeys.remove("k0");
        assertThat(decoder.decode(record("g1", codec.encode(event("g1", GroupProfilePatch.newBuilder()
                .setCustomData(manyKeys).setNotification("n".repeat(4_000)).build())))))
                .as("at the bounds").isInstanceOf(Decoded.Accepted.class);
    }

    @Test
    void aPatchThatChangesNothingIsRefused() {
        byte[] value = codec.encode(event("g1", GroupProfilePatch.newBuilder().build()));
        assertThat(refused(value).reason()).contains("changes no field");
    }

    @Test
    void anOccurredAtFurtherAheadOfTheReadTimeThanTheSkewIsRefusedSoNoMuteCountsFromTheFuture() {
        Decoded.Refused in2100 = refused(mute(Instant.parse("2100-01-01T00:00:00Z").toEpochMilli(), 60));
        assertThat(in2100.kind()).isEqualTo(DeadLetterReason.INVALID_EVENT);
        assertThat(in2100.reason()).isEqualTo("occurredAt 2100-01-01T00:00:00Z is ahead of the time the record was "
                + "read (2023-11-14T22:13:21Z) by more than the allowed clock skew of PT1H");
        assertThat(in2100.eventId()).isEqualTo("e-1");
        assertThat(refused(mute(Long.MAX_VALUE, 60)).reason()).startsWith("occurredAt +292278994-08-17T07:12:55.807Z "
                + "is ahead of the time the record was read");
        long withinSkew = READ_AT + EventDecoder.DEFAULT_MAX_CLOCK_SKEW.toMillis();
        assertThat(deadline(decoder.decode(record("g1", mute(withinSkew, 60)))))
                .isEqualTo(new MuteDeadline(withinSkew + 60_000));
    }

    @Test
    void theClockSkewIsASettingOfItsOwnBetweenNoneAndADay() {
        EventDecoder strict = new EventDecoder(Duration.ofSeconds(5));
        assertThat(strict.decode(record("g1", mute(READ_AT + 5_000, 60)))).isInstanceOf(Decoded.Accepted.class);
        assertThat(((Decoded.Refused) strict.decode(record("g1", mute(READ_AT + 5_001, 60)))).reason())
                .contains("by more than the allowed clock skew of PT5S");
        assertThat(new EventDecoder(Duration.ZERO).decode(record("g1", mute(READ_AT, 60))))
                .isInstanceOf(Decoded.Accepted.class);
        assertThatThrownBy(() -> new EventDecoder(Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EventDecoder(Duration.ofDays(1).plusMillis(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PT24H");
    }

    @Test
    void anOccurredAtBefore2000IsRefusedAsUnsetOrInTheWrongUnitInsteadOfTurningAMuteIntoAnUnmute() {
        long secondsNotMillis = MADE_AT / 1000;
        assertThat(refused(mute(secondsNotMillis, 60)).reason()).isEqualTo("occurredAt 1970-01-20T16:13:20Z is "
                + "before 2000-01-01T00:00:00Z: unset, or not in epoch milliseconds");
        assertThat(refused(mute(0, 60)).reason()).startsWith("occurredAt 1970-01-01T00:00:00Z is before");
        assertThat(refused(mute(Long.MIN_VALUE, 60)).reason()).startsWith("occurredAt -292275055-05-16T16:47:04.192Z "
                + "is before");
    }

    @Test
    void anOldEditIsTakenAsMadeThenBecauseBacklogsAndReplaysAreOldAndItsMuteCountsFromThen() {
        long weekAgo = READ_AT - Duration.ofDays(7).toMillis();
        assertThat(deadline(decoder.decode(record("g1", mute(weekAgo, 60)))))
                .isEqualTo(new MuteDeadline(weekAgo + 60_000));
        long longest = MuteDeadline.FOREVER_SECONDS - 1;
        long latest = READ_AT + EventDecoder.DEFAULT_MAX_CLOCK_SKEW.toMillis();
        assertThat(deadline(decoder.decode(record("g1", mute(latest, longest)))))
                .as("the longest finite mute from the latest time allowed").isEqualTo(
                        new MuteDeadline(latest + longest * 1000));
    }

    @Test
    void aKeyThatIsNotValidUtf8IsRefusedSoTwoKeysCannotBeReadAsOneGroup() {
        byte[] value = codec.encode(event("g\uFFFD", GroupProfilePatch.newBuilder().setName("n").build()));
        List<byte[]> keys = List.of(new byte[] {'g', (byte) 0xFF}, new byte[] {'g', (byte) 0xFE},
                new byte[] {'g', (byte) 0xC0, (byte) 0xBD}, new byte[] {'g', (byte) 0xED, (byte) 0xA0, (byte) 0x80});
        for (byte[] key : keys) {
            Decoded.Refused refused = (Decoded.Refused) decoder.decode(recordWithKey(key, value));
            assertThat(refused.kind()).isEqualTo(DeadLetterReason.INVALID_EVENT);
            assertThat(refused.reason()).isEqualTo("record key is not valid UTF-8; it must be the group id in UTF-8, "
                    + "so one group's edits stay in one partition, in order");
        }
        assertThat(decoder.decode(record("g\uFFFD", value))).as("the character itself, encoded")
                .isInstanceOf(Decoded.Accepted.class);
    }

    @Test
    void aRefusedEventThatDecodedCarriesWhatItsResultsNeedAndOneThatDidNotCarriesNothing() {
        Decoded.Refused negative = refused(mute(MADE_AT, -5));
        assertThat(negative.event()).isEqualTo(new Decoded.RefusedEvent("e-1", MADE_AT, "g1", "u1", null));
        Decoded.Refused moved = (Decoded.Refused) decoder.decode(record("other",
                codec.encode(event("g1", GroupProfilePatch.newBuilder().setName("n").build()))));
        assertThat(moved.event().groupId()).as("the event's group, not the key").isEqualTo("g1");
        assertThat(refused(new byte[] {1, 2, 3}).event()).isNull();
    }

    @Test
    void aReplayWhoseOriginalPositionIsNotADecimalIsRefusedItsVersionBeingUnknown() {
        RecordHeaders headers = new RecordHeaders();
        headers.add(ReplayHeaders.ORIGINAL_PARTITION, "0".getBytes(StandardCharsets.UTF_8));
        headers.add(ReplayHeaders.ORIGINAL_OFFSET, "twelve".getBytes(StandardCharsets.UTF_8));
        SourceRecord replay = new SourceRecord("in", 0, 40, 0, "g1".getBytes(StandardCharsets.UTF_8),
                codec.encode(event("g1", GroupProfilePatch.newBuilder().setName("n").build())), headers, READ_AT);

        Decoded.Refused refused = (Decoded.Refused) decoder.decode(replay);

        assertThat(refused.kind()).isEqualTo(DeadLetterReason.INVALID_EVENT);
        assertThat(refused.reason()).contains(ReplayHeaders.ORIGINAL_OFFSET).contains("twelve");
    }

    private byte[] mute(long occurredAtMillis, long seconds) {
        return codec.encode(GroupChange.newBuilder().setEventId("e-1")
                .setOccurredAt(Instant.ofEpochMilli(occurredAtMillis)).setGroupId("g1")
                .setPatch(MemberProfilePatch.newBuilder().setMemberId("u1").setMuteSeconds(seconds).build()).build());
    }

    private static MuteDeadline deadline(Decoded decoded) {
        return ((Decoded.Accepted) decoded).edit().patch().get(Field.MUTE, MuteDeadline.class);
    }

    private Decoded.Refused refused(byte[] value) {
        return (Decoded.Refused) decoder.decode(record("g1", value));
    }

    private static GroupChange event(String group, Object patch) {
        return GroupChange.newBuilder().setEventId("e-1").setOccurredAt(Instant.ofEpochMilli(MADE_AT))
                .setGroupId(group).setPatch(patch).build();
    }

    private static SourceRecord record(String key, byte[] value) {
        return recordWithKey(key == null ? null : key.getBytes(StandardCharsets.UTF_8), value);
    }

    private static SourceRecord recordWithKey(byte[] key, byte[] value) {
        return new SourceRecord("in", 0, 0, 0, key, value, new RecordHeaders(), READ_AT);
    }
}
