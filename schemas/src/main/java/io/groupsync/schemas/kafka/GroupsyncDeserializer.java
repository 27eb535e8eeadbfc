package io.groupsync.schemas.kafka;

import io.groupsync.schemas.AvroCodec;
import io.groupsync.schemas.DecodeException;
import io.groupsync.schemas.RegistryCodec;
import io.groupsync.schemas.WireDecoder;
import io.groupsync.schemas.registry.RegistryClient;
import io.groupsync.schemas.registry.RegistryException;
import java.util.Map;
import java.util.function.BiFunction;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads one of groupsync's records in either framing, told apart by the first byte; registry-framed values need
 * {@code schema.registry.url}. A value that cannot be read is a {@link SerializationException} whose cause is the
 * {@link DecodeException} (with its {@code DecodeFailure}), or the {@link RegistryException} of an unreachable
 * registry.
 *
 * @param <T> the generated record class
 */
public abstract class GroupsyncDeserializer<T extends SpecificRecordBase> implements Deserializer<T> {

  private final AvroCodec<T> singleObject;
  private final BiFunction<RegistryClient, Integer, RegistryCodec<T>> registryCodec;
  private WireDecoder<T> decoder;

  GroupsyncDeserializer(AvroCodec<T> singleObject, BiFunction<RegistryClient, Integer, RegistryCodec<T>> registry) {
    this.singleObject = singleObject;
    this.registryCodec = registry;
    this.decoder = new WireDecoder<>(singleObject, null);
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    RegistryClient client = SerdeSettings.client(configs);
    decoder = new WireDecoder<>(singleObject,
        client == null ? null : registryCodec.apply(client, SerdeSettings.cacheSize(configs)));
  }

  @Override
  public T deserialize(String topic, byte[] data) {
    if (data == null) {
      return null;
    }
    try {
      return decoder.decode(data);
    } catch (DecodeException | RegistryException e) {
      throw new SerializationException("cannot read a value of topic " + topic + ": " + e.getMessage(), e);
    }
  }
}
