package io.groupsync.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How the worker reaches Kafka.
 *
 * @param bootstrapServers comma-separated host:port pairs
 * @param groupId          the consumer group of all instances
 * @param instanceId       this instance's stable name, the suffix of its transactional.id
 * @param consumer         extra consumer properties, placeholders resolved; may hold secrets (SASL, SSL passwords)
 * @param producer         extra producer properties, likewise
 */
public record KafkaConfig(String bootstrapServers, String groupId, String instanceId,
                          Map<String, String> consumer, Map<String, String> producer) {

    /** Consumer properties groupsync sets itself, each with the reason an override is refused. */
    public static final Map<String, String> OWNED_CONSUMER_PROPERTIES = ordered(
            "bootstrap.servers", "set kafka.bootstrap-servers instead",
            "group.id", "set kafka.group-id instead",
            "enable.auto.commit", "offsets are committed in the producer's transactions, with the outcomes",
            "isolation.level", "groupsync reads only committed input (read_committed)",
            "key.deserializer", "groupsync reads raw bytes and decodes them itself",
            "value.deserializer", "groupsync reads raw bytes and decodes them itself",
            "partition.assignment.strategy", "groupsync rebalances cooperatively and settles work on revoke");

    /** Producer properties groupsync sets itself, each with the reason an override is refused. */
    public static final Map<String, String> OWNED_PRODUCER_PROPERTIES = ordered(
            "bootstrap.servers", "set kafka.bootstrap-servers instead",
            "transactional.id", "derived from kafka.instance-id so that a restart fences its predecessor",
            "enable.idempotence", "transactions need it on",
            "acks", "transactions need acks=all",
            "key.serializer", "groupsync writes the bytes itself",
            "value.serializer", "groupsync writes the bytes itself");

    public KafkaConfig {
        consumer = Map.copyOf(consumer);
        producer = Map.copyOf(producer);
    }

    /** Pass-through values are left out: a SASL or SSL password among them must not reach a log line. */
    @Override
    public String toString() {
        return "KafkaConfig[bootstrapServers=" + bootstrapServers + ", groupId=" + groupId + ", instanceId="
                + instanceId + ", consumer=" + consumer.keySet() + ", producer=" + producer.keySet() + "]";
    }

    private static Map<String, String> ordered(String... keyReasonPairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keyReasonPairs.length; i += 2) {
            map.put(keyReasonPairs[i], keyReasonPairs[i + 1]);
        }
        return Collections.unmodifiableMap(map);
    }
}
