package io.groupsync.imapi;

/**
 * Paces requests where a vendor counts them: on arrival. The dispatcher paces calls when it hands them over, but a
 * call handed over on time can still be written late (an OkHttp thread scheduled late, a connection being opened,
 * a pause of the JVM) and land in the same second as the calls after it. So every request is also held here, by
 * {@link io.groupsync.imapi.http.VendorHttp}'s network interceptor, right before it is written, and counted
 * then. That also meters the requests a client makes on its own within one call: a retry with a renewed
 * credential, a fail-over to a backup domain, a read before a write.
 */
@FunctionalInterface
public interface WireGate {

    /** Holds nothing: for callers that pace nothing (tools, tests of a client on its own). */
    WireGate OPEN = (api, unplanned) -> {
    };

    /**
     * Returns once a request to {@code api} may be written now, and counts it as written.
     *
     * @param unplanned true for a request the dispatcher reserved no token for (a read before the write, a retry
     *                  with a renewed credential, a fail-over): it waits for a token of its own first, so that
     *                  such requests are spread out like the planned ones rather than sent in a burst
     */
    void pass(String api, boolean unplanned) throws InterruptedException;

    /** This gate for the requests a client makes beyond the planned one: each takes a token of its own. */
    default WireGate unplanned() {
        return (api, ignored) -> pass(api, true);
    }
}
