package io.groupsync.cli;

import io.groupsync.config.OpenImRoute;
import io.groupsync.config.RongCloudRoute;
import io.groupsync.config.RouteConfig;
import io.groupsync.config.TencentRoute;
import io.groupsync.config.RateLimitConfig;
import io.groupsync.config.WorkerConfig;
import io.groupsync.dispatch.SharedRateStatus;
import io.groupsync.dispatch.TokenSources;
import io.groupsync.imapi.openim.AdminTokenStore;
import io.groupsync.worker.GroupMembers;
import io.groupsync.worker.RedisStore;
import io.groupsync.config.MetricsConfig;
import io.groupsync.metrics.Health;
import io.groupsync.metrics.MetricsServer;
import io.groupsync.metrics.WorkerMetrics;
import io.groupsync.time.Clock;
import io.groupsync.imapi.VendorClient;
import io.groupsync.imapi.http.VendorHttp;
import io.groupsync.imapi.openim.OpenImClient;
import io.groupsync.imapi.rongcloud.RongCloudClient;
import io.groupsync.imapi.tencent.TencentClient;
import io.groupsync.imapi.tencent.TencentOptions;
import io.groupsync.worker.RouteSpec;
import io.groupsync.worker.Worker;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import okhttp3.OkHttpClient;

/** Turns a validated configuration into a running worker: its HTTP client, vendor clients and Kafka clients. */
final class WorkerAssembly implements AutoCloseable {

    private final OkHttpClient http;
    private final Worker worker;
    private final WorkerMetrics metrics;
    private final PrometheusMeterRegistry registry;
    private final Fleet fleet;
    private MetricsServer server;

    /**
     * What the instances of the group share with {@code rate-limit.store: redis}; both null with local buckets.
     *
     * @param redis   the shared buckets and OpenIM tokens
     * @param members the group's member count, the divisor of the local shares while Redis is away
     */
    private record Fleet(RedisStore redis, GroupMembers members) {

        static Fleet of(WorkerConfig config, Clock clock, MeterRegistry registry) {
            RateLimitConfig rates = config.rateLimit();
            if (!rates.shared()) {
                return new Fleet(null, null);
            }
            RedisStore redis = new RedisStore(rates, clock);
            SharedRateStatus status = redis.status();
            FunctionCounter.builder("groupsync.rate.limit.fallbacks", status, SharedRateStatus::fallbacks)
                    .description("Times a shared rate limit fell back to a local share because Redis was away")
                    .register(registry);
            FunctionCounter.builder("groupsync.rate.limit.unused.tokens", status, SharedRateStatus::unusedTokens)
                    .description("Shared tokens this instance reserved and let pass unused: slots lost to the fleet")
                    .register(registry);
            FunctionCounter.builder("groupsync.rate.limit.late.calls", status, SharedRateStatus::lateCalls)
                    .description("Calls written too late for their slot in the shared schedule; each took a fresh token")
                    .register(registry);
            Gauge.builder("groupsync.rate.limit.local.share", status, s -> s.onLocalShare() ? 1 : 0)
                    .description("1 while any shared rate limit runs on a local share (limit ÷ live instances)")
                    .register(registry);
            return new Fleet(redis, new GroupMembers(config.kafka(), rates.membersRefresh()));
        }

        TokenSources tokens(Clock clock) {
            return redis == null ? TokenSources.local(clock) : redis.tokens(members::count);
        }

        AdminTokenStore adminTokens(RouteConfig route) {
            return redis == null ? AdminTokenStore.LOCAL : redis.adminTokens(RouteSpec.account(route));
        }

        /** Ready only on the shared buckets: on a local share the fleet drains at a fraction of the limit. */
        boolean onShared() {
            return redis == null || !redis.status().onLocalShare();
        }

        void close() {
            if (members != null) {
                members.close();
            }
            if (redis != null) {
                redis.close();
            }
        }
    }

    private WorkerAssembly(OkHttpClient http, Worker worker, WorkerMetrics metrics, PrometheusMeterRegistry registry,
                           Fleet fleet) {
        this.http = http;
        this.worker = worker;
        this.metrics = metrics;
        this.registry = registry;
        this.fleet = fleet;
    }

    static WorkerAssembly build(WorkerConfig config) {
        Clock clock = Clock.system();
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        WorkerMetrics metrics = new WorkerMetrics(registry, clock, config.log().vendorFailureInterval());
        int maxInFlight = config.dispatch().maxInFlightPerRoute() * config.routes().size();
        OkHttpClient http = VendorHttp.client(config.http().connectTimeout(), config.http().callTimeout(), maxInFlight);
        Fleet fleet = Fleet.of(config, clock, registry);
        List<RouteSpec> routes = new ArrayList<>();
        for (RouteConfig route : config.routes()) {
            routes.add(RouteSpec.of(route, client(route, http, clock, fleet)));
            metrics.routeLimits(route.name(), route.limits());
        }
        Worker worker = new Worker(config.kafka(), config.topics(), config.pipeline(), config.dispatch(),
                config.registry(), routes, fleet.tokens(clock), clock, new Worker.Observers(metrics, metrics));
        return new WorkerAssembly(http, worker, metrics, registry, fleet);
    }

    private static VendorClient client(RouteConfig route, OkHttpClient http, Clock clock, Fleet fleet) {
        if (route instanceof TencentRoute tencent) {
            return new TencentClient(http, tencent.endpoint(), tencent.sdkAppId(), tencent.identifier(),
                    tencent.secretKey().reveal(), tencent.usersigTtl(), clock, new SecureRandom(),
                    new TencentOptions(tencent.maxMemberNum()));
        }
        if (route instanceof OpenImRoute openIm) {
            return new OpenImClient(http, openIm.endpoint(), openIm.adminUserId(), openIm.secret().reveal(), clock,
                    new SecureRandom(), fleet.adminTokens(route));
        }
        if (route instanceof RongCloudRoute rong) {
            return new RongCloudClient(http, rong.endpoint(), rong.backupEndpoint().orElse(null), rong.appKey(),
                    rong.appSecret().reveal(), clock, new SecureRandom());
        }
        throw new IllegalArgumentException("routes[" + route.name() + "]: unknown kind of route " + route);
    }

    Worker worker() {
        return worker;
    }

    /**
     * Serves metrics and health as {@code settings} say (port 0 picks a free one). Live while {@code pipelineThread}
     * runs the pipeline, goes round and commits within the limits; ready when live and owning partitions.
     */
    int serveMetrics(MetricsConfig settings, Thread pipelineThread) {
        Health health = metrics.health(new Health.Limits(settings.loopStallTimeout(), settings.commitFailureTimeout()),
                pipelineThread::isAlive);
        server = new MetricsServer(new MetricsServer.Endpoint(settings.bindAddress().orElse(null), settings.port(),
                settings.requestTimeout()), registry, health::live, () -> health.ready() && fleet.onShared());
        return server.port();
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
        metrics.close();
        fleet.close();
        VendorHttp.close(http);
    }
}
