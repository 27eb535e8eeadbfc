package io.groupsync.schemas;

import io.groupsync.schemas.registry.RegistryException;
import java.util.Objects;
import org.apache.avro.generic.IndexedRecord;

/**
 * Reads either framing, told apart by the first byte: {@code 00} is the registry framing ({@link RegistryCodec}),
 * anything else goes to the single-object codec ({@link AvroCodec}, which refuses all but {@code C3 01}).
 *
 * @param <T> the generated record class
 */
public final class WireDecoder<T extends IndexedRecord> {

  private final AvroCodec<T> singleObject;
  private final RegistryCodec<T> registry;

  /** @param registry null where no registry is configured: registry-framed messages are then bad framing */
  public WireDecoder(AvroCodec<T> singleObject, RegistryCodec<T> registry) {
    this.singleObject = Objects.requireNonNull(singleObject, "singleObject");
    this.registry = registry;
  }

  /**
   * @throws DecodeException   the message cannot be decoded, whatever the registry says later
   * @throws RegistryException only for a registry-framed message, when the registry is unavailable
   */
  public T decode(byte[] message) throws DecodeException, RegistryException {
    if (!RegistryCodec.isFramed(message)) {
      return singleObject.decode(message);
    }
    if (registry == null) {
      throw new DecodeException(DecodeFailure.BAD_FRAMING, "the message starts with 00, the schema registry "
          + "framing, but no schema registry is configured to look its schema id up");
    }
    return registry.decode(message);
  }
}
