package io.groupsync.dispatch;

import io.github.bucket4j.BucketState;
import io.github.bucket4j.VerboseResult;

/**
 * Where a reservation's tokens fall due in the schedule the fleet's shared bucket keeps, on this process's clock.
 *
 * <p>bucket4j answers a reservation with a wait counted from the bucket's last refill, which is the time its request
 * carried only if no later request got there first. A request overtaken by another instance's later one finds the
 * bucket refilled to that later time, and its wait counts from there: taken from its own request time, its tokens
 * would leave early by the gap; taken from the answer's arrival, late by the rest of the round trip. Either way
 * they land among other instances' tokens (on a loaded machine: 218 calls in a sliding second of a 200 limit with 3
 * instances). The answer's bucket state says exactly: refilled to the moment the answer arrived (no instance's
 * request can carry a later time than that on a shared clock), it holds a deficit whose refill time is how long until
 * the last reserved token falls due.
 */
final class SharedSchedule {

    private SharedSchedule() {
    }

    /**
     * When the last token of a reservation falls due, on the clock of {@code requestedAt} and {@code answeredAt}.
     *
     * @param answer      bucket4j's verbose answer: its operation time is the request's, on the bucket's clock
     * @param requestedAt when the request was made, on this clock
     * @param answeredAt  when the answer arrived, on this clock
     */
    static long lastDue(VerboseResult<Long> answer, long requestedAt, long answeredAt) {
        long offset = answer.getOperationTimeNanos() - requestedAt;
        BucketState state = answer.getState().copy();
        state.refillAllBandwidth(answeredAt + offset);
        if (state.getCurrentSize(0) >= 0) {
            // Already due when the answer came (a round trip longer than the reservation's lead): the state no longer
            // tells how long ago, so take the middle of the round trip, half of it off either way at worst.
            return requestedAt + (answeredAt - requestedAt) / 2 + answer.getValue();
        }
        return answeredAt + state.calculateDelayNanosAfterWillBePossibleToConsume(0, answeredAt + offset, false);
    }
}
