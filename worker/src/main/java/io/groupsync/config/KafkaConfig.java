package io.groupsync.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.ConfigDef;

/**
 * How the worker reaches Kafka.
 *
 * @param consumer extra consumer properties, placeholders resolved; may hold secrets (SASL, SSL passwords)
 * @param producer extra producer properties, likewise
 */
public record KafkaConfig(
        @Setting(doc = "Comma-separated host:port pairs of brokers to bootstrap from.")
        String bootstrapServers,
        @Setting(byDefault = "groupsync",
                doc = "Consumer group shared by all instances; they split the input partitions between them.")
        String groupId,
        @Setting(computed = "the host name ($HOSTNAME, else the local host's name)", pattern = "[A-Za-z0-9._-]{1,200}",
                rule = "must be 1-200 of A-Z, a-z, 0-9, . _ -", doc = "This instance's name, stable across its "
                + "restarts: it suffixes the transactional.id, so a restart fences its predecessor's unfinished "
                + "transactions. No two live instances may share it.")
        String instanceId,
        @Setting(byDefault = "{}", doc = "Extra KafkaConsumer properties, passed through. The ones groupsync sets "
                + "itself are refused: bootstrap.servers, group.id, enable.auto.commit, isolation.level, "
                + "key.deserializer, value.deserializer, partition.assignment.strategy.")
        Map<String, String> consumer,
        @Setting(byDefault = "{}", doc = "Extra KafkaProducer properties, passed through. The ones groupsync sets "
                + "itself are refused: bootstrap.servers, transactional.id, enable.idempotence, acks, "
                + "key.serializer, value.serializer. transaction.timeout.ms defaults to 20000 (Kafka's: 60000): the "
                + "new owner of a dead instance's partitions waits that long for its open transaction to be aborted. "
                + "pipeline.settle-timeout must stay under it, and pipeline.commit-interval at most half of it.")
        Map<String, String> producer) {

    /** The coordinator's limit on a transaction when kafka.producer leaves transaction.timeout.ms out. */
    public static final Duration DEFAULT_TRANSACTION_TIMEOUT = Duration.ofSeconds(20);
    private static final String TRANSACTION_TIMEOUT_MS = "transaction.timeout.ms";

    private static final Pattern HOST_PORT =
            Pattern.compile("(\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?):(\\d{1,5})");

    public KafkaConfig {
        consumer = Map.copyOf(consumer);
        producer = Map.copyOf(producer);
    }

    /**
     * How long the coordinator lets one of the worker's transactions stay open: kafka.producer's
     * transaction.timeout.ms, else {@link #DEFAULT_TRANSACTION_TIMEOUT} (Kafka's own default is a minute). An instance
     * that dies mid-transaction holds its partitions' committed offsets, and every read_committed reader of what it
     * wrote, until the coordinator aborts that transaction: the new owner of its partitions waits that long. Kafka
     * Streams keeps it at 10 s for the same reason; the worker's own transactions must end well within it.
     */
    public Duration transactionTimeout() {
        String ms = producer.get(TRANSACTION_TIMEOUT_MS);
        // Read as the producer reads it; a value it refuses stopped start-up when the file was read.
        return ms == null ? DEFAULT_TRANSACTION_TIMEOUT
                : Duration.ofMillis((Integer) ConfigDef.parseType(TRANSACTION_TIMEOUT_MS, ms, ConfigDef.Type.INT));
    }

    /** Pass-through values are left out: a SASL or SSL password among them must not reach a log line. */
    @Override
    public String toString() {
        return "KafkaConfig[bootstrapServers=" + bootstrapServers + ", groupId=" + groupId + ", instanceId="
                + instanceId + ", consumer=" + consumer.keySet() + ", producer=" + producer.keySet() + "]";
    }

    static void complete(Section s, Map<String, String> env) {
        String servers = s.get("bootstrap-servers");
        if (servers != null) {
            checkHostPorts(s, servers);
        }
        if (s.origin("instance-id") == Section.Origin.NONE) {
            s.set("instance-id", hostName(s, env));
        }
        s.set("consumer", KafkaProperties.read(s.child("consumer"), KafkaProperties.CONSUMER));
        s.set("producer", KafkaProperties.read(s.child("producer"), KafkaProperties.PRODUCER));
    }

    private static void checkHostPorts(Section s, String servers) {
        for (String server : servers.split(",", -1)) {
            Matcher m = HOST_PORT.matcher(server.trim());
            if (!m.matches() || Integer.parseInt(m.group(3)) < 1 || Integer.parseInt(m.group(3)) > 65_535) {
                String hiddenAs = s.hiddenAs("bootstrap-servers");
                s.problem("bootstrap-servers", (hiddenAs == null ? ValueTypes.quote(server.trim())
                        : "an address in " + ValueTypes.subject(null, hiddenAs))
                        + (m.matches() ? " has a port outside 1-65535" : " is not host:port"));
                return;
            }
        }
        s.set("bootstrap-servers", servers.trim().replaceAll("\\s*,\\s*", ","));
    }

    /**
     * The default instance id. HOSTNAME first: in a container it is the pod or container name, which is what a
     * stable identity means there, and reading it needs no DNS lookup.
     */
    private static String hostName(Section s, Map<String, String> env) {
        String host = env.get("HOSTNAME");
        if (host == null || host.isBlank()) {
            try {
                host = InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException e) {
                s.problem("instance-id", "not set and the host name is unknown; set it");
                return null;
            }
        }
        String id = host.trim();
        // The host name is the machine's, not an operator's value: quoted to show why it does not fit.
        ValueTypes.violation(Section.component(KafkaConfig.class, "instance-id").getAnnotation(Setting.class), id,
                null).ifPresent(p ->
                s.problem("instance-id", "defaults to the host name, but " + p + "; set it"));
        return id;
    }
}
