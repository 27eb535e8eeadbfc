package io.groupsync.imapi;

import java.time.Duration;

/**
 * A vendor's answer to one request, classified.
 *
 * @param vendorCode  the vendor's own code, or null when no vendor envelope came back
 * @param httpStatus  the HTTP status, or null when no answer came back
 * @param message     the vendor's message or the failure, for results and dead letters; never a secret
 * @param retryAfter  how long the vendor asked to wait (Retry-After), or null
 * @param failure     the exception class when the call failed without an answer, else null
 */
public record CallResult(CallClass outcome, Integer vendorCode, Integer httpStatus, String message,
                         Duration retryAfter, String failure) {

    public static CallResult ok(Integer vendorCode, int httpStatus) {
        return new CallResult(CallClass.OK, vendorCode, httpStatus, "", null, null);
    }

    /** A call that got no answer at all: connection refused or dropped, timeout. */
    public static CallResult ioFailure(Throwable e) {
        return new CallResult(CallClass.TRANSIENT, null, null, String.valueOf(e.getMessage()), null,
                e.getClass().getName());
    }

    public boolean isOk() {
        return outcome == CallClass.OK;
    }
}
