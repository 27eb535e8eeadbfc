package io.groupsync.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.groupsync.event.GroupChange;
import io.groupsync.event.GroupProfilePatch;
import io.groupsync.event.MemberProfilePatch;
import io.groupsync.event.MemberRole;
import io.groupsync.event.SyncResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class AvroCodecTest {
  private static final AvroCodec<GroupChange> CODEC = AvroCodec.groupChange();

  static Stream<Events.Sample<?>> samples() {
    return Events.samples();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void decodingWhatWasEncodedGivesAnEqualRecord(Events.Sample<?> sample) throws DecodeException {
    Object decoded = sample.decode(sample.encoded());

    assertThat(decoded).isEqualTo(sample.record());
    assertThat(Events.plain(decoded)).isEqualTo(Events.plain(sample.record()));
  }

  @Test
  void memberPatchAskingForOwnerDecodesSoTheWorkerCanRejectItWithAReason() throws DecodeException {
    GroupChange change = GroupChange.newBuilder(Events.memberProfileChange())
        .setPatch(MemberProfilePatch.newBuilder().setMemberId("user-42").setRole(MemberRole.OWNER).build())
        .build();

    GroupChange decoded = CODEC.decode(CODEC.encode(change));

    assertThat(((MemberProfilePatch) decoded.getPatch()).getRole()).isEqualTo(MemberRole.OWNER);
  }

  @Test
  void decodesGeneratedClassesWithoutAnyTrustedPackageProperty() throws DecodeException {
    // Avro 1.12.1 asks for trust only for java-class / java-key-class string types, which these schemas do not
    // use; if an upgrade starts asking for generated classes too, this fails and the codec must register them.
    assertThat(System.getProperty("org.apache.avro.SERIALIZABLE_PACKAGES")).isNull();
    assertThat(System.getProperty("org.apache.avro.SERIALIZABLE_CLASSES")).isNull();

    assertThat(CODEC.decode(CODEC.encode(Events.groupProfileChange()))).isEqualTo(Events.groupProfileChange());
  }

  @Test
  void oneCodecServesManyThreadsAtOnce() throws Exception {
    List<GroupChange> changes = List.of(Events.groupProfileChange(), Events.memberProfileChange());
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Boolean>> runs = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        int offset = t;
        runs.add(pool.submit(() -> {
          for (int i = 0; i < 2_000; i++) {
            GroupChange change = changes.get((i + offset) % 2);
            if (!CODEC.decode(CODEC.encode(change)).equals(change)) {
              return false;
            }
          }
          return true;
        }));
      }
      for (Future<Boolean> run : runs) {
        assertThat(run.get()).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void encodingARecordThatBreaksItsSchemaIsAnIllegalArgument() {
    GroupChange withoutEventId = Events.minimalChange();
    withoutEventId.setEventId(null);

    assertThatThrownBy(() -> CODEC.encode(withoutEventId))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("GroupChange cannot be encoded");
  }

  @Test
  void nullMessageIsBadFraming() {
    assertFailure(null, DecodeFailure.BAD_FRAMING, "null");
  }

  @Test
  void messageShorterThanTheHeaderIsBadFraming() {
    byte[] valid = CODEC.encode(Events.minimalChange());

    assertFailure(new byte[0], DecodeFailure.BAD_FRAMING, "0 bytes");
    assertFailure(Arrays.copyOf(valid, 9), DecodeFailure.BAD_FRAMING, "9 bytes");
  }

  @Test
  void messageWithoutTheSingleObjectMarkerIsBadFraming() {
    byte[] json = "{\"eventId\":\"evt-1\",\"groupId\":\"g\"}".getBytes(StandardCharsets.UTF_8);
    byte[] oldMarker = CODEC.encode(Events.minimalChange());
    oldMarker[1] = 0x00;

    assertFailure(json, DecodeFailure.BAD_FRAMING, "starts with 7B 22");
    assertFailure(oldMarker, DecodeFailure.BAD_FRAMING, "starts with C3 00");
  }

  @Test
  void recordOfAnotherSchemaIsAnUnknownFingerprintNamedInTheMessage() {
    byte[] result = AvroCodec.syncResult().encode(Events.syncResult());
    long resultFingerprint = SchemaNormalization.parsingFingerprint64(SyncResult.getClassSchema());
    long changeFingerprint = SchemaNormalization.parsingFingerprint64(GroupChange.getClassSchema());

    DecodeException e = assertFailure(result, DecodeFailure.UNKNOWN_FINGERPRINT, AvroCodec.hex(resultFingerprint));
    assertThat(e.getMessage()).contains("known: v1 " + AvroCodec.hex(changeFingerprint));
  }

  @Test
  void messageCutShortIsATruncatedBody() {
    byte[] valid = CODEC.encode(Events.groupProfileChange());

    assertFailure(Arrays.copyOf(valid, 10), DecodeFailure.TRUNCATED_BODY, "in eventId");
    assertFailure(Arrays.copyOf(valid, valid.length - 1), DecodeFailure.TRUNCATED_BODY, "in patch.rongCloud");
  }

  @Test
  void lengthReachingFarPastTheEndIsATruncatedBodyNotAnAllocation() {
    byte[] hugeString = message(body -> body.writeLong(2_000_000_000L));
    byte[] hugeArray = message(body -> {
      eventHead(body);
      body.writeIndex(0); // groupType: null
      body.writeIndex(0); // operator: null
      body.writeIndex(1); // targetRoutes: an array
      body.writeLong(-2_000_000_000L); // a block of that many items…
      body.writeLong(2); // …said to take 2 bytes
      body.writeString("r");
    });

    assertFailure(hugeString, DecodeFailure.TRUNCATED_BODY, "of 2000000000 bytes reaches past the end");
    assertFailure(hugeArray, DecodeFailure.TRUNCATED_BODY, "2000000000 array items cannot fit");

    long before = allocatedByThisThread();
    for (byte[] hostile : List.of(hugeString, hugeArray)) {
      try {
        CODEC.decode(hostile);
      } catch (DecodeException expected) {
        // failure kind asserted above; only the allocation is measured here
      }
    }
    assertThat(allocatedByThisThread() - before).as("bytes allocated while decoding").isLessThan(64 * 1024);
  }

  private static long allocatedByThisThread() {
    return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
  }

  @Test
  void enumIndexOutOfRangeIsAMalformedBody() {
    byte[] bytes = message(body -> {
      eventHead(body);
      body.writeIndex(1); // groupType: the enum
      body.writeEnum(7); // GroupType has 5 symbols
    });

    assertFailure(bytes, DecodeFailure.MALFORMED_BODY, "in groupType: enum index 7 is out of range 0..4");
  }

  @Test
  void unionIndexOutOfRangeIsAMalformedBody() {
    byte[] bytes = message(body -> {
      eventHead(body);
      body.writeIndex(2); // ["null", GroupType] has 2 branches
    });

    assertFailure(bytes, DecodeFailure.MALFORMED_BODY, "in groupType: union branch 2 is out of range 0..1");
  }

  @Test
  void negativeLengthIsAMalformedBody() {
    byte[] bytes = message(body -> body.writeLong(-3));

    assertFailure(bytes, DecodeFailure.MALFORMED_BODY, "in eventId: negative length -3");
  }

  @Test
  void bytesAfterTheRecordAreAMalformedBody() {
    byte[] valid = CODEC.encode(Events.minimalChange());
    byte[] padded = Arrays.copyOf(valid, valid.length + 2);

    assertFailure(padded, DecodeFailure.MALFORMED_BODY, "2 bytes left over after the record");
  }

  @Test
  void booleanOtherThanZeroOrOneIsAMalformedBody() {
    byte[] bytes = message(body -> {
      eventHead(body);
      body.writeIndex(0); // groupType
      body.writeIndex(0); // operator
      body.writeIndex(0); // targetRoutes
      body.writeIndex(0); // patch: GroupProfilePatch
      for (int field = 0; field < 7; field++) {
        body.writeIndex(0); // name … inviteOption: null
      }
      body.writeIndex(1); // muteAll: a boolean
      body.writeFixed(new byte[] {2});
    });

    assertFailure(bytes, DecodeFailure.MALFORMED_BODY, "in patch.muteAll: boolean byte 2 is neither 0 nor 1");
  }

  @Test
  void numberLongerThanTenBytesIsAMalformedBody() {
    byte[] bytes = message(body -> {
      byte[] endless = new byte[11];
      Arrays.fill(endless, (byte) 0xFF);
      body.writeFixed(endless);
    });

    assertFailure(bytes, DecodeFailure.MALFORMED_BODY, "in eventId: the length of a string runs past 10 bytes");
  }

  @Test
  void failureNamesTheVersionAndFingerprintOfTheWriterSchema() {
    byte[] bytes = message(body -> body.writeLong(-3));
    String fingerprint = AvroCodec.hex(SchemaNormalization.parsingFingerprint64(GroupChange.getClassSchema()));

    assertFailure(bytes, DecodeFailure.MALFORMED_BODY, "GroupChange v1 body (fingerprint " + fingerprint + ")");
  }

  @Test
  void groupPatchWithNothingSetStillEncodesAsAGroupPatch() throws DecodeException {
    GroupChange decoded = CODEC.decode(CODEC.encode(Events.minimalChange()));

    assertThat(decoded.getPatch()).isEqualTo(GroupProfilePatch.newBuilder().build());
    assertThat(decoded.getGroupType()).isNull();
    assertThat(decoded.getTargetRoutes()).isNull();
  }

  private static DecodeException assertFailure(byte[] message, DecodeFailure failure, String messagePart) {
    DecodeException e = catchThrowableOfType(DecodeException.class, () -> CODEC.decode(message));
    assertThat(e).as("decode must fail").isNotNull();
    assertThat(e.failure()).as(e.getMessage()).isEqualTo(failure);
    assertThat(e.getMessage()).contains(messagePart);
    return e;
  }

  interface BodyWriter {
    void write(BinaryEncoder body) throws IOException;
  }

  /** A GroupChange v1 message whose body is written value by value, to put a wrong value exactly where wanted. */
  private static byte[] message(BodyWriter writer) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      out.write(new byte[] {(byte) 0xC3, 0x01});
      out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN)
          .putLong(SchemaNormalization.parsingFingerprint64(GroupChange.getClassSchema())).array());
      BinaryEncoder body = EncoderFactory.get().directBinaryEncoder(out, null);
      writer.write(body);
      body.flush();
      return out.toByteArray();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  /** eventId, occurredAt and groupId: the fields before the first union. */
  private static void eventHead(BinaryEncoder body) throws IOException {
    body.writeString("evt-1");
    body.writeLong(Events.OCCURRED_AT.toEpochMilli());
    body.writeString("g-1");
  }
}
