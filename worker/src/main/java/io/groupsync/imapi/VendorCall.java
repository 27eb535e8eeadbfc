package io.groupsync.imapi;

import io.groupsync.model.Field;
import java.util.Set;

/**
 * One request to a vendor, ready to send.
 *
 * @param api     the vendor API, which selects the rate-limit bucket
 * @param fields  the canonical fields this request carries
 * @param payload the body, typed until it is encoded for the wire
 */
public record VendorCall(String api, Set<Field> fields, Payload payload) {

    /** A call whose body is bytes already (see {@link Payload#encoded}). */
    public VendorCall(String api, Set<Field> fields, byte[] body, String redacted, String contentType) {
        this(api, fields, Payload.encoded(body, redacted, contentType));
    }

    /** The body as the vendor gets it, encoded now. */
    public byte[] body() {
        return payload.encode();
    }

    /** The request as it may be written to a dead letter: method, path and body, no secret. */
    public String redacted() {
        return payload.redacted();
    }

    public String contentType() {
        return payload.contentType();
    }
}
