package io.groupsync.ops;

import io.groupsync.config.KafkaConfig;
import io.groupsync.time.Clock;
import java.io.PrintStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/**
 * {@code groupsync replay}: reads the dead-letter topic (read_committed) from the replay group's committed offsets
 * up to its end as of the start, decides each dead letter ({@link ReplayPlan}) and, with {@code execute}, writes
 * the replays and parked records in Kafka transactions that also hold the group's offsets past what they came
 * from. A run killed at any point leaves either a whole transaction or none: the next run starts where the last
 * committed one ended, so each dead letter is republished once, and a run of a finished selection writes nothing.
 */
public final class Replayer {

    /**
     * @param group     the replay's own consumer group, whose offsets say which dead letters are done
     * @param perSecond the most records written per second
     * @param batch     the most records in one transaction; a transaction also ends after a second
     */
    public record Options(String deadLetterTopic, String parkingTopic, String group, boolean execute, double perSecond,
                          int batch) {
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final long SECOND = 1_000_000_000L;

    private final KafkaConfig kafka;
    private final ReplayPlan plan;
    private final Options options;
    private final Clock clock;
    private final PrintStream out;
    private final Progress progress;
    private final ReplayReport report = new ReplayReport();
    private final Map<TopicPartition, Long> done = new HashMap<>();
    private final Map<String, Integer> partitionCounts = new HashMap<>();
    private KafkaProducer<byte[], byte[]> producer;
    private KafkaConsumer<byte[], byte[]> consumer;
    private boolean open;
    private int inTransaction;
    private long transactionStart;
    private long writeStart;

    public Replayer(KafkaConfig kafka, ReplayPlan plan, Options options, Clock clock, PrintStream out,
                    PrintStream err) {
        this.kafka = kafka;
        this.plan = plan;
        this.options = options;
        this.clock = clock;
        this.out = out;
        this.progress = new Progress(err, clock);
    }

    /** @return the exit code: 0 when every dead letter up to the end was handled */
    public int run() throws InterruptedException {
        String topic = options.deadLetterTopic();
        try (KafkaConsumer<byte[], byte[]> reader = new KafkaConsumer<>(OpsClients.consumer(kafka, options.group(),
                true, options.group() + "-reader"));
             KafkaProducer<byte[], byte[]> writer = options.execute() ? new KafkaProducer<>(OpsClients.producer(kafka,
                     "groupsync-replay-" + options.group())) : null) {
            consumer = reader;
            producer = writer;
            if (producer != null) {
                // First: it aborts (or completes) what a killed run left open, before its offsets are read.
                producer.initTransactions();
            }
            List<PartitionInfo> infos = consumer.partitionsFor(topic, TIMEOUT);
            if (infos == null || infos.isEmpty()) {
                out.println("groupsync: no topic " + topic);
                return 1;
            }
            List<TopicPartition> partitions = infos.stream().map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            consumer.assign(partitions);
            Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(new HashSet<>(partitions), TIMEOUT);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, TIMEOUT);
            long total = 0;
            for (TopicPartition partition : partitions) {
                OffsetAndMetadata at = committed.get(partition);
                if (at == null) {
                    consumer.seekToBeginning(List.of(partition));
                } else {
                    consumer.seek(partition, at.offset());
                }
                long from = consumer.position(partition, TIMEOUT);
                total += Math.max(0, end.get(partition) - from);
            }
            writeStart = clock.nanoTime();
            while (partitions.stream().anyMatch(p -> consumer.position(p, TIMEOUT) < end.get(p))) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    if (record.offset() < end.get(partition)) {
                        handle(record, partition);
                        progress.maybeShow(report.progress(total), report.read(), total);
                    }
                }
            }
            if (producer != null) {
                // Offsets up to the end, past the transaction markers and anything not selected.
                begin();
                end.forEach(done::put);
                commit();
            }
            progress.finish(report.progress(report.read()));
            report.print(out, topic, plan, options.execute(), options.parkingTopic());
            return 0;
        }
    }

    private void handle(ConsumerRecord<byte[], byte[]> record, TopicPartition partition)
            throws InterruptedException {
        Letter letter = Letter.of(record);
        ReplayPlan.Decision decision = withinTopic(letter, plan.decide(letter));
        report.count(letter, decision);
        if (producer != null) {
            ProducerRecord<byte[], byte[]> written = null;
            if (decision instanceof ReplayPlan.Replay replay) {
                written = ReplayRecords.replay(letter, replay.topic(), replay.route());
            } else if (decision instanceof ReplayPlan.Park park) {
                written = ReplayRecords.parked(letter, options.parkingTopic(), park.reason());
            }
            if (written != null) {
                pace();
                begin();
                producer.send(written);
                inTransaction++;
            }
        }
        done.put(partition, record.offset() + 1);
        if (open && (inTransaction >= options.batch()
                || clock.nanoTime() - transactionStart >= SECOND)) {
            commit();
        }
    }

    /**
     * A replay to the topic the edit was first read from goes to its original partition ({@link ReplayRecords}); one
     * the topic does not have (a dead letter of another cluster's topic of the same name) is skipped, where the
     * producer would otherwise wait a minute for it and fail the transaction.
     */
    private ReplayPlan.Decision withinTopic(Letter letter, ReplayPlan.Decision decision) {
        if (decision instanceof ReplayPlan.Replay replay && replay.topic().equals(letter.originalTopic())) {
            int count = partitionCounts.computeIfAbsent(replay.topic(), t -> {
                List<PartitionInfo> infos = consumer.partitionsFor(t, TIMEOUT);
                return infos == null ? 0 : infos.size();
            });
            if (letter.originalPartition() >= count) {
                return new ReplayPlan.Skip("its original partition " + letter.originalPartition() + " is not in "
                        + replay.topic() + ", which has " + count + ": not the topic it was read from");
            }
        }
        return decision;
    }

    /**
     * Waits until writing one more keeps to the rate since the first write. A transaction that the wait would keep
     * open past a second is committed first: at a low rate it would outlive the broker's transaction timeout.
     */
    private void pace() throws InterruptedException {
        long due = writeStart + (long) (report.written() * SECOND / options.perSecond());
        long now = clock.nanoTime();
        if (due > now) {
            if (open && due - transactionStart >= SECOND) {
                commit();
            }
            clock.sleep(due - now);
        }
    }

    private void begin() {
        if (!open) {
            producer.beginTransaction();
            open = true;
            transactionStart = clock.nanoTime();
        }
    }

    private void commit() {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        done.forEach((partition, next) -> offsets.put(partition, new OffsetAndMetadata(next)));
        producer.sendOffsetsToTransaction(offsets, consumer.groupMetadata());
        producer.commitTransaction();
        inTransaction = 0;
        open = false;
    }
}
