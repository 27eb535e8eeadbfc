package io.groupsync.bench;

import io.groupsync.event.SyncResult;
import io.groupsync.record.DeadLetterHeaders;
import io.groupsync.schemas.AvroCodec;
import io.groupsync.schemas.DecodeException;
import io.groupsync.testkit.kafka.KafkaClients;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.errors.WakeupException;

/**
 * Reads a worker's result and dead-letter topics from the start as a dashboard would ({@code read_committed}), so
 * a result counts only once its transaction has committed, and notes when each became visible. Exactly-once is
 * checked per route and source offset, which takes a bit per event instead of an id.
 */
final class ResultWatcher implements AutoCloseable {

    /** Where one event's produce → committed-result time went, in ms, on the driver's and worker's clocks. */
    record Latency(long sentNanos, double totalMs, double toConsumedMs, double toCompletedMs, double toVisibleMs) {
    }

    private static final long SERIES_STEP_NANOS = 100_000_000L;

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final String resultTopic;
    private final Map<String, Workload.Sent> sent;
    private final AvroCodec<SyncResult> codec = AvroCodec.syncResult();
    private final Thread thread;
    private final Map<String, BitSet> seen = new HashMap<>();
    private final Map<String, Integer> byRoute = new HashMap<>();
    private final List<long[]> series = new ArrayList<>();
    private final List<Latency> latencies = new ArrayList<>();
    private final Map<String, Integer> deadLetterReasons = new TreeMap<>();
    private final Map<String, String> deadLetterExamples = new TreeMap<>();
    private volatile boolean running = true;
    private long results;
    private long deadLetters;
    private long duplicates;
    private long unreadable;
    private long minConsumedAtMillis = Long.MAX_VALUE;
    private long lastSeenNanos;

    /** @param sent when each event was published, for latencies; null when the scenario does not time events */
    ResultWatcher(String bootstrap, String resultTopic, String deadLetterTopic, Map<String, Workload.Sent> sent) {
        this.resultTopic = resultTopic;
        this.sent = sent;
        Map<String, Object> props = KafkaClients.consumerProps(bootstrap, KafkaClients.uniqueName("bench-watch"));
        props.put("max.poll.records", 5000);
        consumer = new KafkaConsumer<>(props);
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : List.of(resultTopic, deadLetterTopic)) {
            consumer.partitionsFor(topic, Duration.ofSeconds(30))
                    .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        thread = new Thread(this::run, "bench-result-watcher");
        thread.setDaemon(true);
        thread.start();
    }

    synchronized long results() {
        return results;
    }

    synchronized long deadLetters() {
        return deadLetters;
    }

    /** Outcomes seen twice for one route and source record: exactly-once says none. */
    synchronized long duplicates() {
        return duplicates;
    }

    synchronized long unreadable() {
        return unreadable;
    }

    /** Dead letters by "route reason", each with the message of the first one. */
    synchronized Map<String, String> deadLetterReasons() {
        Map<String, String> out = new TreeMap<>();
        deadLetterReasons.forEach((why, n) -> out.put(why, n + " × " + deadLetterExamples.get(why)));
        return out;
    }

    synchronized Map<String, Integer> byRoute() {
        return Map.copyOf(byRoute);
    }

    /** The earliest time the worker consumed a record it then finished, on its wall clock. */
    synchronized long firstConsumedAtMillis() {
        return minConsumedAtMillis;
    }

    synchronized long lastSeenNanos() {
        return lastSeenNanos;
    }

    /** (driver nanoTime, results visible so far), every 100 ms while results arrive. */
    synchronized List<long[]> series() {
        return List.copyOf(series);
    }

    synchronized List<Latency> latencies() {
        return List.copyOf(latencies);
    }

    /** Waits until {@code expected} results are visible; false on timeout or when {@code alive} turns false. */
    boolean awaitResults(long expected, Duration timeout, BooleanSupplier alive) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (results() < expected) {
            if (System.nanoTime() > deadline || !alive.getAsBoolean()) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(5_000);
    }

    private void run() {
        try {
            while (running) {
                var records = consumer.poll(Duration.ofMillis(20));
                long now = System.nanoTime();
                long wall = System.currentTimeMillis();
                synchronized (this) {
                    for (ConsumerRecord<byte[], byte[]> record : records) {
                        if (record.topic().equals(resultTopic)) {
                            result(record, now, wall);
                        } else {
                            deadLetter(record);
                        }
                    }
                    if (!records.isEmpty()) {
                        lastSeenNanos = now;
                    }
                    if (series.isEmpty() || now - series.get(series.size() - 1)[0] >= SERIES_STEP_NANOS) {
                        series.add(new long[] {now, results});
                    }
                }
            }
        } catch (WakeupException stopping) {
            // close() asked the poll to end.
        } finally {
            consumer.close();
        }
    }

    /** Counts the dead letter by route and reason, and keeps the first message of each, to say why they failed. */
    private void deadLetter(ConsumerRecord<byte[], byte[]> record) {
        deadLetters++;
        String why = header(record, DeadLetterHeaders.ROUTE) + " " + header(record, DeadLetterHeaders.REASON);
        deadLetterReasons.merge(why, 1, Integer::sum);
        deadLetterExamples.putIfAbsent(why, header(record, DeadLetterHeaders.EXCEPTION_MESSAGE));
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? "-" : new String(header.value(), StandardCharsets.UTF_8);
    }

    private void result(ConsumerRecord<byte[], byte[]> record, long now, long wall) {
        SyncResult r;
        try {
            r = codec.decode(record.value());
        } catch (DecodeException e) {
            unreadable++;
            return;
        }
        results++;
        byRoute.merge(r.getRoute(), 1, Integer::sum);
        BitSet offsets = seen.computeIfAbsent(r.getRoute() + "/" + r.getSourcePartition(), k -> new BitSet());
        int offset = Math.toIntExact(r.getSourceOffset());
        if (offsets.get(offset)) {
            duplicates++;
        }
        offsets.set(offset);
        long consumedAt = r.getConsumedAt().toEpochMilli();
        minConsumedAtMillis = Math.min(minConsumedAtMillis, consumedAt);
        Workload.Sent s = sent == null ? null : sent.get(r.getEventId());
        if (s != null) {
            long completedAt = r.getCompletedAt().toEpochMilli();
            latencies.add(new Latency(s.nanos(), (now - s.nanos()) / 1e6, consumedAt - s.wallMillis(),
                    completedAt - consumedAt, wall - completedAt));
        }
    }
}
