package io.groupsync.schemas.kafka;

import io.groupsync.event.DeadLetter;
import io.groupsync.schemas.AvroCodec;
import io.groupsync.schemas.RegistryCodec;

/** {@link GroupsyncDeserializer} of {@code DeadLetter}, for {@code value.deserializer}. */
public final class DeadLetterDeserializer extends GroupsyncDeserializer<DeadLetter> {
  public DeadLetterDeserializer() {
    super(AvroCodec.deadLetter(), RegistryCodec::deadLetter);
  }
}
