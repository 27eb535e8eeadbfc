package io.groupsync.schemas;

import static io.groupsync.schemas.DecodeFailure.MALFORMED_BODY;
import static io.groupsync.schemas.DecodeFailure.TRUNCATED_BODY;

import org.apache.avro.Schema;

/**
 * Walks a binary-encoded body against its writer schema, building nothing, before Avro's reader is given it.
 *
 * <p>Avro's reader cannot be handed hostile bytes directly: it allocates what a length or an item count asks for
 * before reading the bytes behind it (a 20-byte message can ask for a 2 GB string or a billion-item array), and its
 * skip path trusts an array block's byte size without walking the items. Here every length and count is held
 * against the bytes actually left, so the reader that follows allocates at most in proportion to the message. The
 * walk also refuses what the reader would let through silently: leftover bytes and booleans other than 0 and 1.
 *
 * <p>An item count is bounded by the bytes left because every item of these schemas takes at least one byte; an array
 * of zero-width items (null, an empty record) would be refused beyond that bound, and no released schema has one.
 */
final class BodyCheck {
  /** Where and why a body fails; the codec adds which schema, version and fingerprint. */
  static final class Fault extends Exception {
    private static final long serialVersionUID = 1L;

    final DecodeFailure failure;
    final int offset;
    private String path = "";

    Fault(DecodeFailure failure, int offset, String detail) {
      // No stack trace: bad input is an expected outcome, turned into a DecodeException straight away.
      super(detail, null, false, false);
      this.failure = failure;
      this.offset = offset;
    }

    Fault within(String field) {
      path = path.isEmpty() ? field : field + "." + path;
      return this;
    }

    /** Dotted field names from the top-level record down to the failing value; empty if outside every field. */
    String path() {
      return path;
    }
  }

  private final byte[] bytes;
  private int pos;

  private BodyCheck(byte[] bytes, int start) {
    this.bytes = bytes;
    this.pos = start;
  }

  /** Passes if {@code bytes[bodyStart..]} is exactly one value of {@code writer}. */
  static void check(Schema writer, byte[] bytes, int bodyStart) throws Fault {
    BodyCheck walk = new BodyCheck(bytes, bodyStart);
    walk.value(writer);
    if (walk.pos != bytes.length) {
      throw new Fault(MALFORMED_BODY, walk.pos, (bytes.length - walk.pos) + " bytes left over after the record");
    }
  }

  private void value(Schema schema) throws Fault {
    switch (schema.getType()) {
      case NULL -> { }
      case BOOLEAN -> {
        int start = pos;
        skip(1, "a boolean");
        if ((bytes[start] & 0xff) > 1) {
          throw new Fault(MALFORMED_BODY, start, "boolean byte " + (bytes[start] & 0xff) + " is neither 0 nor 1");
        }
      }
      case INT -> readInt("an int");
      case LONG -> varint(10, "a long");
      case FLOAT -> skip(4, "a float");
      case DOUBLE -> skip(8, "a double");
      case STRING -> skipCounted("a string");
      case BYTES -> skipCounted("a bytes value");
      case FIXED -> skip(schema.getFixedSize(), "a fixed");
      case ENUM -> index(schema.getEnumSymbols().size(), "enum index");
      case UNION -> value(schema.getTypes().get(index(schema.getTypes().size(), "union branch")));
      case ARRAY -> items(schema.getElementType(), false);
      case MAP -> items(schema.getValueType(), true);
      case RECORD -> {
        for (Schema.Field field : schema.getFields()) {
          try {
            value(field.schema());
          } catch (Fault fault) {
            throw fault.within(field.name());
          }
        }
      }
    }
  }

  private void items(Schema item, boolean keyed) throws Fault {
    String kind = keyed ? "map" : "array";
    String aKind = keyed ? "a map" : "an array";
    for (;;) {
      int start = pos;
      long count = varint(10, aKind + " block count");
      if (count == 0) {
        return;
      }
      int blockEnd = -1;
      if (count < 0) {
        // A negative count is followed by the block's size in bytes, which lets a reader skip the block.
        if (count == Long.MIN_VALUE) {
          throw new Fault(MALFORMED_BODY, start, kind + " block count " + count + " has no positive counterpart");
        }
        count = -count;
        int size = length(aKind + " block");
        blockEnd = pos + size;
      }
      if (count > remaining()) {
        throw new Fault(TRUNCATED_BODY, start,
            count + " " + kind + " items cannot fit in the " + remaining() + " bytes left");
      }
      for (long i = 0; i < count; i++) {
        if (keyed) {
          skipCounted("a map key");
        }
        value(item);
      }
      if (blockEnd >= 0 && pos != blockEnd) {
        throw new Fault(MALFORMED_BODY, start, kind + " block size disagrees with its items by "
            + (pos - blockEnd) + " bytes");
      }
    }
  }

  /** Moves past a length-prefixed value (string, bytes, map key). */
  private void skipCounted(String what) throws Fault {
    int length = length(what);
    pos += length;
  }

  /** Reads a length and checks it fits in what is left; the caller moves past the bytes it covers. */
  private int length(String what) throws Fault {
    int start = pos;
    long length = varint(10, "the length of " + what);
    if (length < 0) {
      throw new Fault(MALFORMED_BODY, start, "negative length " + length + " of " + what);
    }
    if (length > remaining()) {
      throw new Fault(TRUNCATED_BODY, start,
          what + " of " + length + " bytes reaches past the end (" + remaining() + " bytes left)");
    }
    return (int) length;
  }

  private int index(int size, String what) throws Fault {
    int start = pos;
    int index = readInt(what);
    if (index < 0 || index >= size) {
      throw new Fault(MALFORMED_BODY, start, what + " " + index + " is out of range 0.." + (size - 1));
    }
    return index;
  }

  private int readInt(String what) throws Fault {
    int start = pos;
    long value = varint(5, what);
    if (value != (int) value) {
      throw new Fault(MALFORMED_BODY, start, what + " " + value + " does not fit in 32 bits");
    }
    return (int) value;
  }

  /** A zig-zag varint of at most {@code maxBytes} bytes, as the Avro spec encodes int and long. */
  private long varint(int maxBytes, String what) throws Fault {
    int start = pos;
    long raw = 0;
    for (int i = 0; i < maxBytes; i++) {
      if (pos == bytes.length) {
        throw new Fault(TRUNCATED_BODY, start, "the bytes end inside " + what);
      }
      int b = bytes[pos++] & 0xff;
      raw |= (long) (b & 0x7f) << (7 * i);
      if (b < 0x80) {
        return (raw >>> 1) ^ -(raw & 1);
      }
    }
    throw new Fault(MALFORMED_BODY, start, what + " runs past " + maxBytes + " bytes");
  }

  private void skip(int count, String what) throws Fault {
    if (count > remaining()) {
      throw new Fault(TRUNCATED_BODY, pos, what + " needs " + count + " bytes, " + remaining() + " left");
    }
    pos += count;
  }

  private int remaining() {
    return bytes.length - pos;
  }
}
