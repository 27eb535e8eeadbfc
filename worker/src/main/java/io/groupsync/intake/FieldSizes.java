package io.groupsync.intake;

import io.groupsync.event.GroupChange;
import io.groupsync.event.GroupProfilePatch;
import io.groupsync.event.MemberProfilePatch;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The size every field of an event may have, whatever the route: what the worker holds for a pending record is then
 * bounded by its raw size, and no field can hold the heap by itself (a 900 KB operator, 166,000 custom-data keys).
 * The vendors' own, smaller limits are checked per route ({@code *Limits} in {@code imapi}).
 */
final class FieldSizes {

    /**
     * The most UTF-8 bytes of an id (eventId, groupId, memberId, operator, a route name, a custom-data key). Every
     * vendor's ids are far shorter (Tencent's group ids 48 bytes, RongCloud's 64 characters); the bound keeps each
     * id, which every result and dead letter quotes, from making an output too large to write. The operator is a
     * user id (the schema's doc), sent as Tencent's {@code From_Account} and OpenIM's operating user.
     */
    static final int MAX_ID_BYTES = 256;
    /**
     * The most UTF-8 bytes of a text or custom-data value: the largest any vendor documents for any field (Tencent's
     * group custom-data value, 4,000 bytes; its texts take at most 300, RongCloud's at most 1,024 characters). OpenIM
     * v3.8 sets no limit on its texts, so this bound is OpenIM's too.
     */
    static final int MAX_TEXT_BYTES = 4_000;
    /**
     * The most custom-data keys one event may set: ten times the most any vendor holds per group (Tencent 10 group
     * fields, RongCloud 10 ext pairs), which leaves OpenIM, whose {@code ex} string has no key limit, room; the
     * vendors' own counts are checked per route.
     */
    static final int MAX_CUSTOM_KEYS = 100;

    private FieldSizes() {
    }

    /** Each field over its size, named with its size but never quoted. */
    static void problems(GroupChange event, List<String> out) {
        tooLong("eventId", event.getEventId(), MAX_ID_BYTES, out);
        tooLong("groupId", event.getGroupId(), MAX_ID_BYTES, out);
        tooLong("operator", event.getOperator(), MAX_ID_BYTES, out);
        if (event.getTargetRoutes() != null) {
            event.getTargetRoutes().forEach(route -> tooLong("a route name in targetRoutes", route, MAX_ID_BYTES, out));
        }
        if (event.getPatch() instanceof MemberProfilePatch member) {
            tooLong("memberId", member.getMemberId(), MAX_ID_BYTES, out);
            tooLong("nameCard", member.getNameCard(), MAX_TEXT_BYTES, out);
            customData(member.getCustomData(), out);
        } else if (event.getPatch() instanceof GroupProfilePatch group) {
            tooLong("name", group.getName(), MAX_TEXT_BYTES, out);
            tooLong("introduction", group.getIntroduction(), MAX_TEXT_BYTES, out);
            tooLong("notification", group.getNotification(), MAX_TEXT_BYTES, out);
            tooLong("faceUrl", group.getFaceUrl(), MAX_TEXT_BYTES, out);
            customData(group.getCustomData(), out);
        }
    }

    /** True, and a problem that names the field without quoting it, if it is over {@code max} bytes. */
    static boolean tooLong(String what, CharSequence value, int max, List<String> out) {
        int bytes = utf8(value);
        if (bytes > max) {
            out.add(what + " is " + bytes + " bytes; at most " + max);
            return true;
        }
        return false;
    }

    static int utf8(CharSequence value) {
        return value == null ? 0 : value.toString().getBytes(StandardCharsets.UTF_8).length;
    }

    /** The count first: with too many keys, the first too long is enough to name. */
    private static void customData(Map<String, String> data, List<String> out) {
        if (data == null) {
            return;
        }
        if (data.size() > MAX_CUSTOM_KEYS) {
            out.add("customData has " + data.size() + " keys; at most " + MAX_CUSTOM_KEYS);
        }
        for (Map.Entry<String, String> entry : data.entrySet()) {
            if (tooLong("a customData key", entry.getKey(), MAX_ID_BYTES, out)
                    || tooLong("the customData value of a key", entry.getValue(), MAX_TEXT_BYTES, out)) {
                return;
            }
        }
    }
}
