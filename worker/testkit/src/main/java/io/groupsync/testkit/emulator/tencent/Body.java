package io.groupsync.testkit.emulator.tencent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Typed reads of a Tencent request body. Every wrong type, length or value throws a {@link TencentError} with
 * 10004 and an ErrorInfo that names the field, so a client can tell which of its fields was refused.
 *
 * <p>Decisions where the pages are silent: a field sent as JSON null counts as a wrong type (10004); fields the
 * emulator does not model (EnablePermission, ...) are ignored, as Tencent ignores unknown keys.
 */
final class Body {

    static final long UINT32_MAX = 4_294_967_295L;

    private final ObjectNode node;

    Body(ObjectNode node) {
        this.node = node;
    }

    boolean has(String field) {
        return node.has(field);
    }

    /** GroupId: absent or not a string → 10004; present but malformed → 10015 (see {@link GroupIds}). */
    String groupId() {
        JsonNode value = node.get("GroupId");
        if (value == null || !value.isTextual()) {
            throw TencentError.badParameter("GroupId is required and must be a string");
        }
        GroupIds.check(value.asText());
        return value.asText();
    }

    /** A required, non-empty string. */
    String requiredString(String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isEmpty()) {
            throw TencentError.badParameter(field + " is required and must be a non-empty string");
        }
        return value.asText();
    }

    /** An optional string of at most {@code maxBytes} UTF-8 bytes. */
    Optional<String> optString(String field, int maxBytes) {
        JsonNode value = node.get(field);
        if (value == null) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw TencentError.badParameter(field + " must be a string");
        }
        checkBytes(field, value.asText(), maxBytes);
        return Optional.of(value.asText());
    }

    /** An optional string that must be one of Tencent's documented values (case-sensitive, as Tencent's are). */
    Optional<String> optEnum(String field, Set<String> allowed) {
        JsonNode value = node.get(field);
        if (value == null) {
            return Optional.empty();
        }
        if (!value.isTextual() || !allowed.contains(value.asText())) {
            throw TencentError.badParameter(field + " must be one of " + String.join(", ", allowed.stream()
                    .sorted().toList()) + ", not " + value);
        }
        return Optional.of(value.asText());
    }

    /** An optional integer within 0..4294967295 (Tencent's uint32 fields). */
    OptionalLong optUint32(String field) {
        JsonNode value = node.get(field);
        if (value == null) {
            return OptionalLong.empty();
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()
                || value.asLong() < 0 || value.asLong() > UINT32_MAX) {
            throw TencentError.badParameter(field + " must be an integer within 0.." + UINT32_MAX + ", not " + value);
        }
        return OptionalLong.of(value.asLong());
    }

    /**
     * An optional {@code [{"Key":..,"Value":..}]} list, in request order (a repeated key: the later one wins when
     * merged). An empty Value means "delete the key".
     */
    Optional<Map<String, String>> optKeyValues(String field, int maxKeyBytes, int maxValueBytes) {
        JsonNode value = node.get(field);
        if (value == null) {
            return Optional.empty();
        }
        if (!value.isArray()) {
            throw TencentError.badParameter(field + " must be an array of {\"Key\",\"Value\"}");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (JsonNode item : value) {
            JsonNode key = item.get("Key");
            JsonNode val = item.get("Value");
            if (!item.isObject() || key == null || !key.isTextual() || key.asText().isEmpty()
                    || val == null || !val.isTextual()) {
                throw TencentError.badParameter(field + " items need a non-empty string Key and a string Value");
            }
            checkBytes(field + " Key", key.asText(), maxKeyBytes);
            checkBytes(field + " Value of " + key.asText(), val.asText(), maxValueBytes);
            out.remove(key.asText());
            out.put(key.asText(), val.asText());
        }
        return Optional.of(out);
    }

    /** A required array of {@code min..max} non-empty strings. */
    List<String> stringArray(String field, int min, int max) {
        return stringArray(field, min, max, false);
    }

    /** A required array of {@code min..max} strings; {@code allowEmpty} leaves empty ones for the caller to judge. */
    List<String> stringArray(String field, int min, int max, boolean allowEmpty) {
        JsonNode value = node.get(field);
        if (value == null || !value.isArray()) {
            throw TencentError.badParameter(field + " is required and must be an array of strings");
        }
        if (value.size() < min || value.size() > max) {
            throw TencentError.badParameter(field + " takes " + min + " to " + max + " entries, not " + value.size());
        }
        List<String> out = new ArrayList<>();
        for (JsonNode item : value) {
            if (!item.isTextual() || (!allowEmpty && item.asText().isEmpty())) {
                throw TencentError.badParameter(field + " entries must be non-empty strings, not " + item);
            }
            out.add(item.asText());
        }
        return out;
    }

    static void checkBytes(String field, String value, int maxBytes) {
        int bytes = value.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > maxBytes) {
            throw TencentError.badParameter(field + " is " + bytes + " bytes (UTF-8), over its limit of "
                    + maxBytes + " bytes");
        }
    }
}
