package io.groupsync.imapi.openim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * How groupsync's custom data lives in OpenIM's one opaque {@code ex} string (group and member alike).
 *
 * <p>Decision: {@code ex} holds a JSON object of string values, one entry per custom-data key. A patch changes
 * some keys only, so it cannot be written as the whole string: the plan carries the change as a JSON merge patch
 * (RFC 7396: a key set to null is deleted) in place of the string, and {@code send} reads the current {@code ex},
 * merges, and writes the result. An empty {@code ex} counts as {@code {}}; an {@code ex} that is anything else
 * than a JSON object was written by someone else and is never overwritten: the call fails permanently.
 * Values of keys the patch does not name are kept whatever their JSON type.
 */
final class OpenImEx {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final StreamReadConstraints READ_LIMITS = JSON.getFactory().streamReadConstraints();

    /** An {@code ex} at the vendor that is not ours to merge into. */
    static final class NotAnObject extends Exception {
        NotAnObject(String message) {
            super(message);
        }
    }

    private OpenImEx() {
    }

    /** The merge patch a plan carries for {@code customData} (null = delete). */
    static ObjectNode mergePatch(Map<String, String> customData) {
        ObjectNode patch = JSON.createObjectNode();
        customData.forEach((key, value) -> {
            if (value == null) {
                patch.putNull(key);
            } else {
                patch.put(key, value);
            }
        });
        return patch;
    }

    /**
     * Refuses a planned body with a key Jackson would not read back (longer than its name limit): this client
     * reads {@code ex} back to merge into it, so such a key would leave that {@code ex} unmergeable for good.
     */
    static void checkReadable(JsonNode planned) throws StreamConstraintsException {
        for (Map.Entry<String, JsonNode> entry : planned.properties()) {
            READ_LIMITS.validateNameLength(entry.getKey().length());
            checkReadable(entry.getValue());
        }
        for (JsonNode element : planned.isArray() ? planned : List.<JsonNode>of()) {
            checkReadable(element);
        }
    }

    /** Whether a planned {@code ex} is a merge patch still to be applied, rather than a string to send. */
    static boolean isMergePatch(JsonNode ex) {
        return ex != null && ex.isObject();
    }

    /**
     * The {@code ex} to write: {@code current} with {@code patch} applied.
     *
     * @param whose names the group or member in the failure, e.g. {@code group g1}
     */
    static String merge(String current, JsonNode patch, String whose) throws NotAnObject {
        ObjectNode merged;
        if (current == null || current.isEmpty()) {
            merged = JSON.createObjectNode();
        } else {
            JsonNode parsed;
            try {
                parsed = JSON.readTree(current);
            } catch (JsonProcessingException e) {
                parsed = null;
            }
            if (parsed == null || !parsed.isObject()) {
                throw new NotAnObject("ex of " + whose + " at OpenIM is not a JSON object, so custom data cannot"
                        + " be merged into it; it is left as it is (" + current.length() + " characters)");
            }
            merged = (ObjectNode) parsed;
        }
        patch.properties().forEach(entry -> {
            if (entry.getValue().isNull()) {
                merged.remove(entry.getKey());
            } else {
                merged.set(entry.getKey(), entry.getValue());
            }
        });
        try {
            return JSON.writeValueAsString(merged);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }
}
