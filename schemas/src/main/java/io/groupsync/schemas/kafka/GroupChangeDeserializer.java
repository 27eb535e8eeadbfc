package io.groupsync.schemas.kafka;

import io.groupsync.event.GroupChange;
import io.groupsync.schemas.AvroCodec;
import io.groupsync.schemas.RegistryCodec;

/** {@link GroupsyncDeserializer} of {@code GroupChange}, for {@code value.deserializer}. */
public final class GroupChangeDeserializer extends GroupsyncDeserializer<GroupChange> {
  public GroupChangeDeserializer() {
    super(AvroCodec.groupChange(), RegistryCodec::groupChange);
  }
}
