package io.groupsync.config;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;

/** Reads the pass-through client properties, refusing the ones groupsync owns and the values Kafka would refuse. */
final class KafkaProperties {

    /** A client's properties that groupsync sets itself, each with the reason an override is refused. */
    record Client(Map<String, String> owned, ConfigDef definitions) {
    }

    static final Client CONSUMER = new Client(Map.of(
            "bootstrap.servers", "set kafka.bootstrap-servers instead",
            "group.id", "set kafka.group-id instead",
            "enable.auto.commit", "offsets are committed in the producer's transactions, with the outcomes",
            "isolation.level", "groupsync reads only committed input (read_committed)",
            "key.deserializer", "groupsync reads raw bytes and decodes them itself",
            "value.deserializer", "groupsync reads raw bytes and decodes them itself",
            "partition.assignment.strategy", "groupsync rebalances cooperatively and settles work on revoke"),
            ConsumerConfig.configDef());

    static final Client PRODUCER = new Client(Map.of(
            "bootstrap.servers", "set kafka.bootstrap-servers instead",
            "transactional.id", "derived from kafka.instance-id so that a restart fences its predecessor",
            "enable.idempotence", "transactions need it on",
            "acks", "transactions need acks=all",
            "key.serializer", "groupsync writes the bytes itself",
            "value.serializer", "groupsync writes the bytes itself"), ProducerConfig.configDef());

    private KafkaProperties() {
    }

    static Map<String, String> read(Section section, Client client) {
        Map<String, String> properties = new LinkedHashMap<>();
        for (String key : section.file().keySet()) {
            if (client.owned().containsKey(key)) {
                section.problem(key, "set by groupsync itself (" + client.owned().get(key) + "); remove it");
                continue;
            }
            boolean secret = isSecret(key);
            String value = section.passThrough(key, secret);
            if (value != null) {
                // A secret is not checked: Kafka's message would quote it.
                refusal(client.definitions(), key, value, section.hiddenAs(key)).filter(p -> !secret)
                        .ifPresent(p -> section.problem(key, p));
                properties.put(key, value);
            }
        }
        return properties;
    }

    /**
     * What the Kafka client would refuse in this value when built, for a property it knows: found here, it stops
     * start-up (and {@code config --check}) naming the setting, instead of a stack trace from the client. A property
     * Kafka does not know is passed on; Kafka ignores it with a warning. Kafka's messages quote the value, so for a
     * value that must not be quoted ({@code hiddenAs} not null) the refusal says what Kafka expects instead.
     */
    private static Optional<String> refusal(ConfigDef definitions, String key, String value, String hiddenAs) {
        ConfigDef.ConfigKey known = definitions.configKeys().get(key);
        try {
            if (known != null) {
                Object parsed = ConfigDef.parseType(key, value, known.type);
                if (known.validator != null) {
                    known.validator.ensureValid(key, parsed);
                }
            }
            return Optional.empty();
        } catch (org.apache.kafka.common.config.ConfigException e) {
            return Optional.of(hiddenAs == null ? "Kafka refuses it: " + e.getMessage()
                    : "Kafka refuses " + ValueTypes.subject(null, hiddenAs) + "; it takes " + expected(known));
        }
    }

    /** What Kafka takes for the property: its type and, where it has one, its validator's rule ({@code [1,...]}). */
    private static String expected(ConfigDef.ConfigKey known) {
        return "a " + known.type.name().toLowerCase(Locale.ROOT) + (known.validator == null ? "" : " in "
                + known.validator);
    }

    /** Kafka's password-typed client properties that come up in practice: SASL login and SSL store passwords. */
    private static boolean isSecret(String key) {
        return key.equals("sasl.jaas.config") || key.endsWith(".password");
    }
}
