package io.groupsync.bench;

import io.github.bucket4j.distributed.AsyncBucketProxy;
import io.github.bucket4j.redis.lettuce.cas.LettuceBasedProxyManager;
import io.groupsync.config.RateLimitConfig;
import io.groupsync.dispatch.ApiLimiter;
import io.groupsync.dispatch.SharedSchedule;
import io.groupsync.dispatch.SharedTokens;
import io.groupsync.testkit.emulator.CallLog;
import io.groupsync.testkit.redis.RedisServer;
import io.groupsync.time.Clock;
import io.groupsync.worker.RedisStore;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.StringCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Scenario bucket-cost: what one shared bucket in Redis costs, three instances (each its own connection) calling at
 * a fleet-wide rate of 200/s and 2,000/s. The plain path takes one token per call (one compare-and-swap round trip
 * each, bucket4j's lettuce proxy, asynchronous); the batched path is {@link SharedTokens}, 20 ms of the rate per
 * round trip. Per path: calls per second reached, round trips to Redis per call (above 1 on the plain path: CAS
 * retries after a conflict), the round trip's latency, and Redis's CPU per thousand calls.
 */
final class BucketCost {

    private static final Pattern CALLS = Pattern.compile("cmdstat_[a-z|]+:calls=(\\d+)");
    private static final Pattern CPU = Pattern.compile("used_cpu_(?:sys|user):([0-9.]+)");
    private static final int INSTANCES = 3;

    private BucketCost() {
    }

    static void run(Bench b, Report r) throws Exception {
        Duration span = Duration.ofSeconds(b.bucketCostSeconds);
        r.size("instances", INSTANCES).size("seconds per run", b.bucketCostSeconds);
        try (RedisServer redis = RedisServer.startNew()) {
            RedisClient admin = RedisClient.create(redis.url());
            try (StatefulRedisConnection<String, String> info = admin.connect(StringCodec.UTF8)) {
                for (int rate : b.bucketCostRates) {
                    plain(r, redis, info, rate, span);
                    batched(r, redis, info, rate, span);
                }
            } finally {
                admin.shutdown();
            }
        }
    }

    /** One token per call, each a CAS round trip, paced at the rate split over the instances. */
    private static void plain(Report r, RedisServer redis, StatefulRedisConnection<String, String> info, int rate,
                              Duration span) throws Exception {
        List<RedisClient> clients = new ArrayList<>();
        List<AsyncBucketProxy> buckets = new ArrayList<>();
        byte[] key = ("bucket-cost:plain:" + rate).getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < INSTANCES; i++) {
            RedisClient client = RedisClient.create(redis.url());
            clients.add(client);
            StatefulRedisConnection<byte[], byte[]> connection = client.connect(ByteArrayCodec.INSTANCE);
            buckets.add(LettuceBasedProxyManager.builderFor(connection).build().asAsync().builder()
                    .build(key, () -> CompletableFuture.completedFuture(SharedSchedule.configuration(rate))));
        }
        Counters before = Counters.of(info);
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        AtomicLong granted = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long interval = 1_000_000_000L * INSTANCES / rate;
        long start = System.nanoTime();
        long end = start + span.toNanos();
        List<Thread> threads = new ArrayList<>();
        for (AsyncBucketProxy bucket : buckets) {
            Thread thread = new Thread(() -> {
                for (long next = System.nanoTime(); next < end; next += interval) {
                    long wait = next - System.nanoTime();
                    if (wait > 0) {
                        java.util.concurrent.locks.LockSupport.parkNanos(wait);
                    }
                    long sent = System.nanoTime();
                    bucket.tryConsume(1).whenComplete((ok, error) -> {
                        latencies.add(System.nanoTime() - sent);
                        if (error != null) {
                            failed.incrementAndGet();
                        } else if (ok) {
                            granted.incrementAndGet();
                        }
                    });
                }
            });
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        Thread.sleep(500);
        Counters after = Counters.of(info);
        clients.forEach(RedisClient::shutdown);
        long asked = latencies.size();
        String p = "plain " + rate + "/s: ";
        r.figure(p + "calls/s asked", asked / (span.toNanos() / 1e9));
        r.figure(p + "tokens granted/s", granted.get() / (span.toNanos() / 1e9));
        r.figure(p + "Redis commands per call", (double) (after.commands - before.commands) / Math.max(1, asked));
        r.figure(p + "round trip p50 ms", percentile(latencies, 0.5) / 1e6);
        r.figure(p + "round trip p99 ms", percentile(latencies, 0.99) / 1e6);
        r.figure(p + "round trip max ms", percentile(latencies, 1.0) / 1e6);
        r.figure(p + "Redis CPU ms per 1000 calls", (after.cpuSeconds - before.cpuSeconds) * 1e6 / Math.max(1, asked));
        r.figure(p + "failed (timed out)", failed.get());
    }

    /** Through {@link SharedTokens}: each instance a thread reserving a backlog's calls, as its dispatcher would. */
    private static void batched(Report r, RedisServer redis, StatefulRedisConnection<String, String> info, int rate,
                                Duration span) throws Exception {
        List<RedisStore> stores = new ArrayList<>();
        List<ApiLimiter> limiters = new ArrayList<>();
        for (int i = 0; i < INSTANCES; i++) {
            RedisStore store = new RedisStore(new RateLimitConfig(RateLimitConfig.Store.REDIS,
                    Optional.of(redis.url()), Optional.empty(), Duration.ofMillis(250), Duration.ofSeconds(1)),
                    Clock.system());
            stores.add(store);
            limiters.add(new ApiLimiter("api", rate, store.tokens(() -> INSTANCES).of("bucket-cost", "batched-" + rate,
                    rate), Clock.system()));
        }
        Counters before = Counters.of(info);
        List<Long> sends = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean stop = new AtomicBoolean();
        long horizon = Duration.ofMillis(250).toNanos();
        List<Thread> threads = new ArrayList<>();
        for (ApiLimiter limiter : limiters) {
            Thread thread = new Thread(() -> {
                while (!stop.get()) {
                    for (long wait; (wait = limiter.reserve(horizon)) >= 0; ) {
                        sends.add(System.nanoTime() + wait);
                    }
                    java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
                }
            });
            thread.start();
            threads.add(thread);
        }
        Thread.sleep(span.toMillis());
        stop.set(true);
        for (Thread thread : threads) {
            thread.join();
        }
        Counters after = Counters.of(info);
        stores.forEach(RedisStore::close);
        long[] times = sends.stream().mapToLong(Long::longValue).toArray();
        String p = "batched " + rate + "/s: ";
        r.figure(p + "calls/s", sends.size() / (span.toNanos() / 1e9));
        r.target(p + "busiest second", CallLog.busiestSecond(times), "<=", rate);
        r.figure(p + "Redis commands per call", (double) (after.commands - before.commands) / Math.max(1, sends.size()));
        r.figure(p + "Redis CPU ms per 1000 calls",
                (after.cpuSeconds - before.cpuSeconds) * 1e6 / Math.max(1, sends.size()));
    }

    private static double percentile(ConcurrentLinkedQueue<Long> values, double q) {
        List<Long> sorted = new ArrayList<>(values);
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        Collections.sort(sorted);
        return sorted.get((int) Math.min(sorted.size() - 1, Math.floor(q * sorted.size())));
    }

    /** Commands Redis has run and the CPU it has used, from INFO. */
    private record Counters(long commands, double cpuSeconds) {

        static Counters of(StatefulRedisConnection<String, String> info) {
            long commands = 0;
            Matcher calls = CALLS.matcher(info.sync().info("commandstats"));
            while (calls.find()) {
                commands += Long.parseLong(calls.group(1));
            }
            double cpu = 0;
            Matcher used = CPU.matcher(info.sync().info("cpu"));
            while (used.find()) {
                cpu += Double.parseDouble(used.group(1));
            }
            // The two INFO commands of each reading are counted too: a rounding error at these rates.
            return new Counters(commands, cpu);
        }
    }
}
