package io.groupsync.imapi.tencent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.groupsync.time.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The shared UserSig: renewed once 80 % of its TTL has passed, and once per rejection however many calls see it. */
class UserSigCacheTest {

    static final long APP = 1400000001L;
    static final String ADMIN = "administrator";
    static final String KEY = "5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e";

    private final ManualClock clock = new ManualClock();
    private final UserSigCache cache = new UserSigCache(new UserSigGenerator(APP, KEY, clock),
            ADMIN, Duration.ofDays(1), clock);

    @Test
    void theSameUserSigServesEveryCallUntil80PercentOfItsTtlHavePassed() {
        UserSigCache.Sig first = cache.current();

        clock.advance(Duration.ofHours(19).plusMinutes(11).plusSeconds(59));
        assertThat(cache.current()).isSameAs(first);

        clock.advance(Duration.ofSeconds(1)); // 19 h 12 min: 80 % of a day, 4.8 h before expiry
        UserSigCache.Sig renewed = cache.current();

        assertThat(renewed.generation()).isEqualTo(first.generation() + 1);
        assertThat(renewed.value()).isNotEqualTo(first.value());
        assertThat(renewed.issuedAtSecond()).isEqualTo(first.issuedAtSecond() + 69_120);
        assertThat(cache.current()).isSameAs(renewed);
    }

    @Test
    void aRejectionRenewsTheRejectedUserSig() {
        UserSigCache.Sig rejected = cache.current();
        clock.advance(Duration.ofMinutes(5));

        UserSigCache.Sig renewed = cache.renewAfterRejection(rejected, 70001);

        assertThat(renewed.generation()).isEqualTo(rejected.generation() + 1);
        assertThat(renewed.value()).isNotEqualTo(rejected.value());
        assertThat(cache.current()).isSameAs(renewed);
    }

    @Test
    void aRejectionOfAUserSigAlreadyReplacedReturnsTheReplacement() {
        UserSigCache.Sig rejected = cache.current();
        clock.advance(Duration.ofMinutes(5));
        UserSigCache.Sig replacement = cache.renewAfterRejection(rejected, 70001);
        clock.advance(Duration.ofMinutes(5));

        assertThat(cache.renewAfterRejection(rejected, 70001)).isSameAs(replacement);
    }

    @Test
    void manyCallsRejectedAtOnceRenewTheUserSigOnce() throws Exception {
        UserSigCache.Sig rejected = cache.current();
        clock.advance(Duration.ofMinutes(5));
        int callers = 16;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            List<Future<UserSigCache.Sig>> renewals = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                renewals.add(pool.submit(() -> {
                    start.await();
                    return cache.renewAfterRejection(rejected, 70001);
                }));
            }
            start.countDown();
            List<UserSigCache.Sig> results = new ArrayList<>();
            for (Future<UserSigCache.Sig> renewal : renewals) {
                results.add(renewal.get(5, TimeUnit.SECONDS));
            }

            UserSigCache.Sig installed = cache.current();
            assertThat(installed.generation()).as("one renewal, not one per caller")
                    .isEqualTo(rejected.generation() + 1);
            assertThat(results).as("every caller goes on with the one installed")
                    .allSatisfy(sig -> assertThat(sig).isSameAs(installed));
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void aTtlUnderAMinuteIsRefused() {
        UserSigGenerator generator = new UserSigGenerator(APP, KEY, clock);

        assertThatThrownBy(() -> new UserSigCache(generator, ADMIN, Duration.ofSeconds(59), clock))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least");
    }

    @Test
    void aSigNeverShowsItsValue() {
        UserSigCache.Sig sig = cache.current();

        assertThat(sig.toString()).doesNotContain(sig.value()).contains("<redacted>");
    }
}
