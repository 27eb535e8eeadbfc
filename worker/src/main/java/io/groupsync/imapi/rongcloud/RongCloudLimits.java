package io.groupsync.imapi.rongcloud;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.groupsync.model.Edit;
import io.groupsync.model.Field;
import io.groupsync.model.Patch;
import io.groupsync.model.TargetKind;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * RongCloud's limits, checked on one edit before it is merged, so that an edit RongCloud would refuse is rejected
 * with a reason instead of spoiling a merged request. Lengths are in characters, counted as Unicode code points
 * (an emoji is one), as RongCloud's pages say "characters".
 *
 * <p>Decisions:
 * <ul>
 *   <li>An edit of which nothing is sent (every field skipped) has no violation: RongCloud never sees it, so
 *   neither its group id nor its user id can be refused.</li>
 *   <li>A group name and a nickname must not be empty: RongCloud refuses both (a hosted group always has a name;
 *   the nickname is required on every member edit), so clearing them is not possible on this vendor.</li>
 *   <li>At most {@value #MAX_EXT_PAIRS} custom keys may be set by one event: a group holds at most that many, so
 *   an event setting more could never succeed. Deletions do not count. Whether the group's keys together stay
 *   within the limit cannot be known without a read API; RongCloud refuses the call when they would not.</li>
 * </ul>
 */
final class RongCloudLimits {

    /** A text field under RongCloud's name for it, with its limit in characters. */
    private record Text(String vendorName, int max) {
    }

    /** Checked in the fields' order. */
    private static final Map<Field, Text> TEXTS = new EnumMap<>(Map.of(
            Field.NAME, new Text("groupProfile.name", 64),
            Field.INTRODUCTION, new Text("groupProfile.introduction", 512),
            Field.NOTIFICATION, new Text("groupProfile.announcement", 1024),
            Field.FACE_URL, new Text("groupProfile.portraitUrl", 128),
            Field.NAME_CARD, new Text("nickname", 64)));

    static final int MAX_ID = 64;
    static final int MAX_EXT_KEY = 32;
    static final int MAX_EXT_VALUE = 256;
    static final int MAX_EXT_PAIRS = 10;
    static final int MAX_EXTRA = 128;

    /** The page: group IDs are "alphanumeric combinations". */
    private static final Pattern GROUP_ID = Pattern.compile("[A-Za-z0-9]+");
    /** RongCloud's documented user-ID characters. */
    private static final Pattern USER_ID = Pattern.compile("[A-Za-z0-9+=_-]+");

    private RongCloudLimits() {
    }

    static List<String> violations(Edit edit, Patch supported) {
        List<String> out = new ArrayList<>();
        if (supported.isEmpty()) {
            return out;
        }
        id(out, "groupId", edit.groupId(), GROUP_ID, "letters and digits");
        if (edit.target().kind() == TargetKind.GROUP) {
            group(out, supported);
        } else {
            id(out, "memberId (RongCloud userId)", edit.target().memberId(), USER_ID,
                    "letters, digits and + = - _");
            member(out, supported);
        }
        return out;
    }

    private static void group(List<String> out, Patch patch) {
        nonEmpty(out, patch, Field.NAME);
        texts(out, patch, TargetKind.GROUP);

        Map<String, String> byExtKey = new HashMap<>();
        int set = 0;
        for (Map.Entry<String, String> entry : patch.customData().entrySet()) {
            String key = entry.getKey();
            String extKey = RongCloudFields.extKey(key);
            String other = byExtKey.put(extKey, key);
            if (other != null) {
                out.add("customData keys \"" + other + "\" and \"" + key + "\" both name RongCloud's " + extKey
                        + " (the ext_ prefix is added to keys without it)");
            }
            if (extKey.equals(RongCloudFields.EXT_PREFIX)) {
                out.add("customData key \"" + key + "\" has no name after RongCloud's ext_ prefix");
            }
            int keyLength = length(extKey);
            if (keyLength > MAX_EXT_KEY) {
                out.add("customData key \"" + key + "\" is " + keyLength + " characters as RongCloud's " + extKey
                        + "; RongCloud allows at most " + MAX_EXT_KEY + ", ext_ prefix included");
            }
            if (entry.getValue() != null) {
                set++;
                int valueLength = length(entry.getValue());
                if (valueLength > MAX_EXT_VALUE) {
                    out.add("customData value of \"" + key + "\" is " + valueLength
                            + " characters; RongCloud allows at most " + MAX_EXT_VALUE);
                }
            }
        }
        if (set > MAX_EXT_PAIRS) {
            out.add("customData sets " + set + " keys; a RongCloud group holds at most " + MAX_EXT_PAIRS);
        }
    }

    private static void member(List<String> out, Patch patch) {
        nonEmpty(out, patch, Field.NAME_CARD);
        texts(out, patch, TargetKind.MEMBER);
        String extra = patch.customData().get(RongCloudFields.EXTRA_KEY);
        if (extra != null && length(extra) > MAX_EXTRA) {
            out.add("customData \"" + RongCloudFields.EXTRA_KEY + "\" is " + length(extra)
                    + " characters; RongCloud's member extra allows at most " + MAX_EXTRA);
        }
        ObjectNode keyed = JSON.createObjectNode();
        patch.customData().forEach((key, value) -> {
            if (!key.equals(RongCloudFields.EXTRA_KEY) && value != null) {
                keyed.put(key, value);
            }
        });
        if (!keyed.isEmpty() && patch.customData().containsKey(RongCloudFields.EXTRA_KEY)) {
            out.add("customData sets the whole member extra (\"" + RongCloudFields.EXTRA_KEY + "\") and keys to"
                    + " merge into it in one edit; set one or the other");
        } else if (length(keyed.toString()) > MAX_EXTRA) {
            out.add("customData keys make a member extra of " + length(keyed.toString())
                    + " characters as a JSON object; RongCloud's extra allows at most " + MAX_EXTRA);
        }
    }

    private static void id(List<String> out, String name, String value, Pattern allowed, String allowedText) {
        if (value == null || value.isEmpty()) {
            out.add(name + " is empty; RongCloud requires one");
            return;
        }
        int length = length(value);
        if (length > MAX_ID) {
            out.add(name + " is " + length + " characters; RongCloud allows at most " + MAX_ID);
        }
        if (!allowed.matcher(value).matches()) {
            out.add(name + " \"" + value + "\" has characters RongCloud refuses; it allows only " + allowedText);
        }
    }

    private static void nonEmpty(List<String> out, Patch patch, Field field) {
        if (patch.has(field) && patch.get(field, String.class).isEmpty()) {
            out.add(field.wireName() + " is empty; RongCloud's " + TEXTS.get(field).vendorName() + " must not be");
        }
    }

    private static void texts(List<String> out, Patch patch, TargetKind kind) {
        TEXTS.forEach((field, text) -> {
            int length = field.kind() == kind && patch.has(field) ? length(patch.get(field, String.class)) : 0;
            if (length > text.max()) {
                out.add(field.wireName() + " is " + length + " characters; RongCloud's " + text.vendorName()
                        + " allows at most " + text.max());
            }
        });
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private static int length(String text) {
        return text.codePointCount(0, text.length());
    }
}
