package io.groupsync.imapi.openim;

import io.groupsync.imapi.CallClass;
import io.groupsync.imapi.http.StatusClass;
import java.util.HashMap;
import java.util.Map;

/**
 * What OpenIM's answers mean (docs/vendors/openim.md): the HTTP status first, then the envelope's errCode.
 * The code table is the documentation. A code not in it is transient (decision): the gateway passes on codes of
 * other layers (gRPC statuses, webhooks) that no table lists, and dead-lettering an edit at once on a code nobody
 * has seen loses it for a fault that may pass; retried, it is dead-lettered after dispatch.max-attempts anyway.
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

    /** The OpenIM codes a v3.8 server answers for our routes, with what to do; unknown codes are transient. */
    static final Map<Integer, Handling> CODES;

    static {
        Map<Integer, Handling> codes = new HashMap<>();
        codes.put(0, Handling.OK);
        // ServerInternalError, also "rpc request rate limit exceeded" from the gateway's RPC limiter.
        codes.put(500, Handling.TRANSIENT);
        // The adaptive limiter's body code; it normally comes with HTTP 429, which is looked at first.
        codes.put(429, Handling.THROTTLED);
        // gRPC statuses the gateway passes on as errCode when the call to an RPC service itself fails
        // (openimsdk/tools' client interceptor): the service restarting or cut off (14 Unavailable, 1 Cancelled,
        // 10 Aborted), too slow (4 DeadlineExceeded), failing inside (2 Unknown, 13 Internal) may all pass;
        // 8 ResourceExhausted is main's RPC limiter, a throttle.
        for (int code : new int[] {1, 2, 4, 10, 13, 14}) {
            codes.put(code, Handling.TRANSIENT);
        }
        codes.put(8, Handling.THROTTLED);
        // The request itself is wrong for the service, or the route does not exist there: no retry helps.
        for (int code : new int[] {3, 5, 6, 7, 9, 11, 12, 16}) {
            codes.put(code, Handling.PERMANENT);
        }
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

    /**
     * OpenIM's own refusals of a request (servererrs: 1001 ArgsError up to the user, group, relation, message, token,
     * connection and file families): a code of theirs not listed is still a refusal, so permanent.
     */
    static final int OWN_REFUSALS_FROM = 1001;
    static final int OWN_REFUSALS_TO = 1999;

    private OpenImErrors() {
    }

    /** The handling of an HTTP status, or null for 200, where the envelope decides. */
    static Handling ofHttpStatus(int status) {
        return status == 200 ? null : Handling.of(StatusClass.of(status));
    }

    static Handling ofCode(int errCode) {
        Handling listed = CODES.get(errCode);
        if (listed != null) {
            return listed;
        }
        return errCode >= OWN_REFUSALS_FROM && errCode <= OWN_REFUSALS_TO ? Handling.PERMANENT : Handling.TRANSIENT;
    }
}
