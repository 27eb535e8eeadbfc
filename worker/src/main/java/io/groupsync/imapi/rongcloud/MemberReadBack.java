package io.groupsync.imapi.rongcloud;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.groupsync.imapi.Payload;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A member edit that needs what RongCloud holds before it can be sent: {@code member/set.json} requires the
 * nickname on every call, and keeps one {@code extra} string. So an edit without a nickname resends the one held,
 * and custom-data keys other than {@value RongCloudFields#EXTRA_KEY} are merged into {@code extra} as a JSON
 * object, both read with {@code /entrust/group/member/specific/query.json} ([sdk] {@code queryMembersByUserIds},
 * which answers {@code members[{userId, nickname, role, time, extra}]}), one read per call, paced as its own API.
 *
 * <p>Decisions: an empty or absent {@code extra} counts as {@code {}}; one that is not a JSON object was written
 * by someone else and is never overwritten (permanent); keys set to nothing are removed, and an object left empty
 * is written {@code {}}, as RongCloud takes no empty {@code extra} ([sdk] checks it to 1..128 characters). A
 * whole {@code extra} merged in the same request is the base the keys go on, and no read is needed for it.
 *
 * @param nickname the nickname to send, or null to resend the one held
 * @param base     the whole {@code extra} the patch sets (its {@value RongCloudFields#EXTRA_KEY} key), or null
 * @param keys     the other keys to merge into {@code extra}, a null value deleting one; empty for none
 */
record MemberReadBack(String groupId, String userId, String nickname, String base, Map<String, String> keys)
        implements Payload {

    static final String MEMBER_QUERY = "group/member/specific/query";
    static final String MEMBER_QUERY_PATH = "/entrust/group/member/specific/query.json";
    /** What RongCloud is sent for an {@code extra} that holds nothing. */
    static final String EMPTY_EXTRA = "{}";

    private static final ObjectMapper JSON = new ObjectMapper();

    MemberReadBack {
        keys = Collections.unmodifiableMap(new LinkedHashMap<>(keys));
    }

    /** What the read found, turned into the form to send, or why nothing can be sent. */
    record Resolved(RongCloudForm form, String failure) {
    }

    /** The read of this member. */
    RongCloudForm query() {
        Map<String, JsonNode> form = new LinkedHashMap<>();
        form.put("groupId", TextNode.valueOf(groupId));
        form.put("userIds", TextNode.valueOf(userId));
        return new RongCloudForm(MEMBER_QUERY_PATH, form);
    }

    /** @param answer the query's answer body ({@code {"code":200,"members":[…]}}) */
    Resolved resolve(JsonNode answer) {
        JsonNode held = null;
        for (JsonNode member : answer.path("members")) {
            if (userId.equals(member.path("userId").asText())) {
                held = member;
            }
        }
        if (held == null) {
            return failed("RongCloud holds no member " + userId + " in group " + groupId + " to read back");
        }
        String sentNickname = nickname != null ? nickname : held.path("nickname").asText("");
        if (sentNickname.isEmpty()) {
            return failed("RongCloud holds no nickname for " + userId + " to resend, and needs one with every"
                    + " member edit");
        }
        Map<String, JsonNode> form = new LinkedHashMap<>();
        form.put("groupId", TextNode.valueOf(groupId));
        form.put("userId", TextNode.valueOf(userId));
        form.put("nickname", TextNode.valueOf(sentNickname));
        if (base != null || !keys.isEmpty()) {
            String extra;
            try {
                extra = extra(held.path("extra").asText(""));
            } catch (IllegalArgumentException notAnObject) {
                return failed(notAnObject.getMessage());
            }
            int length = extra.codePointCount(0, extra.length());
            if (length > RongCloudLimits.MAX_EXTRA) {
                return failed("extra with the keys merged in is " + length + " characters; RongCloud allows at most "
                        + RongCloudLimits.MAX_EXTRA);
            }
            form.put("extra", TextNode.valueOf(extra));
        }
        return new Resolved(new RongCloudForm(RongCloudRequests.PATHS.get(RongCloudRequests.MEMBER_SET), form),
                null);
    }

    private String extra(String heldExtra) {
        if (keys.isEmpty()) {
            return base.isEmpty() ? EMPTY_EXTRA : base;
        }
        String start = base != null ? base : heldExtra;
        ObjectNode object;
        try {
            JsonNode parsed = start.isEmpty() ? JSON.createObjectNode() : JSON.readTree(start);
            if (parsed == null || !parsed.isObject()) {
                throw new IllegalArgumentException(notAnObject());
            }
            object = (ObjectNode) parsed;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(notAnObject());
        }
        keys.forEach((key, value) -> {
            if (value == null) {
                object.remove(key);
            } else {
                object.put(key, value);
            }
        });
        return object.toString();
    }

    private String notAnObject() {
        return "the member's extra is not a JSON object (someone else wrote it), so keys cannot be merged into it;"
                + " it is left as it is";
    }

    private static Resolved failed(String why) {
        return new Resolved(null, why);
    }

    @Override
    public String contentType() {
        return RongCloudForm.CONTENT_TYPE;
    }

    /** Never written as it is: the client reads first and sends the form {@link #resolve} makes. */
    @Override
    public byte[] encode() {
        throw new IllegalStateException("a member edit that reads back is sent as the form resolve() makes");
    }

    @Override
    public String redacted() {
        return "POST " + RongCloudRequests.PATHS.get(RongCloudRequests.MEMBER_SET) + " after reading "
                + MEMBER_QUERY_PATH + "\ngroupId=" + groupId + "&userId=" + userId
                + (nickname == null ? "" : "&nickname=" + nickname)
                + (base == null ? "" : "&extra=" + base) + (keys.isEmpty() ? "" : " with extra keys " + keys);
    }
}
