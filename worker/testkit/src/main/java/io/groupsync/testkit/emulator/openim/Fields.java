package io.groupsync.testkit.emulator.openim;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads request fields as the server's JSON binding does: an absent field or JSON null is "not sent"; a value of
 * the wrong type, or a number out of the allowed range, is answered 1001 (ArgsError).
 */
final class Fields {

    private Fields() {
    }

    static String optionalString(JsonNode body, String name) {
        JsonNode node = body.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw OpenImError.args(name + " must be a string");
        }
        return node.textValue();
    }

    static String requiredString(JsonNode body, String name) {
        String value = optionalString(body, name);
        if (value == null || value.isEmpty()) {
            throw OpenImError.args(name + " is empty");
        }
        return value;
    }

    /** An integer within {@code min..max}, or null when not sent. */
    static Long optionalLong(JsonNode body, String name, long min, long max) {
        JsonNode node = body.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong()
                || node.longValue() < min || node.longValue() > max) {
            throw OpenImError.args(name + " must be an integer within " + min + ".." + max + ": " + node);
        }
        return node.longValue();
    }

    static Integer optionalInt(JsonNode body, String name, int min, int max) {
        Long value = optionalLong(body, name, min, max);
        return value == null ? null : value.intValue();
    }
}
