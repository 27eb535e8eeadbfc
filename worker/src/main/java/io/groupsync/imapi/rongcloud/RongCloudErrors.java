package io.groupsync.imapi.rongcloud;

import io.groupsync.imapi.CallClass;
import io.groupsync.imapi.http.StatusClass;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What RongCloud's answer codes mean for the pipeline: the table of docs/vendors/rongcloud.md, one row per line
 * below so that it reads like the table it copies, plus the rules for answers the table does not cover.
 */
final class RongCloudErrors {

    /** The envelope's {@code code} of a successful call. */
    static final int OK = 200;

    private static final Map<Integer, CallClass> TABLE = new HashMap<>();

    static {
        row(CallClass.OK, OK);
        row(CallClass.TRANSIENT, 1000, 1050);  // internal error (HTTP 500), internal service timeout (504)
        row(CallClass.THROTTLED, 1008);        // call frequency over limit (HTTP 429)
        // 1001 key/secret mismatch, 1002 parameter error, 1003 no POST data, 1004 bad signature (401),
        // 1005 parameter too long, 1006 / 1007 refused by the platform, 1009 profile hosting not enabled (430)
        row(CallClass.PERMANENT, 1001, 1002, 1003, 1004, 1005, 1006, 1007, 1009);
    }

    private RongCloudErrors() {
    }

    /** The class of a code the table lists, or empty for one it does not. */
    static Optional<CallClass> known(int code) {
        return Optional.ofNullable(TABLE.get(code));
    }

    /**
     * The class of an answer that carried the envelope's {@code code}.
     *
     * <p>Decision for a code the table does not list: the HTTP status decides when it says more than "refused" —
     * a 5xx is the vendor failing (TRANSIENT), a 429 its frequency limit (THROTTLED) — and otherwise the code is
     * PERMANENT. RongCloud's "try again" answers are all in the table; an unknown code on a 2xx or 4xx is the
     * vendor refusing this request, and retrying it would only resend the same refused request until the attempts
     * run out, delaying its dead letter for nothing.
     */
    static CallClass classify(int code, int httpStatus) {
        CallClass listed = TABLE.get(code);
        if (listed != null && (listed != CallClass.OK || httpStatus == 200)) {
            return listed;
        }
        return StatusClass.of(httpStatus);
    }

    private static void row(CallClass outcome, int... codes) {
        for (int code : codes) {
            if (TABLE.put(code, outcome) != null) {
                throw new IllegalStateException("RongCloud code listed twice: " + code);
            }
        }
    }
}
