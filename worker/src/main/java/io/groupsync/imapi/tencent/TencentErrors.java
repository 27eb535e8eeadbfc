package io.groupsync.imapi.tencent;

import io.groupsync.imapi.CallClass;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What each of Tencent's error codes means for the pipeline: the error-code table of docs/vendors/tencent.md, one
 * row per line below so that it reads like the table it copies.
 */
final class TencentErrors {

    /**
     * How to handle one code.
     *
     * @param outcome       the class the pipeline sees; for a code that renews the UserSig, the class when the
     *                      retry with a renewed UserSig gets the same answer again
     * @param renewsUserSig whether the client renews its UserSig and retries once, before the pipeline sees anything
     * @param retryAfter    how long to wait before the next call, or null for the pipeline's own backoff
     */
    record Handling(CallClass outcome, boolean renewsUserSig, Duration retryAfter) {
    }

    /** 70050: "signature failures, frequency limited"; the vendor asks for a wait of at least one minute. */
    static final Duration SIGNATURE_LIMIT_WAIT = Duration.ofSeconds(60);

    private static final Map<Integer, Handling> TABLE = new HashMap<>();

    static {
        row(plain(CallClass.TRANSIENT), 10002);
        row(plain(CallClass.PERMANENT), 10003, 10004, 10007, 10010, 10015, 10026);
        row(plain(CallClass.THROTTLED), 10006);
        // "The signature may be wrong, try again": renewed and sent once more, as the vendor says; refused again,
        // it is TRANSIENT (the vendor's "try again"), retried with backoff until the attempts run out.
        row(renewThen(CallClass.TRANSIENT), 10008);
        row(plain(CallClass.PERMANENT), 60002, 60003);
        row(renewThen(CallClass.PERMANENT), 60004, 60005);
        row(plain(CallClass.PERMANENT), 60006);
        row(plain(CallClass.THROTTLED), 60007, 60011, 60018, 60019);
        row(plain(CallClass.TRANSIENT), 60008, 60013, 60014);
        row(plain(CallClass.PERMANENT), 60009, 60010, 60012, 60015, 60016, 60017, 60020, 60021);
        // Decision: a UserSig issued a moment ago that Tencent still calls expired means our clock and Tencent's
        // disagree by more than the TTL. That is no fault of the request, and it may pass (NTP catches up), so it
        // goes back to the pipeline as TRANSIENT: retried with backoff, dead-lettered once attempts run out.
        row(renewThen(CallClass.TRANSIENT), 70001);
        row(renewThen(CallClass.PERMANENT), 70003);
        row(plain(CallClass.PERMANENT), 70009, 70013, 70014, 70016, 70020);
        row(new Handling(CallClass.THROTTLED, false, SIGNATURE_LIMIT_WAIT), 70050);
        row(plain(CallClass.PERMANENT), 70051, 70107);
    }

    /**
     * Decision: a code missing from the table is PERMANENT. Tencent answers a failed request with a code from a
     * documented family; the retryable ones are all listed, and guessing "retry" for an unknown code would send
     * the same refused request again and again until the attempts run out, delaying the dead letter for nothing.
     */
    private static final Handling UNKNOWN = plain(CallClass.PERMANENT);

    private TencentErrors() {
    }

    /** The handling of a code in the table, or empty for a code the table does not list. */
    static Optional<Handling> known(int code) {
        return Optional.ofNullable(TABLE.get(code));
    }

    /** The handling of a failed answer's code; an unknown code is permanent. */
    static Handling of(int code) {
        return TABLE.getOrDefault(code, UNKNOWN);
    }

    private static Handling plain(CallClass outcome) {
        return new Handling(outcome, false, null);
    }

    private static Handling renewThen(CallClass outcome) {
        return new Handling(outcome, true, null);
    }

    private static void row(Handling handling, int... codes) {
        for (int code : codes) {
            if (TABLE.put(code, handling) != null) {
                throw new IllegalStateException("Tencent code listed twice: " + code);
            }
        }
    }
}
