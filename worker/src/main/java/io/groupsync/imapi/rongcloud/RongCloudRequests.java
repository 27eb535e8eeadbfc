package io.groupsync.imapi.rongcloud;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.groupsync.event.JoinOption;
import io.groupsync.event.RongCloudInviteConsent;
import io.groupsync.event.RongCloudManagerScope;
import io.groupsync.event.RongCloudMemberProfileScope;
import io.groupsync.imapi.VendorCall;
import io.groupsync.model.Field;
import io.groupsync.model.Patch;
import io.groupsync.model.TargetKind;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.ToIntFunction;

/**
 * Turns a merged patch into the form of {@code /entrust/group/profile/update.json} or
 * {@code /entrust/group/member/set.json}: form fields in the order of the vendor page, JSON-valued fields as JSON
 * strings whose keys follow the page's tables, and only what the patch carries (absent means unchanged, for
 * RongCloud as for us). Signatures travel in headers, added per attempt by the client, never here.
 */
final class RongCloudRequests {

    /** API names: the rate-limit buckets, the same as the emulator's call log. */
    static final String PROFILE_UPDATE = "group/profile/update";
    static final String MEMBER_SET = "group/member/set";

    static final Map<String, String> PATHS = Map.of(
            PROFILE_UPDATE, "/entrust/group/profile/update.json",
            MEMBER_SET, "/entrust/group/member/set.json",
            MemberReadBack.MEMBER_QUERY, MemberReadBack.MEMBER_QUERY_PATH);

    private static final ObjectMapper JSON = new ObjectMapper();

    private RongCloudRequests() {
    }

    static VendorCall profileUpdate(String groupId, Patch patch) {
        Set<Field> fields = EnumSet.noneOf(Field.class);
        ObjectNode profile = JSON.createObjectNode();
        text(profile, fields, patch, Field.NAME, "name");
        text(profile, fields, patch, Field.INTRODUCTION, "introduction");
        text(profile, fields, patch, Field.NOTIFICATION, "announcement");
        text(profile, fields, patch, Field.FACE_URL, "portraitUrl");

        ObjectNode permissions = JSON.createObjectNode();
        perm(permissions, fields, patch, Field.JOIN_OPTION, "joinPerm", JoinOption.class,
                RongCloudFields::joinPerm);
        perm(permissions, fields, patch, Field.RONGCLOUD_REMOVE_PERM, "removePerm", RongCloudManagerScope.class,
                RongCloudFields::managerScope);
        perm(permissions, fields, patch, Field.RONGCLOUD_MEM_INVITE_PERM, "memInvitePerm",
                RongCloudManagerScope.class, RongCloudFields::managerScope);
        perm(permissions, fields, patch, Field.RONGCLOUD_INVITE_PERM, "invitePerm", RongCloudInviteConsent.class,
                RongCloudFields::inviteConsent);
        perm(permissions, fields, patch, Field.RONGCLOUD_PROFILE_PERM, "profilePerm", RongCloudManagerScope.class,
                RongCloudFields::managerScope);
        perm(permissions, fields, patch, Field.RONGCLOUD_MEM_PROFILE_PERM, "memProfilePerm",
                RongCloudMemberProfileScope.class, RongCloudFields::memberProfileScope);

        ObjectNode ext = JSON.createObjectNode();
        // The patch iterates in latest-edit order, so when two merged keys name one ext_ key the later one wins.
        // A deletion is sent as an empty value, which is how RongCloud (as Tencent) removes a key.
        patch.customData().forEach((key, value) -> ext.put(RongCloudFields.extKey(key), value == null ? "" : value));
        if (!ext.isEmpty()) {
            fields.add(Field.CUSTOM_DATA);
        }
        if (fields.isEmpty()) {
            throw new IllegalArgumentException("a group patch with no field RongCloud offers: "
                    + patch.fields(TargetKind.GROUP).stream().map(Field::wireName).toList()
                    + " (unsupported fields are removed before planning)");
        }

        Map<String, JsonNode> form = new LinkedHashMap<>();
        form.put("groupId", TextNode.valueOf(groupId));
        json(form, "groupProfile", profile);
        json(form, "permissions", permissions);
        json(form, "groupExtProfile", ext);
        return call(PROFILE_UPDATE, fields, form);
    }

    /**
     * {@code member/set.json}, or, when the nickname must be resent or keys merged into {@code extra}, a
     * {@link MemberReadBack} the client reads the member for first. The key {@value RongCloudFields#EXTRA_KEY} is
     * the whole {@code extra}; its deletion is sent as {@value MemberReadBack#EMPTY_EXTRA}, RongCloud taking no
     * empty one.
     */
    static VendorCall memberSet(String groupId, String userId, Patch patch) {
        Set<Field> fields = EnumSet.noneOf(Field.class);
        String nickname = patch.get(Field.NAME_CARD, String.class);
        if (nickname != null) {
            fields.add(Field.NAME_CARD);
        }
        Map<String, String> keys = new LinkedHashMap<>(patch.customData());
        String base = keys.containsKey(RongCloudFields.EXTRA_KEY)
                ? Objects.requireNonNullElse(keys.remove(RongCloudFields.EXTRA_KEY), "") : null;
        if (patch.has(Field.MEMBER_CUSTOM_DATA)) {
            fields.add(Field.MEMBER_CUSTOM_DATA);
        }
        if (fields.isEmpty()) {
            throw new IllegalArgumentException("a member patch with no field RongCloud offers (unsupported fields"
                    + " are removed before planning)");
        }
        if (nickname == null || !keys.isEmpty()) {
            return new VendorCall(MEMBER_SET, Collections.unmodifiableSet(fields),
                    new MemberReadBack(groupId, userId, nickname, base, keys));
        }
        Map<String, JsonNode> form = new LinkedHashMap<>();
        form.put("groupId", TextNode.valueOf(groupId));
        form.put("userId", TextNode.valueOf(userId));
        form.put("nickname", TextNode.valueOf(nickname));
        if (base != null) {
            form.put("extra", TextNode.valueOf(base.isEmpty() ? MemberReadBack.EMPTY_EXTRA : base));
        }
        return call(MEMBER_SET, fields, form);
    }

    private static void text(ObjectNode node, Set<Field> fields, Patch patch, Field field, String key) {
        if (patch.has(field)) {
            node.put(key, patch.get(field, String.class));
            fields.add(field);
        }
    }

    private static <E> void perm(ObjectNode node, Set<Field> fields, Patch patch, Field field, String key,
                                 Class<E> type, ToIntFunction<E> value) {
        if (patch.has(field)) {
            node.put(key, value.applyAsInt(patch.get(field, type)));
            fields.add(field);
        }
    }

    private static void json(Map<String, JsonNode> form, String name, ObjectNode value) {
        if (!value.isEmpty()) {
            form.put(name, value);
        }
    }

    private static VendorCall call(String api, Set<Field> fields, Map<String, JsonNode> form) {
        return new VendorCall(api, Collections.unmodifiableSet(fields), new RongCloudForm(PATHS.get(api), form));
    }
}
