package io.groupsync.cli;

import io.groupsync.config.OpenImRoute;
import io.groupsync.config.RongCloudRoute;
import io.groupsync.config.RouteConfig;
import io.groupsync.config.TencentRoute;
import io.groupsync.config.WorkerConfig;
import io.groupsync.dispatch.Backoff;
import io.groupsync.dispatch.DispatchSettings;
import io.groupsync.metrics.MetricsServer;
import io.groupsync.metrics.WorkerMetrics;
import io.groupsync.time.Clock;
import io.groupsync.imapi.VendorClient;
import io.groupsync.imapi.http.VendorHttp;
import io.groupsync.intake.FlowSettings;
import io.groupsync.imapi.openim.OpenImClient;
import io.groupsync.imapi.rongcloud.RongCloudClient;
import io.groupsync.imapi.tencent.TencentClient;
import io.groupsync.worker.PipelineSettings;
import io.groupsync.worker.RouteSpec;
import io.groupsync.worker.Worker;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import okhttp3.OkHttpClient;

/** Turns a validated configuration into a running worker: its HTTP client, vendor clients and Kafka clients. */
final class WorkerAssembly implements AutoCloseable {

    private final OkHttpClient http;
    private final Worker worker;
    private final WorkerMetrics metrics;
    private final PrometheusMeterRegistry registry;
    private MetricsServer server;

    private WorkerAssembly(OkHttpClient http, Worker worker, WorkerMetrics metrics, PrometheusMeterRegistry registry) {
        this.http = http;
        this.worker = worker;
        this.metrics = metrics;
        this.registry = registry;
    }

    static WorkerAssembly build(WorkerConfig config) {
        Clock clock = Clock.system();
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        WorkerMetrics metrics = new WorkerMetrics(registry);
        int maxInFlight = config.dispatch().maxInFlightPerRoute() * config.routes().size();
        OkHttpClient http = VendorHttp.client(config.http().connectTimeout(), config.http().callTimeout(), maxInFlight);
        List<RouteSpec> routes = new ArrayList<>();
        for (RouteConfig route : config.routes()) {
            routes.add(new RouteSpec(route.name(), client(route, http, clock), route.limits()));
        }
        Map<String, Object> kafka = new HashMap<>(config.kafka().consumer());
        kafka.put("bootstrap.servers", config.kafka().bootstrapServers());
        Map<String, Object> producer = new HashMap<>(config.kafka().producer());
        producer.put("bootstrap.servers", config.kafka().bootstrapServers());
        var pipeline = config.pipeline();
        PipelineSettings pipelineSettings = new PipelineSettings(pipeline.commitInterval(), pipeline.settleTimeout(),
                pipeline.offsetMetadataMaxBytes(), new FlowSettings(pipeline.maxPendingKeys(),
                pipeline.resumePendingKeys(), pipeline.maxPendingRecords(), pipeline.backlogHold()));
        var dispatch = config.dispatch();
        DispatchSettings dispatchSettings = new DispatchSettings(dispatch.maxInFlightPerRoute(), dispatch.maxAttempts(),
                new Backoff(dispatch.initialBackoff(), dispatch.maxBackoff(), () -> ThreadLocalRandom.current().nextDouble()),
                DispatchSettings.DEFAULT_RESERVE_AHEAD);
        Worker worker = new Worker(kafka, producer, config.kafka().groupId(), config.kafka().instanceId(),
                new Worker.Topics(config.topics().input(), config.topics().results(), config.topics().deadLetters()),
                pipelineSettings, dispatchSettings, routes, clock, metrics, metrics);
        return new WorkerAssembly(http, worker, metrics, registry);
    }

    private static VendorClient client(RouteConfig route, OkHttpClient http, Clock clock) {
        if (route instanceof TencentRoute tencent) {
            return new TencentClient(http, tencent.endpoint(), tencent.sdkAppId(), tencent.identifier(),
                    tencent.secretKey().reveal(), tencent.usersigTtl(), clock, new SecureRandom());
        }
        if (route instanceof OpenImRoute openIm) {
            return new OpenImClient(http, openIm.endpoint(), openIm.adminUserId(), openIm.secret().reveal(), clock,
                    new SecureRandom());
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
     * Serves metrics and health on {@code port} (0 picks a free one). Live while {@code pipelineThread} runs the
     * pipeline; ready once this instance owns partitions.
     */
    int serveMetrics(int port, Thread pipelineThread) {
        server = new MetricsServer(port, registry, pipelineThread::isAlive, () -> metrics.assignedPartitions() > 0);
        return server.port();
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
        VendorHttp.close(http);
    }
}
