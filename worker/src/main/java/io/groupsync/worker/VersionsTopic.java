package io.groupsync.worker;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure the versions topic is there before the first partition is restored (so a missing input topic is
 * waited for as before, not a reason to stop): compacted, so it keeps the last
 * version of each key, and with the window as its retention, so a key not written for that long is deleted with its
 * segment and the topic stays bounded without tombstones. It needs a partition for every input partition (the
 * version of input partition p goes to its partition p); one with fewer stops the worker, naming the setting.
 */
final class VersionsTopic {

    private static final Logger log = LoggerFactory.getLogger(VersionsTopic.class);
    private static final Duration SERVED_WAIT = Duration.ofSeconds(30);
    private static final Duration SERVED_POLL = Duration.ofMillis(100);

    private VersionsTopic() {
    }

    /** @param clientProperties the consumer's; only the ones an admin client knows are used */
    static void ensure(Properties clientProperties, String input, String versions, Duration window) {
        Properties props = new Properties();
        clientProperties.forEach((k, v) -> {
            if (AdminClientConfig.configNames().contains(k.toString())) {
                props.put(k, v);
            }
        });
        try (Admin admin = Admin.create(props)) {
            // Called once partitions of the input are assigned, so it exists.
            int inputPartitions = partitions(admin, input).orElseThrow();
            Optional<Integer> existing = partitions(admin, versions);
            if (existing.isPresent()) {
                if (existing.get() < inputPartitions) {
                    throw new IllegalStateException("topics.versions " + versions + " has " + existing.get()
                            + " partitions, fewer than the " + inputPartitions + " of topics.input " + input
                            + "; add partitions to it");
                }
                // Another instance may have created it a moment ago.
                awaitServed(admin, versions, existing.get());
                return;
            }
            NewTopic topic = new NewTopic(versions, Optional.of(inputPartitions), Optional.empty()).configs(Map.of(
                    TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT + ","
                            + TopicConfig.CLEANUP_POLICY_DELETE,
                    TopicConfig.RETENTION_MS_CONFIG, Long.toString(window.toMillis())));
            try {
                admin.createTopics(List.of(topic)).all().get();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("cannot create topics.versions " + versions + ": " + e.getCause(),
                            e.getCause());
                }
            }
            awaitServed(admin, versions, inputPartitions);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking topics.versions", e);
        }
    }

    /**
     * The controller acknowledges a new topic before its leaders serve it, and a transactional producer writing to it
     * at once can lose a refused first batch to a later one that lands (KAFKA-15591: its retries fail with
     * OUT_OF_ORDER_SEQUENCE_NUMBER until the delivery timeout aborts the transaction). Kafka gives no signal to
     * await, so this asks until the metadata shows a leader for every partition (asked before ListOffsets, whose
     * client logs an error for a topic it does not know yet) and ListOffsets, which each leader answers itself,
     * succeeds. Past {@link #SERVED_WAIT} the writes go ahead as they did before this wait, which narrows a rare race.
     */
    private static void awaitServed(Admin admin, String topic, int partitions) throws InterruptedException {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (int p = 0; p < partitions; p++) {
            latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        long deadline = System.nanoTime() + SERVED_WAIT.toNanos();
        String notYet = "no leader for every partition";
        while (System.nanoTime() < deadline) {
            if (led(admin, topic, partitions)) {
                try {
                    admin.listOffsets(latest).all().get();
                    return;
                } catch (ExecutionException e) {
                    notYet = e.getCause().toString();
                    if (!(e.getCause() instanceof RetriableException)) {
                        break;
                    }
                }
            }
            Thread.sleep(SERVED_POLL.toMillis());
        }
        log.warn("topics.versions {}: not every partition is served yet ({}); writing to it anyway", topic, notYet);
    }

    private static boolean led(Admin admin, String topic, int partitions) throws InterruptedException {
        try {
            TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
            return description.partitions().size() >= partitions
                    && description.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty());
        } catch (ExecutionException e) {
            return false;
        }
    }

    private static Optional<Integer> partitions(Admin admin, String topic) throws InterruptedException {
        try {
            TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
            return Optional.of(description.partitions().size());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return Optional.empty();
            }
            throw new IllegalStateException("cannot describe topic " + topic + ": " + e.getCause(), e.getCause());
        }
    }
}
