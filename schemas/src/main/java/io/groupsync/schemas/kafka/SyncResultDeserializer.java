package io.groupsync.schemas.kafka;

import io.groupsync.event.SyncResult;
import io.groupsync.schemas.AvroCodec;
import io.groupsync.schemas.RegistryCodec;

/** {@link GroupsyncDeserializer} of {@code SyncResult}, for {@code value.deserializer}. */
public final class SyncResultDeserializer extends GroupsyncDeserializer<SyncResult> {
  public SyncResultDeserializer() {
    super(AvroCodec.syncResult(), RegistryCodec::syncResult);
  }
}
