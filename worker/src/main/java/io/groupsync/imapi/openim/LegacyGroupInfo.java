package io.groupsync.imapi.openim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.groupsync.imapi.CallResult;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The fall-back for open-im-server v3.8.0, which has no {@code /group/set_group_info_ex} (it arrived in v3.8.1)
 * and answers it with a bare HTTP 404: the same edit as {@code /group/set_group_info}, {@code {"groupInfoForSet":
 * {…}}}, whose numbers and {@code ex} are protobuf wrappers bound from JSON as {@code {"value": …}}. That route
 * takes an empty text as "unchanged" (v3.8.0 {@code UpdateGroupInfoMap}), so an edit that clears a name,
 * notification, introduction or face URL cannot be served by it and is refused with the versions that can.
 */
final class LegacyGroupInfo {

    static final String SET_GROUP_INFO = "group/set_group_info";
    static final String SUPPORTED = "groupsync supports open-im-server v3.8.1 to v3.8.3"
            + " (v3.8.0 only through /group/set_group_info)";

    private static final Set<String> TEXTS = Set.of("groupID", "groupName", "notification", "introduction",
            "faceURL");
    private static final Set<String> WRAPPED = Set.of("ex", "needVerification", "lookMemberInfo",
            "applyMemberFriend");
    private static final ObjectMapper JSON = new ObjectMapper();

    private LegacyGroupInfo() {
    }

    /** Whether this answer says the server has no such route: a 404 without OpenIM's envelope. */
    static boolean routeMissing(CallResult result) {
        return Integer.valueOf(404).equals(result.httpStatus()) && result.vendorCode() == null;
    }

    /** The set_group_info body for a (merged) set_group_info_ex one, or empty when it clears a text. */
    static Optional<ObjectNode> of(ObjectNode infoEx) {
        ObjectNode set = JSON.createObjectNode();
        for (Map.Entry<String, JsonNode> field : infoEx.properties()) {
            String name = field.getKey();
            JsonNode value = field.getValue();
            if (TEXTS.contains(name)) {
                if (value.asText().isEmpty()) {
                    return Optional.empty();
                }
                set.set(name, value);
            } else if (WRAPPED.contains(name)) {
                set.putObject(name).set("value", value);
            } else {
                throw new IllegalArgumentException("set_group_info_ex field with no set_group_info twin: " + name);
            }
        }
        ObjectNode body = JSON.createObjectNode();
        body.set("groupInfoForSet", set);
        return Optional.of(body);
    }

    static String cannotClear() {
        return "this OpenIM server has no /group/set_group_info_ex, and /group/set_group_info cannot clear a text"
                + " (it takes \"\" as unchanged); " + SUPPORTED;
    }

    static String neitherRoute() {
        return "neither /group/set_group_info_ex nor /group/set_group_info exists at this address (HTTP 404): is it"
                + " an open-im-server API address? " + SUPPORTED;
    }
}
