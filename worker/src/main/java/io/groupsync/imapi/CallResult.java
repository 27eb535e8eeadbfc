package io.groupsync.imapi;

import java.time.Duration;

/**
 * A vendor's answer to one request, classified. Clients derive one result from another with the {@code with…}
 * methods, so that none copies a result field by field.
 *
 * @param vendorCode  the vendor's own code, or null when no vendor envelope came back
 * @param httpStatus  the HTTP status, or null when no answer came back
 * @param message     the vendor's message or the failure, for results and dead letters; never a secret
 * @param retryAfter  how long the vendor asked to wait (Retry-After), or null
 * @param failure     the exception class when the call failed without an answer, else null
 * @param requestId   the id under which the vendor knows the request (Tencent's RequestId, RongCloud's
 *                    X-Request-Id, the operationID sent to OpenIM), for logs; null when there is none
 */
public record CallResult(CallClass outcome, Integer vendorCode, Integer httpStatus, String message,
                         Duration retryAfter, String failure, String requestId) {

    /** A result with no request id: the vendor gave none, or the request never reached it. */
    public CallResult(CallClass outcome, Integer vendorCode, Integer httpStatus, String message, Duration retryAfter,
                      String failure) {
        this(outcome, vendorCode, httpStatus, message, retryAfter, failure, null);
    }

    public static CallResult ok(Integer vendorCode, int httpStatus) {
        return new CallResult(CallClass.OK, vendorCode, httpStatus, "", null, null);
    }

    /** An answer, or a verdict about one, with no wait asked for and no exception. */
    public static CallResult of(CallClass outcome, Integer vendorCode, Integer httpStatus, String message) {
        return new CallResult(outcome, vendorCode, httpStatus, message, null, null);
    }

    /** A call that ended with {@code e} and without an answer, classified as {@code outcome}. */
    public static CallResult failed(CallClass outcome, String message, Throwable e) {
        return new CallResult(outcome, null, null, message, null, e.getClass().getName());
    }

    /** A call that got no answer at all: connection refused or dropped, timeout. */
    public static CallResult ioFailure(Throwable e) {
        return failed(CallClass.TRANSIENT, String.valueOf(e.getMessage()), e);
    }

    /** A request that could not even be built (a bad media type, a bug): it never will be, so it is permanent. */
    public static CallResult unbuildable(Throwable e) {
        return failed(CallClass.PERMANENT, "the request could not be built: " + e.getMessage(), e);
    }

    public CallResult withMessage(String newMessage) {
        return new CallResult(outcome, vendorCode, httpStatus, newMessage, retryAfter, failure, requestId);
    }

    public CallResult withOutcome(CallClass newOutcome) {
        return new CallResult(newOutcome, vendorCode, httpStatus, message, retryAfter, failure, requestId);
    }

    public CallResult withRetryAfter(Duration wait) {
        return new CallResult(outcome, vendorCode, httpStatus, message, wait, failure, requestId);
    }

    /** This result under the vendor's id for the request; a null or blank id leaves it without one. */
    public CallResult withRequestId(String id) {
        return new CallResult(outcome, vendorCode, httpStatus, message, retryAfter, failure,
                id == null || id.isBlank() ? null : id);
    }

    public boolean isOk() {
        return outcome == CallClass.OK;
    }
}
