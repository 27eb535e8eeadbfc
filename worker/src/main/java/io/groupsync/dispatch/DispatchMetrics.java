package io.groupsync.dispatch;

import io.groupsync.imapi.CallResult;
import java.time.Duration;

/**
 * What the dispatcher reports as it goes, for metrics, the log of failing calls and the demo's progress line. What
 * the vendor answered and what the worker held back are told apart: a call held back never reached the vendor.
 */
public interface DispatchMetrics {

    DispatchMetrics NONE = new DispatchMetrics() {
    };

    /** Why a call the dispatcher made ready was not sent after all. */
    enum HeldBack {
        /** A throttling answer paused its API before the call's token fell due. */
        PAUSED,
        /** Its key's partition was revoked before the call's token fell due. */
        REVOKED
    }

    /**
     * A vendor's answer to one request, with one key it was for (a batch carries several), to give a failure a
     * context an operator can look up.
     *
     * @param eventId    the first event the key's dispatch carries, or null when none is left
     * @param dispatchId the dispatch's id as results and dead letters name it
     */
    record Answer(String route, String api, CallResult result, String groupId, String eventId, String dispatchId) {
    }

    /** A request is handed to the vendor client; on the pipeline thread or the dispatch timer's. */
    default void sent(String route, String api) {
    }

    /** The vendor answered a request, or the request got no answer (I/O failure, timeout); on the pipeline thread. */
    default void answered(Answer answer) {
    }

    /**
     * The vendor's answer to a request (or its failure) came {@code took} after the request was handed to the vendor
     * client, the wire gate's hold included; on the client's thread, before the answer reaches the pipeline.
     */
    default void answerTime(String route, String api, Duration took) {
    }

    /**
     * A request to {@code api} passed the wire gate, the {@code inLastSecond}-th written to it in the sliding second
     * ending now: its busiest second as the vendor counts arrivals; on the client's thread.
     */
    default void written(String route, String api, int inLastSecond) {
    }

    /** A request was not sent, and comes back to the dispatcher saying so; on the pipeline thread. */
    default void heldBack(String route, String api, HeldBack why) {
    }
}
