package io.groupsync.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.groupsync.event.GroupChange;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A plausible next GroupChange (v1 plus an optional traceId, in src/test/resources/candidates) run through the codec
 * as if it were released, to show that messages cross versions in the directions that occur. When v2 is really
 * released, the candidate becomes a v3 candidate built on it (see README.md).
 */
class SchemaEvolutionTest {
  private static Schema v1;
  private static Schema v2;
  /** The codec once v2 is released: generic records, since no class is generated from the candidate. */
  private static AvroCodec<GenericRecord> v2Codec;
  /** Today's classes, with v2 known as a writer: a worker that has not yet been rebuilt from v2. */
  private static AvroCodec<GroupChange> v1ClassesKnowingV2;

  @BeforeAll
  static void releaseTheCandidate() throws IOException {
    v1 = ReleasedFiles.version("GroupChange", 1);
    v2 = CompatibilityTest.groupChangeV2Candidate();
    v2Codec = new AvroCodec<>(GenericData.get(), v2, List.of(v1, v2));
    v1ClassesKnowingV2 =
        new AvroCodec<>(SpecificData.getForClass(GroupChange.class), GroupChange.getClassSchema(), List.of(v1, v2));
  }

  @Test
  void eventsWrittenWithV1DecodeWithV2AndTheNewFieldTakesItsDefault() throws DecodeException {
    GroupChange written = Events.memberProfileChange();

    GenericRecord read = v2Codec.decode(AvroCodec.groupChange().encode(written));

    assertThat(read.get("traceId")).isNull();
    assertThat(withoutTraceId(read)).isEqualTo(Events.plain(written));
  }

  @Test
  void eventsWrittenWithV2DecodeIntoTheCurrentClassesWhenV2IsKnown() throws DecodeException {
    GroupChange original = Events.groupProfileChange();
    GenericRecord written = asV2(original, "trace-7f3a");
    byte[] message = v2Codec.encode(written);

    GroupChange read = v1ClassesKnowingV2.decode(message);

    assertThat(read).isEqualTo(original);
  }

  @Test
  void eventsWrittenWithAnUnreleasedVersionAreUnknownToTheShippedCodec() {
    byte[] message = v2Codec.encode(asV2(Events.groupProfileChange(), "trace-7f3a"));

    DecodeException e = catchThrowableOfType(DecodeException.class, () -> AvroCodec.groupChange().decode(message));

    assertThat(e.failure()).isEqualTo(DecodeFailure.UNKNOWN_FINGERPRINT);
    assertThat(e.getMessage()).contains(AvroCodec.hex(SchemaNormalization.parsingFingerprint64(v2)));
  }

  /** The v1 record as a v2 generic record: v1's bytes read with v2 as the reader, plus a trace id. */
  private static GenericRecord asV2(GroupChange change, String traceId) {
    try {
      byte[] body = AvroCodec.groupChange().encode(change);
      GenericRecord record = new GenericDatumReader<GenericRecord>(v1, v2)
          .read(null, DecoderFactory.get().binaryDecoder(body, 10, body.length - 10, null));
      record.put("traceId", traceId);
      return record;
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  @SuppressWarnings("unchecked")
  private static Object withoutTraceId(GenericRecord record) {
    Map<String, Object> plain = (Map<String, Object>) Events.plain(record);
    plain.remove("traceId");
    return plain;
  }
}
