package io.groupsync.testkit.emulator.rongcloud;

import io.groupsync.testkit.emulator.EmulatorResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A request RongCloud refuses, with the HTTP status and business code of the vendor's status table
 * (1002/1003/1005 → 400, 1004 → 401, 1009 → 430). Thrown by the checks, turned into the envelope by the emulator.
 * Also the one place for the table's codes and for the envelope every answer uses.
 */
final class RongCloudRejection extends RuntimeException {

    static final int OK = 200;
    static final int INTERNAL_ERROR = 1000;
    static final int PARAM_ERROR = 1002;
    static final int NO_POST_DATA = 1003;
    static final int BAD_SIGNATURE = 1004;
    static final int TOO_LONG = 1005;
    static final int TOO_FREQUENT = 1008;
    static final int SERVICE_DISABLED = 1009;
    static final int SERVICE_TIMEOUT = 1050;

    private final int status;
    private final int code;

    private RongCloudRejection(int status, int code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    static RongCloudRejection paramError(String message) {
        return new RongCloudRejection(400, PARAM_ERROR, message);
    }

    static RongCloudRejection tooLong(String message) {
        return new RongCloudRejection(400, TOO_LONG, message);
    }

    static RongCloudRejection noPostData() {
        return new RongCloudRejection(400, NO_POST_DATA, "no POST data");
    }

    static RongCloudRejection badSignature(String message) {
        return new RongCloudRejection(401, BAD_SIGNATURE, message);
    }

    static RongCloudRejection serviceDisabled() {
        return new RongCloudRejection(430, SERVICE_DISABLED,
                "service not enabled: the profile hosting service must be enabled for this App Key");
    }

    EmulatorResponse answer() {
        return envelope(status, code, getMessage());
    }

    /** The vendor's envelope: {@code {"code":200}} on success, {@code {"code":N,"errorMessage":…}} otherwise. */
    static EmulatorResponse envelope(int status, int code, String errorMessage) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", code);
        if (errorMessage != null) {
            body.put("errorMessage", errorMessage);
        }
        return EmulatorResponse.json(status, code, body);
    }
}
