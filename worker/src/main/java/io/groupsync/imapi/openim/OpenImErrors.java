package io.groupsync.imapi.openim;

import io.groupsync.imapi.CallClass;
import io.groupsync.imapi.http.StatusClass;
import java.util.HashMap;
import java.util.Map;

/**
 * What OpenIM's answers mean (docs/vendors/openim.md): the HTTP status first, then the envelope's errCode.
 * The code table is the documentation; a code not in it is permanent, so that nothing unknown loops for ever.
 */
final class OpenImErrors {

    /** What the client does with one answer. */
    enum Handling {
        OK(CallClass.OK),
        TRANSIENT(CallClass.TRANSIENT),
        THROTTLED(CallClass.THROTTLED),
        PERMANENT(CallClass.PERMANENT),
        /** The admin token was refused: fetch a new one (shared by all callers) and retry once. */
        REFRESH_TOKEN(CallClass.PERMANENT);

        /** The class the pipeline sees; for REFRESH_TOKEN, when the retry is refused too. */
        final CallClass outcome;

        Handling(CallClass outcome) {
            this.outcome = outcome;
        }

        static Handling of(CallClass outcome) {
            return switch (outcome) {
                case OK -> OK;
                case TRANSIENT -> TRANSIENT;
                case THROTTLED -> THROTTLED;
                case PERMANENT -> PERMANENT;
            };
        }
    }

    /** The OpenIM codes a v3.8 server answers for our routes, with what to do; unknown codes are permanent. */
    static final Map<Integer, Handling> CODES;

    static {
        Map<Integer, Handling> codes = new HashMap<>();
        codes.put(0, Handling.OK);
        // ServerInternalError, also "rpc request rate limit exceeded" from the gateway's RPC limiter.
        codes.put(500, Handling.TRANSIENT);
        // The adaptive limiter's body code; it normally comes with HTTP 429, which is looked at first.
        codes.put(429, Handling.THROTTLED);
        // ArgsError, NoPermissionError, DuplicateKeyError, RecordNotFoundError.
        for (int code = 1001; code <= 1004; code++) {
            codes.put(code, Handling.PERMANENT);
        }
        // Group errors: not found, group id exists, not in group, dismissed, type not supported, request too late.
        for (int code = 1201; code <= 1206; code++) {
            codes.put(code, Handling.PERMANENT);
        }
        // Expired, invalid, malformed, unknown (bad signature), kicked, not exist (demoted by a newer token).
        // 1503 is not in docs/vendors/openim.md's list, but a malformed token can only be fixed by a new one as well.
        // 1504 (not valid yet: clock skew) is left permanent: a new token would be just as early.
        for (int code : new int[] {1501, 1502, 1503, 1505, 1506, 1507}) {
            codes.put(code, Handling.REFRESH_TOKEN);
        }
        CODES = Map.copyOf(codes);
    }

    private OpenImErrors() {
    }

    /** The handling of an HTTP status, or null for 200, where the envelope decides. */
    static Handling ofHttpStatus(int status) {
        return status == 200 ? null : Handling.of(StatusClass.of(status));
    }

    static Handling ofCode(int errCode) {
        return CODES.getOrDefault(errCode, Handling.PERMANENT);
    }
}
