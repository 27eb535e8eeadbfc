package io.groupsync.schemas.kafka;

import io.groupsync.event.GroupChange;
import io.groupsync.schemas.AvroCodec;
import io.groupsync.schemas.RegistryCodec;

/** {@link GroupsyncSerializer} of {@code GroupChange}, for {@code value.serializer}. */
public final class GroupChangeSerializer extends GroupsyncSerializer<GroupChange> {
  public GroupChangeSerializer() {
    super(AvroCodec.groupChange(), RegistryCodec::groupChange);
  }
}
