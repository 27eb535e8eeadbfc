package io.groupsync.schemas.kafka;

import io.groupsync.event.SyncResult;
import io.groupsync.schemas.AvroCodec;
import io.groupsync.schemas.RegistryCodec;

/** {@link GroupsyncSerializer} of {@code SyncResult}, for {@code value.serializer}. */
public final class SyncResultSerializer extends GroupsyncSerializer<SyncResult> {
  public SyncResultSerializer() {
    super(AvroCodec.syncResult(), RegistryCodec::syncResult);
  }
}
