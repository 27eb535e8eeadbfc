package io.groupsync.worker;

import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.AsyncBucketProxy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ClientSideConfig;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.cas.LettuceBasedProxyManager;
import io.groupsync.config.RateLimitConfig;
import io.groupsync.dispatch.SharedRateStatus;
import io.groupsync.dispatch.SharedSchedule;
import io.groupsync.dispatch.SharedTokens;
import io.groupsync.dispatch.TokenSources;
import io.groupsync.imapi.openim.AdminTokenStore;
import io.groupsync.time.Clock;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.StaticCredentialsProvider;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fleet's shared state in Redis ({@code rate-limit.store: redis}): the rate-limit buckets, through bucket4j's
 * lettuce compare-and-swap proxy, and OpenIM's admin tokens. A Redis that cannot be reached at start is connected
 * to in the background; until then, and whenever a command fails, the buckets run on their local shares. Commands
 * fail at once while the connection is down (rather than queue until they time out), and lettuce reconnects by
 * itself within a second.
 */
public final class RedisStore implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RedisStore.class);
    static final String PREFIX = "groupsync:";
    /** A bucket untouched this long after it is full again is dropped from Redis. */
    private static final Duration KEEP_IDLE_BUCKET = Duration.ofSeconds(10);
    private static final Duration RECONNECT_EVERY = Duration.ofSeconds(1);

    private final RedisClient client;
    private final ClientResources resources;
    private final Clock clock;
    /** The shared buckets' clock, one for the proxy manager and the schedules read from its answers. */
    private final WallNanos wallNanos;
    private final Duration timeout;
    private final SharedRateStatus status = new SharedRateStatus();
    private final Map<String, AsyncBucketProxy> buckets = new ConcurrentHashMap<>();
    private final ScheduledExecutorService connector = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "groupsync-redis-connect");
        thread.setDaemon(true);
        return thread;
    });
    private volatile StatefulRedisConnection<byte[], byte[]> bytes;
    private volatile StatefulRedisConnection<String, String> strings;
    private volatile ProxyManager<byte[]> proxies;

    public RedisStore(RateLimitConfig config, Clock clock) {
        this.clock = clock;
        this.wallNanos = new WallNanos(clock);
        this.timeout = config.redisTimeout();
        RedisURI uri = RedisURI.create(config.redisUrl().orElseThrow());
        config.redisPassword().ifPresent(p -> uri.setCredentialsProvider(
                new StaticCredentialsProvider(null, p.reveal().toCharArray())));
        uri.setTimeout(timeout);
        this.resources = ClientResources.builder()
                .reconnectDelay(Delay.exponential(Duration.ofMillis(50), RECONNECT_EVERY, 2, TimeUnit.MILLISECONDS))
                .build();
        this.client = RedisClient.create(resources, uri);
        client.setOptions(ClientOptions.builder()
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(timeout))
                .build());
        if (!connect()) {
            connector.scheduleWithFixedDelay(this::connectInBackground, RECONNECT_EVERY.toMillis(),
                    RECONNECT_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Which buckets are on a local share, for the readiness probe and the metrics. */
    public SharedRateStatus status() {
        return status;
    }

    /** Buckets shared by the fleet, one per vendor account and API; local shares of {@code members} when Redis is away. */
    public TokenSources tokens(IntSupplier members) {
        return (account, api, limit) -> new SharedTokens(account + " " + api,
                () -> bucket(PREFIX + "rate:" + account + ":" + api, limit), limit, clock,
                new SharedSchedule(wallNanos, clock), members, status);
    }

    /** The admin token of the OpenIM account {@code account}, shared by the fleet. */
    public AdminTokenStore adminTokens(String account) {
        return new RedisAdminTokens(() -> strings, PREFIX + "openim-admin-token:" + account);
    }

    private AsyncBucketProxy bucket(String key, int limit) {
        ProxyManager<byte[]> manager = proxies;
        if (manager == null) {
            return null;
        }
        return buckets.computeIfAbsent(key, k -> manager.asAsync().builder().build(k.getBytes(StandardCharsets.UTF_8),
                () -> CompletableFuture.completedFuture(SharedSchedule.configuration(limit))));
    }

    private boolean connect() {
        try {
            bytes = client.connect(ByteArrayCodec.INSTANCE);
            strings = client.connect(StringCodec.UTF8);
        } catch (RuntimeException e) {
            LOG.warn("cannot reach Redis yet ({}); rate limits run on local shares until it can be", e.getMessage());
            return false;
        }
        proxies = LettuceBasedProxyManager.builderFor(bytes)
                .withExpirationStrategy(ExpirationAfterWriteStrategy
                        .basedOnTimeForRefillingBucketUpToMax(KEEP_IDLE_BUCKET))
                .withClientSideConfig(ClientSideConfig.getDefault()
                        .withClientClock(wallNanos)
                        .withRequestTimeout(timeout))
                .build();
        LOG.info("connected to Redis for the shared rate limits");
        return true;
    }

    private void connectInBackground() {
        if (proxies == null && connect()) {
            connector.shutdown();
        }
    }

    @Override
    public void close() {
        connector.shutdownNow();
        if (bytes != null) {
            bytes.close();
        }
        if (strings != null) {
            strings.close();
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }

    /**
     * The shared buckets' time: every instance must read the same clock, so wall time, in nanoseconds from the
     * monotonic clock anchored once to the wall clock (bucket4j's millisecond clock would round a 2,000/s refill).
     */
    private static final class WallNanos implements TimeMeter {

        private final Clock clock;
        private final long anchor;

        WallNanos(Clock clock) {
            this.clock = clock;
            this.anchor = TimeUnit.MILLISECONDS.toNanos(clock.currentTimeMillis()) - clock.nanoTime();
        }

        @Override
        public long currentTimeNanos() {
            return anchor + clock.nanoTime();
        }

        @Override
        public boolean isWallClockBased() {
            return true;
        }
    }
}
