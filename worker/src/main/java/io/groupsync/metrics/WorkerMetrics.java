package io.groupsync.metrics;

import io.groupsync.dispatch.DispatchMetrics;
import io.groupsync.event.DeadLetterReason;
import io.groupsync.event.SyncStatus;
import io.groupsync.imapi.CallClass;
import io.groupsync.record.CommitCycle;
import io.groupsync.time.Clock;
import io.groupsync.worker.PipelineListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.TopicPartition;

/**
 * The worker's meters (Micrometer, scraped as Prometheus text), fed by the pipeline and the dispatchers, with the
 * JVM's and the Kafka clients' beside them ({@link ClientMeters}). Failed vendor calls also go to the log, rate
 * limited ({@link VendorFailureLog}); the probes read the loop's and the commits' progress from here ({@link Health}).
 */
public final class WorkerMetrics implements DispatchMetrics, PipelineListener, AutoCloseable {

    public static final Duration DEFAULT_FAILURE_LOG_INTERVAL = Duration.ofSeconds(60);
    private static final long NOT_FAILING = Long.MIN_VALUE;

    private final MeterRegistry registry;
    private final Clock clock;
    private final VendorFailureLog failures;
    private final ClientMeters clients;
    private final Counter consumed;
    private final Counter commits;
    private final Timer commitDuration;
    private final AtomicInteger paused = new AtomicInteger();
    private final AtomicInteger assigned = new AtomicInteger();
    private final AtomicInteger registryDown = new AtomicInteger();
    private final AtomicLong pendingKeys = new AtomicLong();
    private final AtomicLong pendingRecords = new AtomicLong();
    private final AtomicLong pendingBytes = new AtomicLong();
    private volatile long lastRoundNanos;
    private volatile long lastCommitNanos;
    private volatile long failingSinceNanos = NOT_FAILING;

    /**
     * Counted once per event: looked up by route and status here rather than through the registry, which builds a
     * meter id (tags and all) on every call.
     */
    private final Map<String, Map<SyncStatus, Counter>> resultCounters = new ConcurrentHashMap<>();
    private final Map<String, Map<DeadLetterReason, Counter>> deadLetterCounters = new ConcurrentHashMap<>();
    /** By route and API, on the vendor clients' threads. */
    private final Map<String, Timer> answerTimes = new ConcurrentHashMap<>();
    private final Map<String, DistributionSummary> secondCounts = new ConcurrentHashMap<>();

    /** On the system clock, logging failed vendor calls once a minute per route and kind. */
    public WorkerMetrics(MeterRegistry registry) {
        this(registry, Clock.system(), DEFAULT_FAILURE_LOG_INTERVAL);
    }

    /** @param failureLogInterval at most one line per route and kind of failed vendor call this often */
    public WorkerMetrics(MeterRegistry registry, Clock clock, Duration failureLogInterval) {
        this.registry = registry;
        this.clock = clock;
        this.failures = new VendorFailureLog(clock, failureLogInterval);
        this.clients = new ClientMeters(registry);
        this.lastRoundNanos = clock.nanoTime();
        this.lastCommitNanos = lastRoundNanos;
        this.consumed = Counter.builder("groupsync.events.consumed").description("Records read from the input topic")
                .register(registry);
        this.commits = Counter.builder("groupsync.transactions.committed")
                .description("Transactions committed with results, dead letters and offsets").register(registry);
        this.commitDuration = Timer.builder("groupsync.commit.duration")
                .description("From handing a commit to the producer until the broker confirmed it")
                .serviceLevelObjectives(Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofMillis(100),
                        Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(5),
                        Duration.ofSeconds(30))
                .register(registry);
        // Registered at zero, so that an alert on their increase sees the first one (a series born at 1 shows none).
        for (CommitCycle.Failure kind : CommitCycle.Failure.values()) {
            registry.counter("groupsync.commit.failures", "kind", kind.name());
        }
        gauge("groupsync.intake.paused", paused::get, null, "1 while intake is paused at a cap on pending work");
        gauge("groupsync.registry.unavailable", registryDown::get, null, "1 while the schema registry cannot be "
                + "asked: intake waits at the records that need it, or start-up waits to register the output schemas");
        gauge("groupsync.partitions.assigned", assigned::get, null, "Input partitions this instance owns");
        gauge("groupsync.pending.keys", pendingKeys::get, null, "Keys (route, group, target) waiting or in flight");
        gauge("groupsync.pending.records", pendingRecords::get, null,
                "Consumed records whose outcomes are not yet in a transaction");
        gauge("groupsync.pending.bytes", pendingBytes::get, "bytes", "What the pending records take, about");
        gauge("groupsync.last.commit.age", () -> seconds(clock.nanoTime() - lastCommitNanos), "seconds",
                "Since the last commit that went through (or the start); grows while idle, as nothing is committed");
        gauge("groupsync.last.round.age", () -> seconds(clock.nanoTime() - lastRoundNanos), "seconds",
                "Since the pipeline loop last went round");
    }

    private void gauge(String name, Supplier<Number> value, String unit, String description) {
        Gauge.builder(name, value).baseUnit(unit).description(description).register(registry);
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    /** The probes, for a pipeline running while {@code running} holds; readiness is a gauge too, for alerts. */
    public Health health(Health.Limits limits, BooleanSupplier running) {
        Health health = new Health(this, limits, running);
        gauge("groupsync.ready", () -> health.ready() ? 1 : 0, null, "1 while /health/ready answers 200");
        return health;
    }

    /**
     * A route's calls per second allowed per API, beside its calls; its calls, answers and calls held back start at
     * zero, so that the dashboard shows every API and an alert sees a route's first throttling answer.
     */
    public void routeLimits(String route, Map<String, Integer> limits) {
        limits.forEach((api, perSecond) -> {
            Gauge.builder("groupsync.vendor.limit", () -> perSecond).tags("route", route, "api", api)
                    .description("Calls per second allowed on the API (the route's limits)").register(registry);
            registry.counter("groupsync.vendor.calls", "route", route, "api", api);
            for (CallClass outcome : CallClass.values()) {
                registry.counter("groupsync.vendor.answers", "route", route, "api", api, "outcome", outcome.name());
            }
            for (HeldBack why : HeldBack.values()) {
                registry.counter("groupsync.calls.held.back", "route", route, "api", api, "reason",
                        why.name().toLowerCase(Locale.ROOT));
            }
        });
    }

    @Override
    public void consumed() {
        consumed.increment();
    }

    @Override
    public void paused(boolean isPaused) {
        paused.set(isPaused ? 1 : 0);
    }

    @Override
    public void looped(int keys, int records, long bytes) {
        lastRoundNanos = clock.nanoTime();
        pendingKeys.set(keys);
        pendingRecords.set(records);
        pendingBytes.set(bytes);
        failures.flushDue();
    }

    @Override
    public void committed(Duration took) {
        commits.increment();
        commitDuration.record(took);
        lastCommitNanos = clock.nanoTime();
        failingSinceNanos = NOT_FAILING;
    }

    @Override
    public void commitFailed(CommitCycle.Failure failure) {
        registry.counter("groupsync.commit.failures", "kind", failure.name()).increment();
        if (failingSinceNanos == NOT_FAILING) {
            failingSinceNanos = clock.nanoTime();
        }
    }

    @Override
    public void result(String route, SyncStatus status) {
        resultCounters.computeIfAbsent(route, r -> new ConcurrentHashMap<>())
                .computeIfAbsent(status, s -> registry.counter("groupsync.results", "route", route, "status", s.name()))
                .increment();
    }

    @Override
    public void deadLetter(String route, DeadLetterReason reason) {
        String name = route == null ? "" : route;
        deadLetterCounters.computeIfAbsent(name, r -> new ConcurrentHashMap<>())
                .computeIfAbsent(reason, why -> registry.counter("groupsync.dead.letters", "route", name, "reason",
                        why.name()))
                .increment();
    }

    @Override
    public void assigned(Collection<TopicPartition> partitions) {
        assigned.addAndGet(partitions.size());
    }

    @Override
    public void revoked(Collection<TopicPartition> partitions) {
        assigned.addAndGet(-partitions.size());
    }

    @Override
    public void consumerCreated(Consumer<?, ?> consumer) {
        clients.consumer(consumer);
    }

    @Override
    public void producerCreated(Producer<?, ?> producer) {
        clients.producer(producer);
    }

    @Override
    public void sent(String route, String api) {
        registry.counter("groupsync.vendor.calls", "route", route, "api", api).increment();
    }

    @Override
    public void answered(Answer answer) {
        CallClass outcome = answer.result().outcome();
        registry.counter("groupsync.vendor.answers", "route", answer.route(), "api", answer.api(), "outcome",
                outcome.name()).increment();
        if (outcome != CallClass.OK) {
            failures.failed(answer);
        }
    }

    @Override
    public void answerTime(String route, String api, Duration took) {
        perApi(answerTimes, route, api, () -> Timer.builder("groupsync.vendor.duration").tags("route", route, "api", api)
                .description("From handing a request to the vendor client until its answer or failure")
                .serviceLevelObjectives(Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100),
                        Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500),
                        Duration.ofSeconds(10))
                .register(registry)).record(took);
    }

    @Override
    public void written(String route, String api, int inLastSecond) {
        perApi(secondCounts, route, api, () -> DistributionSummary.builder("groupsync.vendor.second.requests")
                .tags("route", route, "api", api)
                .description("Requests written in the sliding second ending at each request; its max is the busiest"
                        + " second of the last two minutes, as the vendor counts arrivals")
                .register(registry)).record(inLastSecond);
    }

    private static <M> M perApi(Map<String, M> meters, String route, String api, Supplier<M> create) {
        return meters.computeIfAbsent(route + ' ' + api, k -> create.get());
    }

    @Override
    public void heldBack(String route, String api, HeldBack why) {
        registry.counter("groupsync.calls.held.back", "route", route, "api", api, "reason",
                why.name().toLowerCase(Locale.ROOT)).increment();
    }

    @Override
    public void registryAvailable(boolean available) {
        registryDown.set(available ? 0 : 1);
    }

    boolean registryAvailable() {
        return registryDown.get() == 0;
    }

    public int assignedPartitions() {
        return assigned.get();
    }

    Duration sinceLastRound() {
        return Duration.ofNanos(clock.nanoTime() - lastRoundNanos);
    }

    /** How long every commit has failed, since the first failure after the last commit that went through. */
    Duration commitsFailingFor() {
        long since = failingSinceNanos;
        return since == NOT_FAILING ? Duration.ZERO : Duration.ofNanos(clock.nanoTime() - since);
    }

    @Override
    public void close() {
        clients.close();
    }
}
