package io.groupsync.schemas;

import io.groupsync.event.DeadLetter;
import io.groupsync.event.GroupChange;
import io.groupsync.event.SyncResult;
import io.groupsync.schemas.registry.RegistryClient;
import io.groupsync.schemas.registry.RegistryException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;

/**
 * The Confluent Schema Registry wire format: magic byte {@code 00}, the writer schema's 4-byte big-endian global id
 * in the registry, then the Avro binary body.
 *
 * <p>Decoding fetches the writer schema by id (kept in a bounded cache: ids never change their schema), checks with
 * Avro's schema resolution that it can be read as this record, walks the body against it like {@link AvroCodec}
 * does ({@link BodyCheck}: hostile lengths refused before Avro allocates), then reads it into the generated class.
 * Encoding writes the newest released version under the id {@link #writerId} got for it.
 *
 * <p>Thread-safe.
 *
 * @param <T> the generated record class
 */
public final class RegistryCodec<T extends IndexedRecord> {
  public static final byte MAGIC = 0;
  public static final int HEADER_LENGTH = 1 + Integer.BYTES;
  public static final int DEFAULT_CACHE_SIZE = 1_000;
  /**
   * After the registry could not be asked, how long uncached ids fail at once instead of asking again: a registry
   * that drops packets would otherwise cost a whole request timeout per message (per partition, in the worker).
   */
  static final long QUIET_NANOS = 1_000_000_000L;

  /** A writer schema as fetched and judged once: readable ({@code problem} null) or why not. */
  private record Writer<T>(Schema schema, String problem, ThreadLocal<DatumReader<T>> readers) {
  }

  private final String name;
  private final Schema reader;
  private final GenericData model;
  private final RegistryClient client;
  private final Map<Integer, Writer<T>> writers;
  /** The last time the registry could not be asked, and why; null while it answers. */
  private volatile Unavailable unavailable;

  private record Unavailable(long atNanos, RegistryException cause) {
  }

  /** @param cacheSize how many writer schemas are kept; a few per topic is typical */
  RegistryCodec(GenericData model, Schema reader, RegistryClient client, int cacheSize) {
    if (cacheSize < 1) {
      throw new IllegalArgumentException("the schema cache holds at least one schema: " + cacheSize);
    }
    this.name = reader.getName();
    this.reader = reader;
    this.model = model;
    this.client = Objects.requireNonNull(client, "client");
    this.writers = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<Integer, Writer<T>> eldest) {
        return size() > cacheSize;
      }
    };
  }

  public static RegistryCodec<GroupChange> groupChange(RegistryClient client, int cacheSize) {
    return new RegistryCodec<>(SpecificData.getForClass(GroupChange.class), GroupChange.getClassSchema(), client,
        cacheSize);
  }

  public static RegistryCodec<SyncResult> syncResult(RegistryClient client, int cacheSize) {
    return new RegistryCodec<>(SpecificData.getForClass(SyncResult.class), SyncResult.getClassSchema(), client,
        cacheSize);
  }

  public static RegistryCodec<DeadLetter> deadLetter(RegistryClient client, int cacheSize) {
    return new RegistryCodec<>(SpecificData.getForClass(DeadLetter.class), DeadLetter.getClassSchema(), client,
        cacheSize);
  }

  /** True if the message starts with the registry framing's magic byte. */
  public static boolean isFramed(byte[] message) {
    return message != null && message.length > 0 && message[0] == MAGIC;
  }

  /**
   * The id to write with: the newest released schema registered under {@code subject} (TopicNameStrategy:
   * {@code <topic>-value}), or, with {@code autoRegister} off, looked up there.
   *
   * @throws RegistryException unavailable (wait and ask again), or refused: 409 for a schema incompatible with the
   *                           subject's, 40401/40403 when it is not registered and may not be
   */
  public int writerId(String subject, boolean autoRegister) throws RegistryException {
    String schema = reader.toString();
    return autoRegister ? client.register(subject, schema) : client.lookup(subject, schema);
  }

  /** Frames the record, encoded with the newest released version, under the id {@link #writerId} gave. */
  public byte[] encode(int writerId, T record) {
    Objects.requireNonNull(record, "record");
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    out.write(MAGIC);
    out.writeBytes(ByteBuffer.allocate(Integer.BYTES).putInt(writerId).array());
    try {
      @SuppressWarnings("unchecked") // The model builds writers of the records it was made for.
      DatumWriter<T> writer = (DatumWriter<T>) model.createDatumWriter(reader);
      BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
      writer.write(record, encoder);
      encoder.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory failed", e);
    } catch (AvroRuntimeException | NullPointerException | ClassCastException e) {
      throw new IllegalArgumentException(name + " cannot be encoded: " + e.getMessage(), e);
    }
    return out.toByteArray();
  }

  /**
   * Decodes a registry-framed message into the current class.
   *
   * @throws DecodeException   the message is bad for good: {@link DecodeFailure#BAD_FRAMING},
   *                           {@link DecodeFailure#UNKNOWN_SCHEMA_ID}, {@link DecodeFailure#INCOMPATIBLE_SCHEMA} or
   *                           a body that breaks its writer schema
   * @throws RegistryException the registry could not be asked ({@link RegistryException#unavailable()} is true):
   *                           the same message may decode later
   */
  public T decode(byte[] message) throws DecodeException, RegistryException {
    if (message == null || message.length < HEADER_LENGTH || message[0] != MAGIC) {
      throw new DecodeException(DecodeFailure.BAD_FRAMING, String.format(
          "%s message is not in the registry framing (magic byte 00 and a 4-byte schema id, %d bytes at least)",
          name, HEADER_LENGTH));
    }
    int id = ByteBuffer.wrap(message, 1, Integer.BYTES).getInt();
    Writer<T> writer = writer(id);
    if (writer.problem() != null) {
      throw new DecodeException(DecodeFailure.INCOMPATIBLE_SCHEMA, writer.problem());
    }
    try {
      BodyCheck.check(writer.schema(), message, HEADER_LENGTH);
    } catch (BodyCheck.Fault fault) {
      throw new DecodeException(fault.failure, String.format("%s body (registry schema id %d) is %s at byte %d%s: %s",
          name, id, fault.failure == DecodeFailure.TRUNCATED_BODY ? "truncated" : "malformed", fault.offset,
          fault.path().isEmpty() ? "" : " in " + fault.path(), fault.getMessage()));
    }
    try {
      return writer.readers().get().read(null,
          DecoderFactory.get().binaryDecoder(message, HEADER_LENGTH, message.length - HEADER_LENGTH, null));
    } catch (IOException | RuntimeException e) {
      throw new DecodeException(DecodeFailure.MALFORMED_BODY,
          name + " body (registry schema id " + id + ") cannot be read: " + e, e);
    }
  }

  private Writer<T> writer(int id) throws DecodeException, RegistryException {
    synchronized (writers) {
      Writer<T> known = writers.get(id);
      if (known != null) {
        return known;
      }
    }
    Unavailable last = unavailable;
    if (last != null && System.nanoTime() - last.atNanos() < QUIET_NANOS) {
      throw last.cause();
    }
    // Fetched outside the lock: one slow answer must not hold every other id's decoding.
    String text;
    try {
      text = client.schemaById(id);
      unavailable = null;
    } catch (RegistryException e) {
      if (e.unavailable()) {
        unavailable = new Unavailable(System.nanoTime(), e);
        throw e;
      }
      unavailable = null;
      if (e.status() == 404) {
        throw new DecodeException(DecodeFailure.UNKNOWN_SCHEMA_ID,
            name + " message names registry schema id " + id + ", which the registry does not have: " + e.getMessage());
      }
      throw new DecodeException(DecodeFailure.INCOMPATIBLE_SCHEMA,
          name + " message names registry schema id " + id + ", which cannot be used: " + e.getMessage());
    }
    Writer<T> judged = judge(id, text);
    synchronized (writers) {
      writers.put(id, judged);
    }
    return judged;
  }

  private Writer<T> judge(int id, String text) {
    Schema writer;
    try {
      writer = new Schema.Parser().parse(text);
    } catch (RuntimeException e) {
      // Not only SchemaParseException: the registry's text is outside input, and Avro's parser throws others too.
      return new Writer<>(null, name + " message names registry schema id " + id + ", which is no valid Avro schema: "
          + e.getMessage(), null);
    }
    SchemaCompatibility.SchemaPairCompatibility compatibility =
        SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
    if (compatibility.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
      return new Writer<>(writer, String.format("%s message is written with registry schema id %d (%s), which cannot "
          + "be read as %s: %s", name, id, writer.getFullName(), reader.getFullName(),
          compatibility.getResult().getIncompatibilities()), null);
    }
    @SuppressWarnings("unchecked") // The model builds readers of the records it was made for.
    ThreadLocal<DatumReader<T>> readers = ThreadLocal.withInitial(
        () -> (DatumReader<T>) model.createDatumReader(writer, reader));
    return new Writer<>(writer, null, readers);
  }
}
