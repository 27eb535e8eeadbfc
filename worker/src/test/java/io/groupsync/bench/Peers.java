package io.groupsync.bench;

import io.confluent.parallelconsumer.ParallelConsumerOptions;
import io.confluent.parallelconsumer.ParallelStreamProcessor;
import io.confluent.parallelconsumer.internal.AbstractParallelEoSStreamProcessor;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.groupsync.dispatch.BucketSizing;
import io.groupsync.intake.Decoded;
import io.groupsync.intake.EventDecoder;
import io.groupsync.model.Edit;
import io.groupsync.model.Patch;
import io.groupsync.model.SourceRecord;
import io.groupsync.testkit.emulator.tencent.TencentEmulator;
import io.groupsync.testkit.kafka.KafkaClients;
import io.groupsync.time.Clock;
import io.groupsync.imapi.CallResult;
import io.groupsync.model.PlanContext;
import io.groupsync.imapi.VendorCall;
import io.groupsync.imapi.http.VendorHttp;
import io.groupsync.imapi.tencent.TencentClient;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.OkHttpClient;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/**
 * What a user would build instead of groupsync: one vendor call per event, through the same okhttp client, the same
 * Tencent client and a bucket4j bucket sized as groupsync sizes it. They write no results; they only call.
 */
final class Peers {

    /** How far a peer got; {@code error} says what failed if it could not run at all. */
    record Run(long processed, long failed, String error) {
    }

    private Peers() {
    }

    /** Confluent Parallel Consumer, KEY ordering: a group's events in order, up to {@code concurrency} keys at once. */
    static Run parallelConsumer(Stack stack, String topic, TencentEmulator vendor, int limit, int concurrency,
                                long expected, Duration maxTime) throws InterruptedException {
        try (CallPerEvent handler = new CallPerEvent(vendor, stack.secret, limit, concurrency)) {
            KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                    KafkaClients.consumerProps(stack.bootstrap(), KafkaClients.uniqueName("bench-pc")));
            ParallelStreamProcessor<byte[], byte[]> pc = ParallelStreamProcessor.createEosStreamProcessor(
                    ParallelConsumerOptions.<byte[], byte[]>builder()
                            .consumer(consumer)
                            .ordering(ParallelConsumerOptions.ProcessingOrder.KEY)
                            .maxConcurrency(concurrency)
                            .commitMode(ParallelConsumerOptions.CommitMode.PERIODIC_CONSUMER_ASYNCHRONOUS)
                            .build());
            String error = null;
            try {
                pc.subscribe(List.of(topic));
                pc.poll(context -> handler.handle(context.getSingleConsumerRecord()));
                long deadline = System.nanoTime() + maxTime.toNanos();
                while (handler.processed.get() < expected && System.nanoTime() < deadline && !pc.isClosedOrFailed()) {
                    Thread.sleep(50);
                }
                if (pc.isClosedOrFailed() && pc instanceof AbstractParallelEoSStreamProcessor<?, ?> p) {
                    error = describe(p.getFailureCause());
                }
            } finally {
                pc.closeDontDrainFirst(Duration.ofSeconds(10));
            }
            return new Run(handler.processed.get(), handler.failed.get(), error);
        } catch (RuntimeException e) {
            return new Run(0, 0, describe(e));
        }
    }

    /** A plain KafkaConsumer handling its records one at a time, committing after each poll's batch. */
    static Run plainConsumer(Stack stack, String topic, TencentEmulator vendor, int limit, long expected,
                             Duration maxTime) throws InterruptedException {
        try (CallPerEvent handler = new CallPerEvent(vendor, stack.secret, limit, 1);
             KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                     KafkaClients.consumerProps(stack.bootstrap(), KafkaClients.uniqueName("bench-plain")))) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + maxTime.toNanos();
            while (handler.processed.get() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    handler.handle(record);
                    if (System.nanoTime() >= deadline) {
                        break;
                    }
                }
                consumer.commitAsync();
            }
            return new Run(handler.processed.get(), handler.failed.get(), null);
        }
    }

    private static String describe(Throwable e) {
        if (e == null) {
            return "closed without a cause";
        }
        StringBuilder out = new StringBuilder(e.toString());
        for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            out.append(" <- ").append(cause);
        }
        return out.toString();
    }

    /** Decode, plan, wait for a token, call, wait for the answer: the obvious handler. */
    private static final class CallPerEvent implements AutoCloseable {

        final AtomicLong processed = new AtomicLong();
        final AtomicLong failed = new AtomicLong();
        private final OkHttpClient http;
        private final TencentClient client;
        private final int limit;
        private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
        private final EventDecoder decoder = new EventDecoder();

        CallPerEvent(TencentEmulator vendor, String secret, int limit, int concurrency) {
            this.limit = limit;
            this.http = VendorHttp.client(Duration.ofSeconds(5), Duration.ofSeconds(10), Math.max(concurrency, 5));
            this.client = new TencentClient(http, vendor.baseUri(), vendor.sdkAppId(), vendor.adminIdentifier(),
                    secret, Duration.ofHours(24), Clock.system(), new SecureRandom());
        }

        void handle(ConsumerRecord<byte[], byte[]> record) {
            SourceRecord source = new SourceRecord(record.topic(), record.partition(), record.offset(),
                    record.timestamp(), record.key(), record.value(), record.headers(), System.currentTimeMillis());
            if (!(decoder.decode(source) instanceof Decoded.Accepted accepted)) {
                failed.incrementAndGet();
                return;
            }
            Edit edit = accepted.edit();
            Patch patch = edit.patch().copy();
            client.unsupported(edit.target(), patch).keySet().forEach(patch::without);
            if (!patch.isEmpty()) {
                for (VendorCall call : client.plan(edit.groupId(), edit.target(), patch,
                        new PlanContext(edit.groupType(), edit.operator()), System.currentTimeMillis())) {
                    try {
                        bucket(call.api()).asBlocking().consume(1);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    CallResult result = client.send(call).join();
                    if (!result.isOk()) {
                        failed.incrementAndGet();
                    }
                }
            }
            processed.incrementAndGet();
        }

        private Bucket bucket(String api) {
            return buckets.computeIfAbsent(api, a -> {
                BucketSizing sizing = BucketSizing.forLimit(limit);
                return Bucket.builder().addLimit(Bandwidth.builder().capacity(sizing.capacity())
                        .refillGreedy(sizing.refillPerSecond(), Duration.ofSeconds(1)).build()).build();
            });
        }

        @Override
        public void close() {
            VendorHttp.close(http);
        }
    }
}
