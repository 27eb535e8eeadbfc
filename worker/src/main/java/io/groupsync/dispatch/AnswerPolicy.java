package io.groupsync.dispatch;

import io.groupsync.config.DispatchConfig;
import io.groupsync.event.DeadLetterReason;
import io.groupsync.imapi.CallResult;

/**
 * How the dispatcher answers a vendor's answer, key by key: a pure function of the answer, what the key has been
 * through, the settings and the backoff, so that every rule is in one place and can be checked without queues or clocks.
 */
final class AnswerPolicy {

    /**
     * What the policy knows of one key's share of an answer.
     *
     * @param requestSize    how many keys' calls the request carried (1 when unbatched)
     * @param lastCall       whether the call was the last of its dispatch's plan
     * @param failedAttempts failed sends of the dispatch before this one
     */
    record Share(int requestSize, boolean lastCall, int failedAttempts) {
    }

    private AnswerPolicy() {
    }

    static Decision decide(CallResult result, Share share, DispatchConfig config, Backoff backoff, long nowNanos) {
        return switch (result.outcome()) {
            case OK -> share.lastCall() ? new Decision.Applied() : new Decision.NextCall();
            case THROTTLED -> new Decision.RetryWhenAdmitted();
            case TRANSIENT -> {
                int attempts = share.failedAttempts() + 1;
                yield attempts >= config.maxAttempts() ? new Decision.DeadLetter(DeadLetterReason.RETRIES_EXHAUSTED)
                        : new Decision.RetryAt(nowNanos + backoff.delay(attempts).toNanos(), true);
            }
            // Refused as a whole, a batch does not say which call was bad: sending each on its own finds it.
            case PERMANENT -> share.requestSize() > 1 ? new Decision.Split(nowNanos)
                    : new Decision.DeadLetter(DeadLetterReason.VENDOR_PERMANENT);
        };
    }
}
