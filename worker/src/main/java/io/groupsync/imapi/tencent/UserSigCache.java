package io.groupsync.imapi.tencent;

import io.groupsync.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The app admin's UserSig, shared by every call of one {@link TencentClient}.
 *
 * <p>Renewal policy (decision): a UserSig is renewed on first use after 80 % of its TTL has passed. The 20 %
 * left over (4.8 h of a one-day TTL) absorbs clock skew between us and Tencent and calls still in flight, and,
 * unlike a fixed margin such as "an hour before expiry", it stays proportionate for short TTLs, where a fixed
 * margin would renew on every call. The community SDK renews 100 s before expiry and its users saw expired
 * UserSigs in the field; a TTL under a minute is refused because its margin would be seconds.
 *
 * <p>No lock: issuing is pure computation (HMAC and deflate), so a caller that finds the UserSig due, or rejected
 * by Tencent, issues one and installs it with compare-and-set on the one it saw. When many calls find the same
 * UserSig due or rejected at once, exactly one new one is installed and they all go on with it.
 *
 * <p>TLSSigAPIv2 is deterministic: a renewal in the same second as the UserSig it replaces yields the same text.
 * That happens only when Tencent refuses a UserSig issued this very second, which no renewal would cure anyway.
 */
final class UserSigCache {

    private static final Logger log = LoggerFactory.getLogger(UserSigCache.class);

    static final Duration MIN_TTL = Duration.ofMinutes(1);

    /**
     * One issued UserSig.
     *
     * @param generation     1 for the first UserSig of this cache, one more for each renewal
     * @param issuedAtSecond the clock's epoch second read just before issuing: at most the UserSig's TLS.time, so
     *                       renewal is never late
     */
    record Sig(String value, long generation, long issuedAtSecond) {

        /** Never shows the UserSig itself: it is a credential for the whole app. */
        @Override
        public String toString() {
            return "Sig[generation=" + generation + ", issuedAtSecond=" + issuedAtSecond + ", value=<redacted>]";
        }
    }

    private final UserSigGenerator generator;
    private final String identifier;
    private final long ttlSeconds;
    private final long renewAfterSeconds;
    private final Clock clock;
    private final AtomicReference<Sig> current;

    UserSigCache(UserSigGenerator generator, String identifier, Duration ttl, Clock clock) {
        if (ttl.compareTo(MIN_TTL) < 0) {
            throw new IllegalArgumentException("UserSig TTL must be at least " + MIN_TTL + ": " + ttl);
        }
        this.generator = Objects.requireNonNull(generator, "generator");
        this.identifier = Objects.requireNonNull(identifier, "identifier");
        this.ttlSeconds = ttl.toSeconds();
        this.renewAfterSeconds = ttlSeconds * 4 / 5;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.current = new AtomicReference<>(issue(1));
    }

    /** The UserSig to sign a call with now: the cached one, or a new one when 80 % of its TTL has passed. */
    Sig current() {
        Sig sig = current.get();
        if (nowSecond() - sig.issuedAtSecond() < renewAfterSeconds) {
            return sig;
        }
        Sig fresh = issue(sig.generation() + 1);
        return current.compareAndSet(sig, fresh) ? fresh : current.get();
    }

    /**
     * A UserSig to retry with after Tencent refused {@code rejected}: a new one, unless another call has already
     * replaced {@code rejected}, in which case that replacement.
     */
    Sig renewAfterRejection(Sig rejected, int code) {
        Sig sig = current.get();
        if (sig != rejected) {
            return sig;
        }
        Sig fresh = issue(rejected.generation() + 1);
        if (!current.compareAndSet(rejected, fresh)) {
            return current.get();
        }
        log.warn("Tencent refused UserSig generation {} (issued at epoch second {}) with code {}; issued generation "
                + "{}. Repeated refusals point at clock skew or a wrong key or SDKAppID.",
                rejected.generation(), rejected.issuedAtSecond(), code, fresh.generation());
        return fresh;
    }

    private Sig issue(long generation) {
        long issuedAt = nowSecond();
        return new Sig(generator.generate(identifier, ttlSeconds), generation, issuedAt);
    }

    private long nowSecond() {
        return Math.floorDiv(clock.currentTimeMillis(), 1000L);
    }
}
