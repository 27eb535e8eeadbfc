package io.groupsync.reliability;

import io.groupsync.event.SyncResult;
import io.groupsync.event.SyncStatus;
import io.groupsync.schemas.AvroCodec;
import io.groupsync.schemas.DecodeException;
import io.groupsync.testkit.kafka.KafkaClients;
import io.groupsync.testkit.workload.Verdict;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * The worker's result and dead-letter topics, read as a dashboard reads them ({@code read_committed}): followed until
 * every record has its outcomes, then read whole for the verdict.
 */
final class Outputs implements AutoCloseable {

    /** Throws if the run cannot finish any more (a worker died), so a wait ends with the reason, not a timeout. */
    interface Liveness {
        void check() throws Exception;
    }

    private final String bootstrap;
    private final String results;
    private final String deadLetters;
    private final KafkaConsumer<byte[], byte[]> follower;
    private final AvroCodec<SyncResult> codec = AvroCodec.syncResult();
    private final Set<String> slots = new HashSet<>();
    private int failedOrRejected;
    private int deadLetterCount;

    Outputs(String bootstrap, String results, String deadLetters) {
        this.bootstrap = bootstrap;
        this.results = results;
        this.deadLetters = deadLetters;
        Map<String, Object> props = KafkaClients.consumerProps(bootstrap, KafkaClients.uniqueName("follower"));
        // A broker that restarts under the suite may stay away for a while: keep waiting rather than fail the read.
        props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) Duration.ofMinutes(2).toMillis());
        follower = new KafkaConsumer<>(props);
        // Assigned, not subscribed: a group member that rejoins after a broker restart would start over from the
        // beginning (it commits nothing) and count every dead letter twice.
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : List.of(results, deadLetters)) {
            follower.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        }
        follower.assign(partitions);
        follower.seekToBeginning(partitions);
    }

    /**
     * Follows the outputs until {@code records} records have a result on each of {@code routes} routes and every
     * failed or rejected one its dead letter.
     */
    void awaitComplete(int records, int routes, Duration timeout, Liveness liveness) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (slots.size() < records * routes || deadLetterCount < failedOrRejected) {
            liveness.check();
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("after " + timeout + " " + slots.size() + " of " + records * routes
                        + " outcomes and " + deadLetterCount + " of " + failedOrRejected + " dead letters");
            }
            poll(Duration.ofMillis(200));
        }
    }

    /** Follows the outputs until {@code outcomes} outcomes are committed: the worker is then busy, mid-stream. */
    void awaitOutcomes(int outcomes, Liveness liveness) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (slots.size() < outcomes) {
            liveness.check();
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("only " + slots.size() + " of " + outcomes + " outcomes after 2 minutes");
            }
            poll(Duration.ofMillis(100));
        }
    }

    /** Distinct outcomes (record and route) seen so far. */
    int outcomes() {
        return slots.size();
    }

    private void poll(Duration wait) {
        for (ConsumerRecord<byte[], byte[]> record : follower.poll(wait)) {
            if (record.topic().equals(deadLetters)) {
                deadLetterCount++;
                continue;
            }
            try {
                SyncResult result = codec.decode(record.value());
                if (slots.add(result.getSourcePartition() + "@" + result.getSourceOffset() + "/" + result.getRoute())
                        && (result.getStatus() == SyncStatus.FAILED || result.getStatus() == SyncStatus.REJECTED)) {
                    failedOrRejected++;
                }
            } catch (DecodeException e) {
                throw new IllegalStateException("the worker wrote an unreadable result", e);
            }
        }
    }

    List<ConsumerRecord<byte[], byte[]>> allResults() {
        return KafkaClients.readToEnd(KafkaClients.consumerProps(bootstrap, KafkaClients.uniqueName("verdict")),
                results);
    }

    List<ConsumerRecord<byte[], byte[]>> allDeadLetters() {
        return KafkaClients.readToEnd(KafkaClients.consumerProps(bootstrap, KafkaClients.uniqueName("verdict")),
                deadLetters);
    }

    /** The verdict on everything the worker wrote, against what was published. */
    Verdict verdict(String suite, List<Verdict.Published> published, Set<String> routes,
                    Map<String, List<String>> differences) {
        return Verdict.of(suite, published, routes, allResults(), allDeadLetters(), differences);
    }

    @Override
    public void close() {
        follower.close();
    }
}
