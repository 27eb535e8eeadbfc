package io.groupsync.worker;

import io.groupsync.schemas.RegistryCodec;
import io.groupsync.schemas.registry.RegistryException;
import java.util.function.Function;
import org.apache.avro.generic.IndexedRecord;

/**
 * An output encoded in the registry framing, under the id the registry gives the newest released schema for its
 * subject. The id is asked for once, before the pipeline starts ({@link RegistryStartup}); it never changes while the
 * worker runs, so outputs need the registry only then.
 */
final class RegistryOutput<T extends IndexedRecord> implements Function<T, byte[]> {

    private final RegistryCodec<T> codec;
    private final String subject;
    private final boolean autoRegister;
    private volatile int id = -1;

    RegistryOutput(RegistryCodec<T> codec, String subject, boolean autoRegister) {
        this.codec = codec;
        this.subject = subject;
        this.autoRegister = autoRegister;
    }

    /**
     * Asks the registry for the id, if not known yet.
     *
     * @return false when the registry could not be asked (ask again later)
     * @throws IllegalStateException when the registry refuses: an incompatible schema (409) or, with auto-register
     *                               off, a schema not registered under the subject
     */
    boolean resolve() {
        if (id >= 0) {
            return true;
        }
        try {
            id = codec.writerId(subject, autoRegister);
            return true;
        } catch (RegistryException e) {
            if (e.unavailable()) {
                return false;
            }
            throw new IllegalStateException("the schema registry refuses the output schema for subject " + subject
                    + (autoRegister ? "" : " (registry.auto-register is false)") + ": " + e.getMessage(), e);
        }
    }

    String subject() {
        return subject;
    }

    @Override
    public byte[] apply(T record) {
        if (id < 0) {
            throw new IllegalStateException("no registry id yet for subject " + subject);
        }
        return codec.encode(id, record);
    }
}
