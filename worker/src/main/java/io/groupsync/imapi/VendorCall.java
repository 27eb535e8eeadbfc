package io.groupsync.imapi;

import io.groupsync.model.Field;
import java.util.Set;

/**
 * One request to a vendor, ready to send.
 *
 * @param api          the vendor API, which selects the rate-limit bucket
 * @param fields       the canonical fields this request carries
 * @param body         the request body as the vendor gets it (signatures and tokens travel outside it)
 * @param redacted     the request as it may be written to a dead letter: method, path and body, no secret
 * @param contentType  the body's media type
 */
public record VendorCall(String api, Set<Field> fields, byte[] body, String redacted, String contentType) {
}
