package io.groupsync.bench;

import io.groupsync.event.GroupChange;
import io.groupsync.schemas.AvroCodec;
import io.groupsync.testkit.kafka.KafkaClients;
import io.groupsync.testkit.workload.EditStream;
import io.groupsync.testkit.workload.GroupFold;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Publishes the edits a scenario needs, as upstream services would: Avro single-object values keyed by group. */
final class Workload {

    /** What was published: the distinct keys are the floor's numerator (one call each is the least possible). */
    record Backlog(String topic, int events, int distinctKeys, double produceSeconds, GroupFold fold) {
    }

    /** When one event of a paced stream was sent, on the driver's monotonic and wall clocks. */
    record Sent(long nanos, long wallMillis) {
    }

    private static final AvroCodec<GroupChange> CODEC = AvroCodec.groupChange();
    private static final String GROUP_PREFIX = "g";

    private Workload() {
    }

    /**
     * A backlog of {@code events} group-profile edits over {@code groups} groups (EditStream), or with {@code
     * groups == 0} every event for a group of its own, published before any consumer starts.
     *
     * @param fold whether to fold the events, to check convergence after (costly for the largest backlogs)
     */
    static Backlog backlog(String bootstrap, String topic, int events, int groups, long seed, boolean fold) {
        long start = System.nanoTime();
        EditStream stream = new EditStream(seed, Math.max(1, groups), GROUP_PREFIX);
        GroupFold folded = fold ? new GroupFold() : null;
        Set<String> keys = new HashSet<>();
        try (KafkaProducer<byte[], byte[]> producer = backlogProducer(bootstrap)) {
            for (int i = 0; i < events; i++) {
                GroupChange change = stream.next();
                if (groups == 0) {
                    change.setGroupId("d" + i);
                }
                keys.add(change.getGroupId());
                if (folded != null) {
                    folded.apply(change);
                }
                producer.send(record(topic, change));
            }
            producer.flush();
        }
        return new Backlog(topic, events, keys.size(), (System.nanoTime() - start) / 1e9, folded);
    }

    /**
     * Publishes at a steady {@code perSecond} for {@code duration}, one event at a time as a busy upstream would,
     * noting when each was sent.
     */
    static int paced(String bootstrap, String topic, double perSecond, Duration duration, int groups, long seed,
                     Map<String, Sent> sent) {
        EditStream stream = new EditStream(seed, groups, "p");
        long interval = (long) (1e9 / perSecond);
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        int count = 0;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(KafkaClients.producerProps(bootstrap))) {
            for (long due = start; due < end; due += interval) {
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                GroupChange change = stream.next();
                sent.put(change.getEventId(), new Sent(System.nanoTime(), System.currentTimeMillis()));
                producer.send(record(topic, change));
                count++;
            }
            producer.flush();
        }
        return count;
    }

    /** The ids of the groups a backlog of {@code groups} spreads over. */
    static List<String> groupIds(int groups) {
        EditStream stream = new EditStream(0, groups, GROUP_PREFIX);
        return IntStream.range(0, groups).mapToObj(stream::groupId).toList();
    }

    private static ProducerRecord<byte[], byte[]> record(String topic, GroupChange change) {
        return new ProducerRecord<>(topic, change.getGroupId().getBytes(StandardCharsets.UTF_8), CODEC.encode(change));
    }

    /** Larger batches than the defaults: a backlog is published as fast as the broker takes it. */
    private static KafkaProducer<byte[], byte[]> backlogProducer(String bootstrap) {
        Map<String, Object> props = KafkaClients.producerProps(bootstrap);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        return new KafkaProducer<>(props);
    }
}
