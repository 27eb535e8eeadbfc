package io.groupsync.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Checks the bytes against the Avro specification, with nothing from the codec in the checking path. */
class SingleObjectFramingTest {

  /** CRC-64-AVRO as the specification's reference code computes it ("Schema Fingerprints"). */
  static long crc64Avro(byte[] data) {
    final long empty = 0xc15d213aa4d7a795L;
    long[] table = new long[256];
    for (int i = 0; i < 256; i++) {
      long fp = i;
      for (int j = 0; j < 8; j++) {
        fp = (fp >>> 1) ^ (empty & -(fp & 1L));
      }
      table[i] = fp;
    }
    long fp = empty;
    for (byte b : data) {
      fp = (fp >>> 8) ^ table[(int) (fp ^ b) & 0xff];
    }
    return fp;
  }

  static Stream<Events.Sample<?>> samples() {
    return Events.samples();
  }

  @Test
  void referenceCrc64GivesThePublishedFingerprintOfInt() {
    // Published in Avro's share/test/data/schema-tests.txt, case 004.
    long publishedFingerprintOfInt = 8247732601305521295L;

    assertThat(crc64Avro("\"int\"".getBytes(StandardCharsets.UTF_8))).isEqualTo(publishedFingerprintOfInt);
    assertThat(SchemaNormalization.parsingFingerprint64(Schema.create(Schema.Type.INT)))
        .isEqualTo(publishedFingerprintOfInt);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void encodedMessageIsMarkerThenLittleEndianFingerprintThenPlainAvroBody(Events.Sample<?> sample)
      throws IOException {
    Schema released = ReleasedFiles.newest(sample.record().getSchema().getName());
    byte[] message = sample.encoded();

    assertThat(message[0]).isEqualTo((byte) 0xC3);
    assertThat(message[1]).isEqualTo((byte) 0x01);
    long fingerprint = ByteBuffer.wrap(message, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    assertThat(fingerprint)
        .isEqualTo(SchemaNormalization.parsingFingerprint64(released))
        .isEqualTo(crc64Avro(SchemaNormalization.toParsingForm(released).getBytes(StandardCharsets.UTF_8)));

    BinaryDecoder body = DecoderFactory.get().binaryDecoder(message, 10, message.length - 10, null);
    GenericRecord read = new GenericDatumReader<GenericRecord>(released).read(null, body);
    assertThat(body.isEnd()).as("body fully consumed").isTrue();
    assertThat(Events.plain(read)).isEqualTo(Events.plain(sample.record()));
  }
}
