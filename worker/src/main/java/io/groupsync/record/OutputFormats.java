package io.groupsync.record;

import io.groupsync.event.DeadLetter;
import io.groupsync.event.SyncResult;
import io.groupsync.schemas.AvroCodec;
import java.util.function.Function;

/**
 * How the outputs' Avro is framed: the result value and the dead-letter metadata header, each single-object
 * encoded or in the registry framing (the wiring gives an encoder holding the registry's id for the topic).
 */
public record OutputFormats(Function<SyncResult, byte[]> results, Function<DeadLetter, byte[]> deadLetters) {

    public static final OutputFormats SINGLE_OBJECT =
            new OutputFormats(AvroCodec.syncResult()::encode, AvroCodec.deadLetter()::encode);
}
