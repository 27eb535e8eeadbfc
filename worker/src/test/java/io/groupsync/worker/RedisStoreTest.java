package io.groupsync.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.groupsync.config.RateLimitConfig;
import io.groupsync.dispatch.ApiLimiter;
import io.groupsync.imapi.CallResult;
import io.groupsync.imapi.VendorCall;
import io.groupsync.imapi.http.VendorHttp;
import io.groupsync.imapi.openim.OpenImClient;
import io.groupsync.model.Field;
import io.groupsync.model.Patch;
import io.groupsync.model.PlanContext;
import io.groupsync.model.Target;
import io.groupsync.testkit.emulator.CallLog;
import io.groupsync.testkit.emulator.openim.OpenImEmulator;
import io.groupsync.testkit.redis.RedisServer;
import io.groupsync.time.Clock;
import io.groupsync.time.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The shared store against a real {@code redis-server}: instances in one JVM, each with its own connection, as
 * separate processes would have. Sends are recorded at the moment their tokens let them go, the schedule the
 * dispatcher follows, and the busiest sliding second is taken over all instances together.
 */
class RedisStoreTest {

    private static final long HORIZON = Duration.ofMillis(250).toNanos();
    private static final long MIN_WAIT_NANOS = Duration.ofMillis(1).toNanos();
    private final RedisServer redis = RedisServer.startNew("pw-" + System.nanoTime());
    private final List<AutoCloseable> closing = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : closing) {
            c.close();
        }
        redis.close();
    }

    @Test
    void twoInstancesOnOneSharedBucketStayWithinTheLimitInEverySlidingSecondAndUseIt() throws Exception {
        List<Long> sends = Collections.synchronizedList(new ArrayList<>());
        new Fleet(2, 200, sends).runFor(Duration.ofSeconds(5));
        long[] times = sends.stream().mapToLong(Long::longValue).toArray();
        assertThat(CallLog.busiestSecond(times)).isLessThanOrEqualTo(200);
        assertThat(sends.size() / 5.0).as("calls per second, both instances").isGreaterThan(170);
    }

    @Test
    void redisStoppedMeansLocalSharesThenBackToTheSharedBucketNeverOverTheLimit() throws Exception {
        List<Long> sends = Collections.synchronizedList(new ArrayList<>());
        Fleet fleet = new Fleet(2, 200, sends);
        fleet.runFor(Duration.ofSeconds(2));
        redis.stop();
        fleet.runFor(Duration.ofSeconds(4));
        assertThat(fleet.stores.get(0).status().onLocalShare()).isTrue();
        assertThat(fleet.stores.get(0).status().fallbacks()).isEqualTo(1);
        redis.start();
        await().atMost(10, TimeUnit.SECONDS).untilAsserted(() -> {
            fleet.runFor(Duration.ofMillis(200));
            assertThat(fleet.stores).noneMatch(s -> s.status().onLocalShare());
        });
        // Each instance back repays its own share's last second and a second of the other's: two seconds of debt.
        fleet.runFor(Duration.ofSeconds(2));
        int before = sends.size();
        fleet.runFor(Duration.ofSeconds(3));
        assertThat((sends.size() - before) / 3.0).as("the whole limit again").isGreaterThan(160);
        long[] times = sends.stream().mapToLong(Long::longValue).toArray();
        assertThat(CallLog.busiestSecond(times)).isLessThanOrEqualTo(200);
    }

    @Test
    void threeOpenImClientsRefreshAnExpiredTokenOnceForTheFleet() throws Exception {
        ManualClock clock = new ManualClock();
        OpenImEmulator openIm = new OpenImEmulator(clock, "openim-secret").start();
        closing.add(openIm);
        openIm.setTokenLifetime(Duration.ofHours(1));
        OkHttpClient http = VendorHttp.client(Duration.ofSeconds(2), Duration.ofSeconds(10), 16);
        closing.add(() -> VendorHttp.close(http));
        List<OpenImClient> clients = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            RedisStore store = store(Clock.system());
            OpenImClient client = new OpenImClient(http, openIm.baseUri(), OpenImEmulator.DEFAULT_ADMIN_USER_ID,
                    "openim-secret", clock, new SplittableRandom(i), store.adminTokens("openim:test#imAdmin"));
            closing.add(client::close);
            clients.add(client);
            openIm.seedGroup("g" + i);
        }
        assertThat(renameAll(clients, "first")).allMatch(CallResult::isOk);
        assertThat(openIm.issuedTokenCount()).as("one token for the three").isEqualTo(1);

        clock.advance(Duration.ofHours(2));
        List<CallResult> afterExpiry = renameAll(clients, "second");

        assertThat(afterExpiry).allMatch(CallResult::isOk);
        assertThat(openIm.issuedTokenCount()).as("one refresh for the three").isEqualTo(2);
    }

    private static List<CallResult> renameAll(List<OpenImClient> clients, String name) throws Exception {
        List<CompletableFuture<CallResult>> sent = new ArrayList<>();
        for (int i = 0; i < clients.size(); i++) {
            OpenImClient client = clients.get(i);
            VendorCall call = client.plan("g" + i, Target.group(), Patch.empty().set(Field.NAME, name),
                    PlanContext.NONE, 0).get(0);
            sent.add(client.send(call));
        }
        List<CallResult> results = new ArrayList<>();
        for (CompletableFuture<CallResult> result : sent) {
            results.add(result.get(10, TimeUnit.SECONDS));
        }
        return results;
    }

    private RedisStore store(Clock clock) {
        RedisStore store = new RedisStore(new RateLimitConfig(RateLimitConfig.Store.REDIS, Optional.of(redis.url()),
                Optional.of(io.groupsync.config.Secret.of(redis.password())), Duration.ofMillis(250),
                Duration.ofSeconds(1)), clock);
        closing.add(store);
        return store;
    }

    /** {@code n} instances, each a thread reserving a backlog's calls on its own store, as its dispatcher would. */
    private final class Fleet {

        final List<RedisStore> stores = new ArrayList<>();
        private final List<ApiLimiter> limiters = new ArrayList<>();
        private final List<Long> sends;

        Fleet(int n, int limit, List<Long> sends) {
            this.sends = sends;
            for (int i = 0; i < n; i++) {
                RedisStore store = store(Clock.system());
                stores.add(store);
                limiters.add(new ApiLimiter("api", limit,
                        store.tokens(() -> n).of("tencent:1400000001", "api", limit), Clock.system()));
            }
        }

        /**
         * Every instance reserves calls for {@code span} of real time: Redis keeps the shared schedule on the real
         * clock, so this one cannot be moved. Between reservations an instance waits for the moment its limiter
         * names, as the dispatcher's timer does.
         */
        void runFor(Duration span) throws InterruptedException {
            Clock clock = Clock.system();
            long until = clock.nanoTime() + span.toNanos();
            List<Thread> threads = new ArrayList<>();
            for (ApiLimiter limiter : limiters) {
                Thread thread = new Thread(() -> {
                    try {
                        for (long now = clock.nanoTime(); now < until; now = clock.nanoTime()) {
                            for (long wait; (wait = limiter.reserve(HORIZON)) >= 0; ) {
                                sends.add(clock.nanoTime() + wait);
                            }
                            long next = Math.min(until, limiter.nextReservationNanos(HORIZON));
                            // A reservation on its way to Redis makes the next moment "now": look again shortly.
                            clock.sleep(Math.max(MIN_WAIT_NANOS, next - clock.nanoTime()));
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
                thread.start();
                threads.add(thread);
            }
            for (Thread thread : threads) {
                thread.join();
            }
        }
    }
}
