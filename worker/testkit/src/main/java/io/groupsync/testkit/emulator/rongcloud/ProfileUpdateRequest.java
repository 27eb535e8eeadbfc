package io.groupsync.testkit.emulator.rongcloud;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads and checks the form of {@code /entrust/group/profile/update.json} into a {@link GroupPatch}. Everything is
 * checked before anything is applied, so a refused call changes nothing.
 */
final class ProfileUpdateRequest {

    static final String EXT_PREFIX = "ext_";
    static final int MAX_EXT_KEY = 32;
    static final int MAX_EXT_VALUE = 256;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Integer> PROFILE_LIMITS = Map.of(
            "name", 64, "introduction", 512, "announcement", 1024, "portraitUrl", 128);
    private static final Map<String, Integer> PERMISSION_MAX = Map.of(
            "joinPerm", 3, "removePerm", 2, "memInvitePerm", 2, "invitePerm", 1, "profilePerm", 2,
            "memProfilePerm", 2);

    private ProfileUpdateRequest() {
    }

    /*
     * Decisions where the page is silent, each refused with 1002:
     *  - a call that sets none of groupProfile, permissions, groupExtProfile (a blank field counts as absent);
     *  - a key the page does not list inside groupProfile or permissions (catches typos such as "notification");
     *  - a non-string profile or ext value, a non-integer permission, an empty name (a hosted group always has one);
     *  - an ext key that is "ext_" alone. An ext key's 32-character limit includes the "ext_" prefix.
     * Unknown form parameters are ignored, as form-reading servers do.
     */
    static GroupPatch parse(Map<String, String> form) {
        String groupId = FormChecks.groupId(form);
        JsonNode profile = object(form, "groupProfile");
        JsonNode permissions = object(form, "permissions");
        JsonNode ext = object(form, "groupExtProfile");
        if (profile == null && permissions == null && ext == null) {
            throw RongCloudRejection.paramError("nothing to update: give groupProfile, permissions or groupExtProfile");
        }
        return new GroupPatch(groupId, profile(profile), permissions(permissions), ext(ext));
    }

    private static JsonNode object(Map<String, String> form, String field) {
        String text = form.get(field);
        if (text == null || text.isBlank()) {
            return null;
        }
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw RongCloudRejection.paramError(field + " is not valid JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw RongCloudRejection.paramError(field + " must be a JSON object");
        }
        return node;
    }

    private static Map<String, String> profile(JsonNode profile) {
        Map<String, String> out = new LinkedHashMap<>();
        if (profile == null) {
            return out;
        }
        for (Map.Entry<String, JsonNode> entry : profile.properties()) {
            String key = entry.getKey();
            Integer max = PROFILE_LIMITS.get(key);
            if (max == null) {
                throw RongCloudRejection.paramError("groupProfile has no key " + key);
            }
            String value = text("groupProfile." + key, entry.getValue());
            if (key.equals("name") && value.isEmpty()) {
                throw RongCloudRejection.paramError("groupProfile.name must not be empty");
            }
            out.put(key, FormChecks.maxLength("groupProfile." + key, value, max));
        }
        return out;
    }

    private static Map<String, Integer> permissions(JsonNode permissions) {
        Map<String, Integer> out = new HashMap<>();
        if (permissions == null) {
            return out;
        }
        for (Map.Entry<String, JsonNode> entry : permissions.properties()) {
            String key = entry.getKey();
            Integer max = PERMISSION_MAX.get(key);
            if (max == null) {
                throw RongCloudRejection.paramError("permissions has no key " + key);
            }
            JsonNode value = entry.getValue();
            if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < 0
                    || value.intValue() > max) {
                throw RongCloudRejection.paramError("permissions." + key + " must be an integer 0.." + max
                        + ", was " + value);
            }
            out.put(key, value.intValue());
        }
        return out;
    }

    private static Map<String, String> ext(JsonNode ext) {
        Map<String, String> out = new LinkedHashMap<>();
        if (ext == null) {
            return out;
        }
        for (Map.Entry<String, JsonNode> entry : ext.properties()) {
            String key = entry.getKey();
            if (!key.startsWith(EXT_PREFIX) || key.length() == EXT_PREFIX.length()) {
                throw RongCloudRejection.paramError("groupExtProfile keys must be " + EXT_PREFIX
                        + " followed by a name: " + key);
            }
            FormChecks.maxLength("groupExtProfile key " + key, key, MAX_EXT_KEY);
            String value = text("groupExtProfile." + key, entry.getValue());
            out.put(key, FormChecks.maxLength("groupExtProfile." + key, value, MAX_EXT_VALUE));
        }
        return out;
    }

    private static String text(String field, JsonNode value) {
        if (!value.isTextual()) {
            throw RongCloudRejection.paramError(field + " must be a string, was " + value);
        }
        return value.textValue();
    }
}
