package io.groupsync.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import io.groupsync.event.DeadLetter;
import io.groupsync.event.GroupChange;
import io.groupsync.event.SyncResult;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Decoding takes bytes from anyone: whatever they are, it returns a record or throws DecodeException, promptly and
 * without asking for memory the message cannot justify. Seeds are fixed so a failure reproduces.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DecodeFuzzTest {
  private static final List<AvroCodec<?>> CODECS =
      List.of(AvroCodec.groupChange(), AvroCodec.syncResult(), AvroCodec.deadLetter());
  private static final List<Schema> SCHEMAS =
      List.of(GroupChange.getClassSchema(), SyncResult.getClassSchema(), DeadLetter.getClassSchema());

  private final Map<DecodeFailure, Integer> failures = new EnumMap<>(DecodeFailure.class);

  static Stream<Events.Sample<?>> samples() {
    return Events.samples();
  }

  @Test
  void randomBytesOnlyEverFailWithDecodeException() {
    Random random = new Random(1);
    for (int i = 0; i < 30_000; i++) {
      byte[] input = new byte[random.nextInt(80)];
      random.nextBytes(input);
      if (random.nextBoolean() && input.length >= 2) {
        input[0] = (byte) 0xC3;
        input[1] = 0x01;
      }
      decodeOrFailCleanly(CODECS.get(i % CODECS.size()), input);
    }
    assertThat(failures).containsKeys(DecodeFailure.BAD_FRAMING, DecodeFailure.UNKNOWN_FINGERPRINT);
  }

  @Test
  void randomBodiesBehindAKnownFingerprintOnlyEverFailWithDecodeException() {
    Random random = new Random(2);
    for (int i = 0; i < 100_000; i++) {
      int which = i % CODECS.size();
      byte[] body = new byte[random.nextInt(300)];
      random.nextBytes(body);
      decodeOrFailCleanly(CODECS.get(which), withHeader(SCHEMAS.get(which), body));
    }
    assertThat(failures).containsKeys(DecodeFailure.TRUNCATED_BODY, DecodeFailure.MALFORMED_BODY);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void mutatedValidMessagesDecodeOrFailWithDecodeException(Events.Sample<?> sample) {
    Random random = new Random(3);
    byte[] valid = sample.encoded();
    for (int i = 0; i < 20_000; i++) {
      byte[] input = valid.clone();
      for (int edits = 1 + random.nextInt(3); edits > 0; edits--) {
        input = mutate(input, random);
      }
      decodeOrFailCleanly(sample.codec(), input);
    }
    assertThat(failures).containsKeys(DecodeFailure.TRUNCATED_BODY, DecodeFailure.MALFORMED_BODY);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void everyTruncationOfAValidMessageIsBadFramingOrTruncatedBody(Events.Sample<?> sample) {
    byte[] valid = sample.encoded();
    for (int length = 0; length < valid.length; length++) {
      byte[] cut = Arrays.copyOf(valid, length);
      DecodeFailure expected = length < 10 ? DecodeFailure.BAD_FRAMING : DecodeFailure.TRUNCATED_BODY;
      try {
        sample.decode(cut);
        throw new AssertionError("a " + length + "-byte prefix of " + valid.length + " bytes decoded");
      } catch (DecodeException e) {
        assertThat(e.failure()).as("prefix of %d bytes: %s", length, e.getMessage()).isEqualTo(expected);
      }
    }
  }

  /** Overwrites, inserts or deletes one byte, mostly in the body so most inputs get past the fingerprint. */
  private static byte[] mutate(byte[] input, Random random) {
    int from = random.nextInt(10) == 0 ? 0 : Math.min(10, input.length);
    int at = from + random.nextInt(input.length - from + 1);
    switch (random.nextInt(3)) {
      case 0 -> {
        if (at < input.length) {
          input[at] = (byte) random.nextInt(256);
        }
        return input;
      }
      case 1 -> {
        byte[] longer = new byte[input.length + 1];
        System.arraycopy(input, 0, longer, 0, at);
        longer[at] = (byte) random.nextInt(256);
        System.arraycopy(input, at, longer, at + 1, input.length - at);
        return longer;
      }
      default -> {
        if (at == input.length) {
          return input;
        }
        byte[] shorter = new byte[input.length - 1];
        System.arraycopy(input, 0, shorter, 0, at);
        System.arraycopy(input, at + 1, shorter, at, input.length - at - 1);
        return shorter;
      }
    }
  }

  private void decodeOrFailCleanly(AvroCodec<?> codec, byte[] input) {
    try {
      codec.decode(input);
    } catch (DecodeException e) {
      failures.merge(e.failure(), 1, Integer::sum);
    } catch (Throwable t) {
      throw new AssertionError("decode threw " + t + " for " + HexFormat.of().formatHex(input), t);
    }
  }

  private static byte[] withHeader(Schema schema, byte[] body) {
    return ByteBuffer.allocate(10 + body.length).order(ByteOrder.LITTLE_ENDIAN)
        .put((byte) 0xC3).put((byte) 0x01)
        .putLong(SchemaNormalization.parsingFingerprint64(schema))
        .put(body)
        .array();
  }
}
