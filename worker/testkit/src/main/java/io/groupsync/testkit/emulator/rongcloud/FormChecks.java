package io.groupsync.testkit.emulator.rongcloud;

import io.groupsync.testkit.emulator.EmulatorRequest;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The form body and the field rules both APIs share. Too long → 1005 (the status table's "parameter length
 * exceeded"); missing, malformed, out of range or of the wrong kind → 1002 ("parameter error").
 *
 * <p>Decision (docs say "characters"): lengths count Unicode code points, so an emoji is one character. A client
 * that wants to be safe under either reading can count UTF-16 units, which are never fewer.
 */
final class FormChecks {

    static final int MAX_ID = 64;

    /**
     * Decision: the page says group IDs are "alphanumeric combinations", so nothing else is allowed; the strict
     * reading means a client that passes here passes the vendor. Tests and demos must use such IDs.
     */
    private static final Pattern GROUP_ID = Pattern.compile("[A-Za-z0-9]+");

    /** Decision: user IDs take RongCloud's documented user-ID set, letters, digits and {@code + = - _}. */
    private static final Pattern USER_ID = Pattern.compile("[A-Za-z0-9+=_-]+");

    private FormChecks() {
    }

    /** The decoded form: an empty body is 1003; another content type or a malformed body is 1002. */
    static Map<String, String> form(EmulatorRequest request) {
        if (request.body().length == 0) {
            throw RongCloudRejection.noPostData();
        }
        String contentType = request.header("Content-Type");
        if (contentType == null
                || !contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            throw RongCloudRejection.paramError("Content-Type must be application/x-www-form-urlencoded, was "
                    + contentType);
        }
        try {
            return EmulatorRequest.decodeForm(request.bodyText());
        } catch (IllegalArgumentException e) {
            throw RongCloudRejection.paramError("malformed form body: " + e.getMessage());
        }
    }

    static String groupId(Map<String, String> form) {
        return id(form, "groupId", GROUP_ID, "letters and digits");
    }

    static String userId(Map<String, String> form) {
        return id(form, "userId", USER_ID, "letters, digits and + = - _");
    }

    /** A required field: absent or empty is 1002, longer than {@code max} is 1005. */
    static String required(Map<String, String> form, String name, int max) {
        String value = form.get(name);
        if (value == null || value.isEmpty()) {
            throw RongCloudRejection.paramError(name + " is required");
        }
        return maxLength(name, value, max);
    }

    static String maxLength(String name, String value, int max) {
        int length = value.codePointCount(0, value.length());
        if (length > max) {
            throw RongCloudRejection.tooLong(name + " is " + length + " characters, at most " + max + " allowed");
        }
        return value;
    }

    private static String id(Map<String, String> form, String name, Pattern allowed, String allowedText) {
        String value = required(form, name, MAX_ID);
        if (!allowed.matcher(value).matches()) {
            throw RongCloudRejection.paramError(name + " may contain only " + allowedText + ": " + value);
        }
        return value;
    }
}
