package io.groupsync.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmHeapPressureMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;

/**
 * Micrometer's own binders: the JVM's memory, GC, threads, CPU and open files, and the Kafka clients' metrics (the
 * consumer's lag per partition among them, {@code kafka_consumer_fetch_manager_records_lag}). A replaced producer's
 * meters go with it.
 */
final class ClientMeters implements AutoCloseable {

    /**
     * How often the Kafka binder looks for the clients' new metrics: partitions come and go with rebalances, and
     * their lag should show within a scrape or two, not the binder's default minute.
     */
    private static final Duration KAFKA_REFRESH = Duration.ofSeconds(10);

    private final MeterRegistry registry;
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final JvmHeapPressureMetrics heapPressure = new JvmHeapPressureMetrics();
    private KafkaClientMetrics consumer;
    private KafkaClientMetrics producer;

    ClientMeters(MeterRegistry registry) {
        this.registry = registry;
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        heapPressure.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
    }

    synchronized void consumer(Consumer<?, ?> client) {
        close(consumer);
        consumer = new KafkaClientMetrics(client, List.of(), refresher(), KAFKA_REFRESH);
        consumer.bindTo(registry);
    }

    synchronized void producer(Producer<?, ?> client) {
        close(producer);
        producer = new KafkaClientMetrics(client, List.of(), refresher(), KAFKA_REFRESH);
        producer.bindTo(registry);
    }

    /** One per binder: closing a binder shuts its scheduler down. */
    private static ScheduledExecutorService refresher() {
        return Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "groupsync-kafka-meters");
            thread.setDaemon(true);
            return thread;
        });
    }

    private static void close(KafkaClientMetrics binder) {
        if (binder != null) {
            binder.close();
        }
    }

    @Override
    public synchronized void close() {
        close(consumer);
        close(producer);
        gc.close();
        heapPressure.close();
    }
}
