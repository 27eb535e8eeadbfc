package io.groupsync.schemas.kafka;

import io.groupsync.event.DeadLetter;
import io.groupsync.schemas.AvroCodec;
import io.groupsync.schemas.RegistryCodec;

/** {@link GroupsyncSerializer} of {@code DeadLetter}, for {@code value.serializer}. */
public final class DeadLetterSerializer extends GroupsyncSerializer<DeadLetter> {
  public DeadLetterSerializer() {
    super(AvroCodec.deadLetter(), RegistryCodec::deadLetter);
  }
}
