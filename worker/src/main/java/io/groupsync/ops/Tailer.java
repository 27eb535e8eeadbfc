package io.groupsync.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.groupsync.config.KafkaConfig;
import io.groupsync.config.TopicConfig;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/**
 * {@code groupsync tail}: prints the records of the result, dead-letter or input topic, decoded, one per line, from
 * the beginning, the end or a time, up to the end as of the start or, following, until stopped. It joins no group
 * and commits nothing: reading is all it does.
 */
public final class Tailer {

    /**
     * @param topic    results, dead-letters or input
     * @param from     {@code beginning}, {@code end}, or an ISO time
     * @param filters  field → accepted values; a record must match each ({@code group}, {@code member},
     *                 {@code route}, {@code status}, {@code reason}, {@code event-id})
     */
    public record Options(String topic, String from, boolean follow, boolean json, Map<String, Set<String>> filters,
                          boolean readCommitted) {
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Map<String, String> FIELDS = Map.of("group", "groupId", "member", "memberId",
            "route", "route", "status", "status", "reason", "reason", "event-id", "eventId");

    private final KafkaConfig kafka;
    private final TailRecords.Kind kind;
    private final String topic;
    private final Options options;
    private final PrintStream out;
    private final PrintStream err;

    public Tailer(KafkaConfig kafka, TopicConfig topics, Options options, PrintStream out, PrintStream err) {
        this.kafka = kafka;
        this.options = options;
        this.out = out;
        this.err = err;
        this.kind = switch (options.topic()) {
            case "results" -> TailRecords.Kind.RESULTS;
            case "dead-letters" -> TailRecords.Kind.DEAD_LETTERS;
            case "input" -> TailRecords.Kind.INPUT;
            default -> throw new IllegalArgumentException("tail reads results, dead-letters or input, not "
                    + options.topic());
        };
        this.topic = switch (kind) {
            case RESULTS -> topics.results();
            case DEAD_LETTERS -> topics.deadLetters();
            case INPUT -> topics.input();
        };
        options.filters().keySet().forEach(name -> {
            if (!FIELDS.containsKey(name)) {
                throw new IllegalArgumentException("no filter " + name + "; there are " + FIELDS.keySet());
            }
        });
    }

    /** @return the exit code: 0, or 1 when the topic does not exist */
    public int run() {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(OpsClients.consumer(kafka, null,
                options.readCommitted(), "groupsync-tail"))) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, TIMEOUT);
            if (infos == null || infos.isEmpty()) {
                err.println("groupsync: no topic " + topic);
                return 1;
            }
            List<TopicPartition> partitions = infos.stream().map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            consumer.assign(partitions);
            seek(consumer, partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, TIMEOUT);
            // On standard error, so a pipe reads records only; it also tells a script when a follow has started.
            err.println("reading " + topic + " from " + options.from() + (options.follow() ? ", following" : ""));
            if (!options.json()) {
                out.println(TailTable.header(kind));
            }
            while (options.follow() || partitions.stream().anyMatch(p -> consumer.position(p, TIMEOUT) < end.get(p))) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    ObjectNode node = TailRecords.of(kind, record);
                    if (matches(node)) {
                        out.println(options.json() ? node.toString() : TailTable.row(kind, node));
                    }
                }
                out.flush();
                if (out.checkError()) {
                    // The reader went away (jq -e, head): nothing more to do.
                    return 0;
                }
            }
            return 0;
        }
    }

    private void seek(KafkaConsumer<byte[], byte[]> consumer, List<TopicPartition> partitions) {
        String from = options.from().toLowerCase(Locale.ROOT);
        if (from.equals("beginning")) {
            consumer.seekToBeginning(partitions);
        } else if (from.equals("end")) {
            consumer.seekToEnd(partitions);
        } else {
            long at = Instant.parse(options.from()).toEpochMilli();
            Map<TopicPartition, Long> times = new HashMap<>();
            partitions.forEach(p -> times.put(p, at));
            Map<TopicPartition, OffsetAndTimestamp> offsets = consumer.offsetsForTimes(times, TIMEOUT);
            for (TopicPartition partition : partitions) {
                OffsetAndTimestamp offset = offsets.get(partition);
                if (offset == null) {
                    consumer.seekToEnd(List.of(partition));
                } else {
                    consumer.seek(partition, offset.offset());
                }
            }
        }
        // Seeks are lazy; the positions are fixed here, before the end is taken.
        partitions.forEach(p -> consumer.position(p, TIMEOUT));
    }

    private boolean matches(ObjectNode node) {
        for (Map.Entry<String, Set<String>> filter : options.filters().entrySet()) {
            if (!filter.getValue().isEmpty() && !matches(node, FIELDS.get(filter.getKey()), filter.getValue())) {
                return false;
            }
        }
        return true;
    }

    /** An input record has no route of its own: it matches a route it names, or any route if it names none. */
    private boolean matches(ObjectNode node, String field, Set<String> wanted) {
        if (kind == TailRecords.Kind.INPUT && field.equals("route")) {
            JsonNode replay = node.get("replay");
            String replayRoutes = replay == null ? null : TailRecords.text(replay, "routes");
            if (replayRoutes != null) {
                return Set.of(replayRoutes.split(",")).stream().anyMatch(wanted::contains);
            }
            JsonNode routes = node.get("targetRoutes");
            if (routes == null || routes.isNull()) {
                return true;
            }
            for (JsonNode route : routes) {
                if (wanted.contains(route.asText())) {
                    return true;
                }
            }
            return false;
        }
        String value = TailRecords.text(node, field);
        return value != null && wanted.contains(value);
    }
}
