package io.groupsync.imapi.http;

import io.groupsync.imapi.CallResult;

/**
 * Why a call sent with {@link AsyncHttp} got no answer to read.
 *
 * @param cause    the I/O failure, the reader's failure, or why the request could not be built
 * @param canceled whether the call was canceled (the client closed, the call timeout struck) rather than failed
 * @param built    false when the request could not even be built, so nothing went out
 */
public record NoAnswer(Throwable cause, boolean canceled, boolean built) {

    static NoAnswer unbuilt(RuntimeException e) {
        return new NoAnswer(e, false, false);
    }

    static NoAnswer failed(Throwable e, boolean canceled) {
        return new NoAnswer(e, canceled, true);
    }

    /** A request that could not be built fails for good; one that went out may be answered next time. */
    public CallResult result() {
        return built ? CallResult.ioFailure(cause) : CallResult.unbuildable(cause);
    }
}
