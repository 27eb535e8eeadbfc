package io.groupsync.dispatch;

import io.groupsync.event.DeadLetterReason;

/** What to do with one key after the vendor answered its call: {@link AnswerPolicy}'s verdict. */
sealed interface Decision {

    /** The call was applied and the plan has more: send its next call. */
    record NextCall() implements Decision {
    }

    /** The call was applied and was the plan's last: the dispatch is applied. */
    record Applied() implements Decision {
    }

    /** Send the dispatch again at {@code atNanos}; {@code countsAsAttempt} if it used one of the key's attempts. */
    record RetryAt(long atNanos, boolean countsAsAttempt) implements Decision {
    }

    /**
     * The vendor asked to slow down: send again when the API admits a call after the pause the answer caused, not
     * counting as an attempt. The time is the limiter's to know, so the policy cannot name it.
     */
    record RetryWhenAdmitted() implements Decision {
    }

    /** The vendor refused the batch as a whole: send the key's call again at {@code atNanos}, on its own. */
    record Split(long atNanos) implements Decision {
    }

    /** The dispatch cannot succeed: its events go to the dead-letter topic. */
    record DeadLetter(DeadLetterReason reason) implements Decision {
    }
}
