package io.groupsync.schemas;

import io.groupsync.event.DeadLetter;
import io.groupsync.event.GroupChange;
import io.groupsync.event.SyncResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.SchemaStore;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * The wire format of groupsync's records: Avro single-object encoding, i.e. {@code C3 01}, the 8-byte little-endian
 * CRC-64-AVRO fingerprint of the writer schema's parsing canonical form, then the binary body.
 *
 * <p>{@link #encode} always writes the newest released version (the generated classes are built from it).
 * {@link #decode} accepts every released version the jar carries, found by fingerprint, and resolves it to the
 * generated class. A version newer than this jar is {@link DecodeFailure#UNKNOWN_FINGERPRINT}: upgrade readers of a
 * topic before its writers.
 *
 * <p>Thread-safe and immutable: share one instance per type (the static factories return shared ones). Avro's
 * message encoder and decoder underneath are thread-safe and keep their scratch buffers per thread.
 *
 * @param <T> the generated record class
 */
public final class AvroCodec<T extends IndexedRecord> {
  private static final byte[] MARKER = {(byte) 0xC3, 0x01};
  private static final int HEADER_LENGTH = MARKER.length + Long.BYTES;

  private final String name;
  private final List<Schema> versions;
  private final SchemaStore.Cache writers = new SchemaStore.Cache();
  private final BinaryMessageEncoder<T> encoder;
  private final BinaryMessageDecoder<T> decoder;

  /**
   * @param model    builds the decoded records (the generated class's own {@code SpecificData}, which carries its
   *                 logical-type conversions)
   * @param schema   the schema records are encoded with and decoded into; must be one of {@code versions}
   * @param versions the released versions, oldest first, that decoding accepts as writer schemas
   */
  AvroCodec(GenericData model, Schema schema, List<Schema> versions) {
    this.name = schema.getName();
    this.versions = List.copyOf(versions);
    this.versions.forEach(writers::addSchema);
    if (writers.findByFingerprint(SchemaNormalization.parsingFingerprint64(schema)) == null) {
      throw new IllegalStateException(name + " encodes with a schema that is not a released version; the generated "
          + "classes and the newest file under src/main/avro have drifted apart");
    }
    this.encoder = new BinaryMessageEncoder<>(model, schema);
    this.decoder = new BinaryMessageDecoder<>(model, schema, writers);
  }

  /** Codec of the events upstream services publish. */
  public static AvroCodec<GroupChange> groupChange() {
    return Shared.GROUP_CHANGE;
  }

  /** Codec of the outcomes on the result topic. */
  public static AvroCodec<SyncResult> syncResult() {
    return Shared.SYNC_RESULT;
  }

  /** Codec of the dead-letter metadata header. */
  public static AvroCodec<DeadLetter> deadLetter() {
    return Shared.DEAD_LETTER;
  }

  /** Loaded on first use, so a service that only encodes events never reads the other schemas. */
  private static final class Shared {
    static final AvroCodec<GroupChange> GROUP_CHANGE = forGenerated(GroupChange.class, GroupChange.getClassSchema());
    static final AvroCodec<SyncResult> SYNC_RESULT = forGenerated(SyncResult.class, SyncResult.getClassSchema());
    static final AvroCodec<DeadLetter> DEAD_LETTER = forGenerated(DeadLetter.class, DeadLetter.getClassSchema());

    private static <R extends SpecificRecordBase> AvroCodec<R> forGenerated(Class<R> type, Schema schema) {
      return new AvroCodec<>(SpecificData.getForClass(type), schema, ReleasedSchemas.versions(schema.getName()));
    }
  }

  /**
   * Encodes with the newest released version.
   *
   * @throws IllegalArgumentException if the record does not fit its schema, e.g. a required field is null or the
   *                                  patch is neither patch type (the generated builders catch the first earlier)
   */
  public byte[] encode(T record) {
    Objects.requireNonNull(record, "record");
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try {
      encoder.encode(record, out);
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory failed", e);
    } catch (AvroRuntimeException | NullPointerException | ClassCastException e) {
      throw new IllegalArgumentException(name + " cannot be encoded: " + e.getMessage(), e);
    }
    return out.toByteArray();
  }

  /**
   * Decodes a message written with any released version into the current class. Throws nothing but
   * {@link DecodeException}, whatever the bytes; a {@code null} message (a Kafka tombstone) is
   * {@link DecodeFailure#BAD_FRAMING}.
   */
  public T decode(byte[] message) throws DecodeException {
    if (message == null) {
      throw new DecodeException(DecodeFailure.BAD_FRAMING, name + " message is null (no value)");
    }
    if (message.length < HEADER_LENGTH) {
      throw new DecodeException(DecodeFailure.BAD_FRAMING, String.format(
          "%s message is %d bytes; single-object encoding needs at least %d (C3 01 and an 8-byte fingerprint)",
          name, message.length, HEADER_LENGTH));
    }
    if (message[0] != MARKER[0] || message[1] != MARKER[1]) {
      throw new DecodeException(DecodeFailure.BAD_FRAMING, String.format(
          "%s message starts with %02X %02X, not the single-object marker C3 01", name, message[0], message[1]));
    }
    long fingerprint = ByteBuffer.wrap(message, MARKER.length, Long.BYTES).order(ByteOrder.LITTLE_ENDIAN).getLong();
    Schema writer = writers.findByFingerprint(fingerprint);
    if (writer == null) {
      throw new DecodeException(DecodeFailure.UNKNOWN_FINGERPRINT, String.format(
          "%s message names writer schema fingerprint %s, which is no released version of %s (known: %s)",
          name, hex(fingerprint), name, knownVersions()));
    }
    try {
      BodyCheck.check(writer, message, HEADER_LENGTH);
    } catch (BodyCheck.Fault fault) {
      throw new DecodeException(fault.failure, String.format("%s is %s at byte %d%s: %s",
          source(writer, fingerprint), fault.failure == DecodeFailure.TRUNCATED_BODY ? "truncated" : "malformed",
          fault.offset, fault.path().isEmpty() ? "" : " in " + fault.path(), fault.getMessage()));
    }
    try {
      return decoder.decode(message);
    } catch (IOException | RuntimeException e) {
      // The walk above has vetted the structure; this is the reader refusing a value, e.g. in schema resolution.
      throw new DecodeException(DecodeFailure.MALFORMED_BODY,
          source(writer, fingerprint) + " cannot be read: " + e, e);
    }
  }

  /** Names the body in a failure message; built only when one is thrown, as formatting costs more than decoding. */
  private String source(Schema writer, long fingerprint) {
    return String.format("%s v%d body (fingerprint %s)", name, versions.indexOf(writer) + 1, hex(fingerprint));
  }

  private String knownVersions() {
    return IntStream.range(0, versions.size())
        .mapToObj(i -> "v" + (i + 1) + " " + hex(SchemaNormalization.parsingFingerprint64(versions.get(i))))
        .collect(Collectors.joining(", "));
  }

  /** The fingerprint as a number, the form {@code SchemaNormalization.parsingFingerprint64} returns. */
  static String hex(long fingerprint) {
    return String.format("0x%016X", fingerprint);
  }
}
