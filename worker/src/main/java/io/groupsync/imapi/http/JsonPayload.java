package io.groupsync.imapi.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.groupsync.imapi.Payload;
import io.groupsync.imapi.VendorCall;
import java.nio.charset.StandardCharsets;

/**
 * A JSON body, kept as its tree until it is written.
 *
 * @param head what a dead letter shows before the body: the method, the path and, where the query carries secrets,
 *             the query with them redacted, and the separator to the body
 * @param tree the body; not changed once planned (copy it to change it)
 */
public record JsonPayload(String head, ObjectNode tree) implements Payload {

    public static final String CONTENT_TYPE = "application/json";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The tree of a call planned with a JSON payload. */
    public static ObjectNode treeOf(VendorCall call) {
        if (call.payload() instanceof JsonPayload json) {
            return json.tree();
        }
        throw new IllegalArgumentException(call.api() + " was not planned as JSON: " + call.payload());
    }

    @Override
    public String contentType() {
        return CONTENT_TYPE;
    }

    @Override
    public byte[] encode() {
        try {
            return JSON.writeValueAsBytes(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings and numbers always serialises", e);
        }
    }

    @Override
    public String redacted() {
        return head + new String(encode(), StandardCharsets.UTF_8);
    }
}
