package io.groupsync.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.groupsync.config.DispatchConfig;
import io.groupsync.event.DeadLetterReason;
import io.groupsync.imapi.CallClass;
import io.groupsync.imapi.CallResult;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What a key does after each kind of answer: the policy alone, as a table. */
class AnswerPolicyTest {

    private static final long NOW = 5_000_000_000L;
    private static final long MS = 1_000_000L;
    /** Three attempts; backoff without jitter: 100 ms, then 200 ms. */
    private static final DispatchConfig CONFIG = DispatchConfig.defaults().withMaxInFlightPerRoute(10)
            .withMaxAttempts(3).withBackoff(Duration.ofMillis(100), Duration.ofSeconds(10));
    private static final Backoff BACKOFF = Backoff.of(CONFIG, () -> 1.0);

    private static final CallResult OK = CallResult.ok(0, 200);
    private static final CallResult TRANSIENT = new CallResult(CallClass.TRANSIENT, 10002, 200, "internal", null,
            null);
    private static final CallResult THROTTLED = new CallResult(CallClass.THROTTLED, 60007, 200, "too fast",
            Duration.ofSeconds(3), null);
    private static final CallResult PERMANENT = new CallResult(CallClass.PERMANENT, 10004, 200, "bad", null, null);

    static Stream<Arguments> answers() {
        return Stream.of(
                row("applied, the plan's last call", OK, alone(true, 0), new Decision.Applied()),
                row("applied, more calls to go", OK, alone(false, 0), new Decision.NextCall()),
                row("applied in a batch", OK, new AnswerPolicy.Share(3, true, 0), new Decision.Applied()),
                row("applied after failures", OK, alone(true, 2), new Decision.Applied()),
                row("first transient failure: backoff 1", TRANSIENT, alone(true, 0),
                        new Decision.RetryAt(NOW + 100 * MS, true)),
                row("second transient failure: backoff 2", TRANSIENT, alone(false, 1),
                        new Decision.RetryAt(NOW + 200 * MS, true)),
                row("transient failure of the last attempt", TRANSIENT, alone(true, 2),
                        new Decision.DeadLetter(DeadLetterReason.RETRIES_EXHAUSTED)),
                row("transient failure of a batch: each key on its own count", TRANSIENT,
                        new AnswerPolicy.Share(3, true, 0), new Decision.RetryAt(NOW + 100 * MS, true)),
                row("throttled: when the API admits again", THROTTLED, alone(true, 0),
                        new Decision.RetryWhenAdmitted()),
                row("throttled at the last attempt: not an attempt", THROTTLED, alone(true, 2),
                        new Decision.RetryWhenAdmitted()),
                row("permanent, alone", PERMANENT, alone(true, 0),
                        new Decision.DeadLetter(DeadLetterReason.VENDOR_PERMANENT)),
                row("permanent, alone, with attempts left", PERMANENT, alone(false, 1),
                        new Decision.DeadLetter(DeadLetterReason.VENDOR_PERMANENT)),
                row("permanent for a batch: split, now", PERMANENT, new AnswerPolicy.Share(2, true, 0),
                        new Decision.Split(NOW)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("answers")
    void eachAnswerLeadsToItsDecision(String name, CallResult result, AnswerPolicy.Share share, Decision expected) {
        assertThat(AnswerPolicy.decide(result, share, CONFIG, BACKOFF, NOW)).isEqualTo(expected);
    }

    private static AnswerPolicy.Share alone(boolean lastCall, int failedAttempts) {
        return new AnswerPolicy.Share(1, lastCall, failedAttempts);
    }

    private static Arguments row(String name, CallResult result, AnswerPolicy.Share share, Decision expected) {
        return Arguments.of(name, result, share, expected);
    }
}
