package io.groupsync.worker;

import io.groupsync.config.DispatchConfig;
import io.groupsync.config.KafkaConfig;
import io.groupsync.config.PipelineConfig;
import io.groupsync.config.RegistryConfig;
import io.groupsync.config.TopicConfig;
import io.groupsync.dispatch.DispatchMetrics;
import io.groupsync.dispatch.TokenSources;
import io.groupsync.event.DeadLetter;
import io.groupsync.event.GroupChange;
import io.groupsync.event.SyncResult;
import io.groupsync.record.DeadLetterHeaders;
import io.groupsync.schemas.AvroCodec;
import io.groupsync.schemas.DecodeException;
import io.groupsync.testkit.kafka.SharedKafka;
import io.groupsync.time.Clock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;

/**
 * A worker in this JVM against the shared real broker, with fresh topics, and readers of what it wrote. The worker
 * runs on its own thread like in production; the test waits on what appears in the output topics.
 */
final class PipelineHarness implements AutoCloseable {

    final String input = SharedKafka.uniqueTopic("changes");
    final String results = SharedKafka.uniqueTopic("results");
    final String deadLetters = SharedKafka.uniqueTopic("dead-letters");
    final String versions = SharedKafka.uniqueTopic("versions");
    final String groupId = SharedKafka.uniqueTopic("group");
    private final AvroCodec<GroupChange> events = AvroCodec.groupChange();
    private final AvroCodec<SyncResult> resultCodec = AvroCodec.syncResult();
    private final KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(SharedKafka.producerProps());
    private final KafkaConsumer<byte[], byte[]> resultReader;
    private final KafkaConsumer<byte[], byte[]> deadLetterReader;
    private final List<SyncResult> seenResults = new ArrayList<>();
    private final List<ConsumerRecord<byte[], byte[]>> seenDeadLetters = new ArrayList<>();
    private final Map<String, Worker> workers = new java.util.LinkedHashMap<>();
    private final Map<String, Thread> threads = new java.util.HashMap<>();
    private volatile Throwable failure;
    private ResultDecoder resultDecoder = resultCodec::decode;

    /** Reads a result's value; a test of another framing gives its own. */
    @FunctionalInterface
    interface ResultDecoder {
        SyncResult decode(byte[] value) throws Exception;
    }

    PipelineHarness(int partitions) {
        SharedKafka.createTopic(input, partitions);
        SharedKafka.createTopic(results, 3);
        SharedKafka.createTopic(deadLetters, 1);
        resultReader = reader(results);
        deadLetterReader = reader(deadLetters);
    }

    static PipelineConfig settings() {
        return PipelineConfig.defaults().withCommitInterval(Duration.ofMillis(100))
                .withSettleTimeout(Duration.ofSeconds(10)).withOffsetMetadataMaxBytes(4_000)
                .withPendingKeys(10_000, 8_000).withMaxPendingRecords(100_000).withBacklogHold(Duration.ofSeconds(30));
    }

    static DispatchConfig dispatch(int maxAttempts) {
        return DispatchConfig.defaults().withMaxInFlightPerRoute(64).withMaxAttempts(maxAttempts)
                .withBackoff(Duration.ofMillis(20), Duration.ofMillis(500));
    }

    void start(List<RouteSpec> routes, PipelineConfig settings, DispatchConfig dispatch, String instance) {
        start(routes, settings, dispatch, instance, PipelineListener.NONE);
    }

    void start(List<RouteSpec> routes, PipelineConfig settings, DispatchConfig dispatch, String instance,
               PipelineListener listener) {
        start(routes, settings, dispatch, instance, listener, DispatchMetrics.NONE);
    }

    void start(List<RouteSpec> routes, PipelineConfig settings, DispatchConfig dispatch, String instance,
               PipelineListener listener, DispatchMetrics metrics) {
        start(routes, settings, dispatch, RegistryConfig.defaults(), instance, TokenSources.local(Clock.system()),
                listener, metrics);
    }

    /** A worker with a schema registry, and whose buckets come from {@code tokens}: shared with others, e.g. */
    void start(List<RouteSpec> routes, PipelineConfig settings, DispatchConfig dispatch, RegistryConfig registry,
               String instance, TokenSources tokens, PipelineListener listener, DispatchMetrics metrics) {
        KafkaConfig kafka = new KafkaConfig(SharedKafka.bootstrapServers(), groupId, instance, Map.of(), Map.of());
        Worker worker = new Worker(kafka, new TopicConfig(input, results, deadLetters, versions,
                Duration.ofDays(7)), settings, dispatch, registry, routes, tokens, Clock.system(),
                new Worker.Observers(metrics, listener));
        Thread thread = new Thread(() -> {
            try {
                worker.run();
            } catch (Throwable t) {
                failure = t;
            }
        }, "worker-" + instance);
        workers.put(instance, worker);
        threads.put(instance, thread);
        thread.start();
    }

    void publish(List<GroupChange> changes) {
        for (GroupChange change : changes) {
            producer.send(new ProducerRecord<>(input, change.getGroupId().getBytes(StandardCharsets.UTF_8),
                    events.encode(change)));
        }
        producer.flush();
    }

    void publishRaw(byte[] key, byte[] value) {
        producer.send(new ProducerRecord<>(input, key, value));
        producer.flush();
    }

    /** Reads the output topics (read_committed) until {@code done} holds or the time is up. */
    void awaitOutputs(Duration timeout, BooleanSupplier done) throws TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            if (failure != null) {
                throw new IllegalStateException("the worker died", failure);
            }
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("outputs not complete after " + timeout + ": " + seenResults.size()
                        + " results, " + seenDeadLetters.size() + " dead letters");
            }
            for (ConsumerRecord<byte[], byte[]> record : resultReader.poll(Duration.ofMillis(100))) {
                try {
                    seenResults.add(resultDecoder.decode(record.value()));
                } catch (Exception e) {
                    throw new IllegalStateException("the worker wrote an unreadable result", e);
                }
            }
            deadLetterReader.poll(Duration.ofMillis(10)).forEach(seenDeadLetters::add);
        }
    }

    void decodeResultsWith(ResultDecoder decoder) {
        this.resultDecoder = decoder;
    }

    /** The thread a worker runs on, while it runs. */
    Thread thread(String instance) {
        return threads.get(instance);
    }

    List<SyncResult> results() {
        return seenResults;
    }

    List<ConsumerRecord<byte[], byte[]>> deadLetters() {
        return seenDeadLetters;
    }

    static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    static DeadLetter detail(ConsumerRecord<byte[], byte[]> record) throws DecodeException {
        return AvroCodec.deadLetter().decode(record.headers().lastHeader(DeadLetterHeaders.DETAIL).value());
    }

    /** Stops every worker gracefully. */
    void stopWorker() throws InterruptedException {
        for (String instance : List.copyOf(workers.keySet())) {
            stopWorker(instance);
        }
    }

    /** Stops one worker gracefully: it settles, commits and leaves the group, handing its partitions over. */
    void stopWorker(String instance) throws InterruptedException {
        Worker worker = workers.remove(instance);
        if (worker != null) {
            worker.stop();
            threads.remove(instance).join(Duration.ofSeconds(30).toMillis());
            if (failure != null) {
                throw new IllegalStateException("a worker failed", failure);
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        try {
            stopWorker();
        } finally {
            producer.close();
            resultReader.close();
            deadLetterReader.close();
        }
    }

    private KafkaConsumer<byte[], byte[]> reader(String topic) {
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(SharedKafka.consumerProps(
                SharedKafka.uniqueTopic("reader")));
        consumer.subscribe(List.of(topic));
        return consumer;
    }
}
