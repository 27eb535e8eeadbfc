package io.groupsync.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.groupsync.event.DeadLetterReason;
import io.groupsync.event.GroupChange;
import io.groupsync.event.GroupProfilePatch;
import io.groupsync.event.MemberProfilePatch;
import io.groupsync.model.Field;
import io.groupsync.model.MuteDeadline;
import io.groupsync.model.SourceRecord;
import io.groupsync.model.Target;
import io.groupsync.schemas.AvroCodec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class EventDecoderTest {

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
                .isEqualTo(new MuteDeadline(1_700_000_000_000L + 60_000));
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
        GroupChange event = GroupChange.newBuilder().setEventId(huge).setOccurredAt(Instant.EPOCH).setGroupId(huge)
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
    void aPatchThatChangesNothingIsRefused() {
        byte[] value = codec.encode(event("g1", GroupProfilePatch.newBuilder().build()));
        assertThat(refused(value).reason()).contains("changes no field");
    }

    private Decoded.Refused refused(byte[] value) {
        return (Decoded.Refused) decoder.decode(record("g1", value));
    }

    private static GroupChange event(String group, Object patch) {
        return GroupChange.newBuilder().setEventId("e-1").setOccurredAt(Instant.ofEpochMilli(1_700_000_000_000L))
                .setGroupId(group).setPatch(patch).build();
    }

    private static SourceRecord record(String key, byte[] value) {
        return new SourceRecord("in", 0, 0, 0, key == null ? null : key.getBytes(StandardCharsets.UTF_8), value,
                new RecordHeaders(), 0);
    }
}
