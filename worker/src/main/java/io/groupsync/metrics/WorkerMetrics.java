package io.groupsync.metrics;

import io.groupsync.dispatch.DispatchMetrics;
import io.groupsync.imapi.CallClass;
import io.groupsync.worker.PipelineListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Collection;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.TopicPartition;

/**
 * The worker's meters (Micrometer, scraped as Prometheus text). Fed by the pipeline and the dispatchers; the
 * health endpoint reads {@link #lastCommitMillis()} and {@link #assignedPartitions()} from here too.
 */
public final class WorkerMetrics implements DispatchMetrics, PipelineListener {

    private final MeterRegistry registry;
    private final Counter consumed;
    private final Counter commits;
    private final AtomicInteger paused = new AtomicInteger();
    private final AtomicInteger assigned = new AtomicInteger();
    private final AtomicLong lastCommitMillis = new AtomicLong();

    public WorkerMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.consumed = Counter.builder("groupsync.events.consumed").description("Records read from the input topic")
                .register(registry);
        this.commits = Counter.builder("groupsync.transactions.committed")
                .description("Transactions committed with results, dead letters and offsets").register(registry);
        registry.gauge("groupsync.intake.paused", paused);
        registry.gauge("groupsync.partitions.assigned", assigned);
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
    public void committed() {
        commits.increment();
        lastCommitMillis.set(System.currentTimeMillis());
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
    public void sent(String route, String api) {
        registry.counter("groupsync.vendor.calls", "route", route, "api", api).increment();
    }

    @Override
    public void answered(String route, String api, CallClass outcome) {
        registry.counter("groupsync.vendor.answers", "route", route, "api", api, "outcome", outcome.name())
                .increment();
    }

    public long lastCommitMillis() {
        return lastCommitMillis.get();
    }

    public int assignedPartitions() {
        return assigned.get();
    }
}
