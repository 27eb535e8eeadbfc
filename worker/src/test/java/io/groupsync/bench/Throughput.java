package io.groupsync.bench;

import io.groupsync.testkit.emulator.tencent.TencentEmulator;
import io.groupsync.testkit.kafka.KafkaClients;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Scenario 4, throughput: the vendor out of the way (a limit far above what the emulator can serve, no faults), so
 * the figure is the worker's own: events per second from first record to last committed result, against a plain
 * KafkaConsumer reading the same topic in the same run, and at each commit interval asked for.
 */
final class Throughput {

    private static final long STEP = 100_000_000L;

    private Throughput() {
    }

    static void run(Bench b, Report r) throws Exception {
        int events = b.scaled(b.throughputEvents);
        Stack.Topics topics = b.stack.topics("throughput", b.partitions);
        Workload.Backlog backlog = Workload.backlog(b.stack.bootstrap(), topics.input(), events, b.throughputGroups,
                b.seed, false);
        r.size("events", events).size("groups", b.throughputGroups).size("partitions", b.partitions)
                .size("limit", b.throughputLimit).size("commit intervals", b.commitIntervals);
        List<Charts.Line> lines = new ArrayList<>();
        double[][] plain = plainRead(b.stack.bootstrap(), backlog.topic(), events);
        double plainSeconds = plain[0][plain[0].length - 1];
        double plainRate = events / plainSeconds;
        r.figure("plain consumer events/s", plainRate);
        lines.add(new Charts.Line("plain KafkaConsumer (read only)", plain[0], plain[1], true, false, false));
        double[][] copy = transactionalCopy(b.stack, backlog.topic(), events, b.commitIntervals.get(0));
        double copyRate = events / copy[0][copy[0].length - 1];
        r.figure("transactional copy loop events/s @" + b.commitIntervals.get(0), copyRate);
        r.figure("transactional copy loop ÷ plain consumer", copyRate / plainRate);
        lines.add(Charts.Line.of("consume → produce a copy → commit in a transaction every "
                + b.commitIntervals.get(0), copy));
        boolean first = true;
        for (String interval : b.commitIntervals) {
            Stack.Topics outputs = b.stack.outputsFor(backlog.topic(), "ci" + interval);
            try (TencentEmulator tencent = b.stack.tencent(b.throughputLimit);
                 GroupsyncRun run = new GroupsyncRun(b, "throughput-" + interval, outputs, b.workerHeap, interval,
                         y -> y.tencentRoute("tencent", tencent.baseUri(), Stack.SDK_APP_ID, Stack.TENCENT_ADMIN,
                                 b.stack.secret, b.throughputLimit), null)) {
                run.await(events, Duration.ofSeconds(300));
                run.stop();
                double rate = events / run.drainSeconds();
                String at = " @" + interval;
                r.figure("groupsync events/s" + at, rate);
                r.figure("groupsync events/s, second half" + at, secondHalfRate(run.watcher.series(), events));
                if (first) {
                    r.target("groupsync ÷ plain consumer" + at, rate / plainRate, ">=", 0.5);
                    r.figure("groupsync ÷ transactional copy loop" + at, rate / copyRate);
                } else {
                    r.figure("groupsync ÷ plain consumer" + at, rate / plainRate);
                }
                r.figure("vendor calls" + at, tencent.calls().count());
                r.figure("intake events/s" + at, events / run.intakeSeconds(events));
                r.figure("worker CPU s" + at, run.worker.cpuSeconds());
                if (first) {
                    run.common(r, events);
                } else {
                    r.target("duplicate results" + at, run.watcher.duplicates(), "<=", 0);
                    r.target("missing results" + at, events - run.watcher.results(), "<=", 0);
                }
                lines.add(Charts.Line.of("groupsync, commit every " + interval + ": results committed",
                        Drain.over(run.watcher.series(), run.firstConsumedNanos(), 1)));
                first = false;
            }
        }
        r.charts.add(Charts.draw(b.out, "throughput.png", String.format(Locale.ROOT,
                        "throughput: %,d edits over %,d groups, vendor out of the way", events, b.throughputGroups),
                "seconds since the first record", "events", null, lines));
    }

    /**
     * Events per second while the second half of the results came in: the worker's pace once its JIT has warmed
     * up, which a fresh JVM needs and the plain consumer, in the warm driver, does not.
     */
    private static double secondHalfRate(List<long[]> series, int events) {
        long[] half = series.stream().filter(p -> p[1] >= events / 2).findFirst().orElse(null);
        long[] last = series.stream().filter(p -> p[1] >= events).findFirst().orElse(null);
        return half == null || last == null || last[0] == half[0] ? Double.NaN
                : (last[1] - half[1]) / ((last[0] - half[0]) / 1e9);
    }

    /**
     * The least any worker with exactly-once outcomes does per event, in the driver's warm JVM: read each record,
     * write one record for it (a copy of it, about the size of a result), and commit the writes with the consumer
     * offsets in a transaction at the worker's commit interval. Timed from its first record to its last commit:
     * {x seconds, records so far}.
     */
    private static double[][] transactionalCopy(Stack stack, String topic, int events, String interval) {
        String out = topic.replace(".changes", "") + "-copy";
        KafkaClients.createTopic(stack.bootstrap(), out, 3);
        long intervalNanos = interval(interval).toNanos();
        Map<String, Object> consumerProps = KafkaClients.consumerProps(stack.bootstrap(),
                KafkaClients.uniqueName("bench-copy"));
        Map<String, Object> producerProps = KafkaClients.producerProps(stack.bootstrap());
        producerProps.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, KafkaClients.uniqueName("bench-copy"));
        producerProps.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        List<double[]> points = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProps);
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProps)) {
            producer.initTransactions();
            consumer.subscribe(List.of(topic));
            Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
            long count = 0;
            long start = 0;
            long lastCommit = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            producer.beginTransaction();
            while (count < events && System.nanoTime() < deadline) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(100));
                if (!records.isEmpty() && start == 0) {
                    start = System.nanoTime();
                    lastCommit = start;
                }
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    producer.send(new ProducerRecord<>(out, record.key(), record.value()));
                    next.put(new TopicPartition(record.topic(), record.partition()),
                            new OffsetAndMetadata(record.offset() + 1));
                }
                count += records.count();
                long now = System.nanoTime();
                if (start != 0 && (now - lastCommit >= intervalNanos || count >= events)) {
                    producer.sendOffsetsToTransaction(next, consumer.groupMetadata());
                    producer.commitTransaction();
                    lastCommit = System.nanoTime();
                    points.add(new double[] {(lastCommit - start) / 1e9, count});
                    if (count < events) {
                        producer.beginTransaction();
                    }
                }
            }
        }
        return columns(points);
    }

    /**
     * Reads the topic from the start to its end with a plain consumer ({@code read_committed}, like the worker),
     * timing from its first record to its last: {x seconds, records so far}.
     */
    private static double[][] plainRead(String bootstrap, String topic, int events) {
        Map<String, Object> props = KafkaClients.consumerProps(bootstrap, KafkaClients.uniqueName("bench-read"));
        List<double[]> points = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(topic));
            long count = 0;
            long start = 0;
            long lastPoint = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (count < events && System.nanoTime() < deadline) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(100));
                long now = System.nanoTime();
                if (!records.isEmpty() && start == 0) {
                    start = now;
                }
                count += records.count();
                if (start != 0 && (now - lastPoint >= STEP || count >= events)) {
                    points.add(new double[] {(now - start) / 1e9, count});
                    lastPoint = now;
                }
            }
        }
        return columns(points);
    }

    /** A commit interval as the bench's flag gives it to the worker's YAML: {@code 100ms} or {@code 1s}. */
    private static Duration interval(String text) {
        if (text.matches("\\d+ms")) {
            return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
        }
        if (text.matches("\\d+s")) {
            return Duration.ofSeconds(Long.parseLong(text.substring(0, text.length() - 1)));
        }
        throw new IllegalArgumentException("--commit-intervals: " + text + " is neither <n>ms nor <n>s");
    }

    private static double[][] columns(List<double[]> points) {
        double[][] out = new double[2][points.size()];
        for (int i = 0; i < points.size(); i++) {
            out[0][i] = points.get(i)[0];
            out[1][i] = points.get(i)[1];
        }
        return out;
    }
}
