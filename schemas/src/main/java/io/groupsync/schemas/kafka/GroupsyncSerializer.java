package io.groupsync.schemas.kafka;

import io.groupsync.schemas.AvroCodec;
import io.groupsync.schemas.RegistryCodec;
import io.groupsync.schemas.WireFormat;
import io.groupsync.schemas.registry.RegistryClient;
import io.groupsync.schemas.registry.RegistryException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes one of groupsync's records in the framing {@code groupsync.wire.format} names (see {@link SerdeSettings}).
 * With the registry, the schema is registered under {@code <topic>-value} (TopicNameStrategy), or looked up there
 * with {@code auto.register.schemas=false}, once per topic; an unreachable registry fails the send with a
 * {@link SerializationException}, as Confluent's serializer does.
 *
 * @param <T> the generated record class
 */
public abstract class GroupsyncSerializer<T extends SpecificRecordBase> implements Serializer<T> {

  private final AvroCodec<T> singleObject;
  private final BiFunction<RegistryClient, Integer, RegistryCodec<T>> registryCodec;
  private final Map<String, Integer> ids = new ConcurrentHashMap<>();
  private WireFormat format = WireFormat.SINGLE_OBJECT;
  private RegistryCodec<T> registry;
  private boolean autoRegister;
  private boolean isKey;

  GroupsyncSerializer(AvroCodec<T> singleObject, BiFunction<RegistryClient, Integer, RegistryCodec<T>> registry) {
    this.singleObject = singleObject;
    this.registryCodec = registry;
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    this.isKey = isKey;
    format = SerdeSettings.format(configs);
    autoRegister = SerdeSettings.autoRegister(configs);
    RegistryClient client = SerdeSettings.client(configs);
    if (format == WireFormat.REGISTRY && client == null) {
      throw new ConfigException(SerdeSettings.WIRE_FORMAT + "=registry needs " + SerdeSettings.REGISTRY_URL);
    }
    registry = client == null ? null : registryCodec.apply(client, SerdeSettings.cacheSize(configs));
  }

  @Override
  public byte[] serialize(String topic, T data) {
    if (data == null) {
      return null;
    }
    if (format == WireFormat.SINGLE_OBJECT) {
      return singleObject.encode(data);
    }
    String subject = topic + (isKey ? "-key" : "-value");
    Integer id = ids.get(subject);
    if (id == null) {
      try {
        id = registry.writerId(subject, autoRegister);
      } catch (RegistryException e) {
        throw new SerializationException("cannot get a schema id for subject " + subject + ": "
            + e.getMessage(), e);
      }
      ids.put(subject, id);
    }
    return registry.encode(id, data);
  }
}
