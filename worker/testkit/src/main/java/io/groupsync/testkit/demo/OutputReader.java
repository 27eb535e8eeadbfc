package io.groupsync.testkit.demo;

import io.groupsync.event.SkippedField;
import io.groupsync.event.SyncResult;
import io.groupsync.event.SyncStatus;
import io.groupsync.schemas.AvroCodec;
import io.groupsync.schemas.DecodeException;
import io.groupsync.testkit.kafka.KafkaClients;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/**
 * Reads the worker's result and dead-letter topics as a dashboard would ({@code read_committed}) and counts what it
 * sees: per route, results by status and skipped fields by name; outcomes per event and route (to find any event
 * with two); dead letters.
 */
final class OutputReader implements AutoCloseable {

    /** What one route's results say. */
    static final class RouteResults {
        int results;
        final Map<SyncStatus, Integer> byStatus = new EnumMap<>(SyncStatus.class);
        final Map<String, Integer> skippedFields = new TreeMap<>();
    }

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final String resultTopic;
    private final AvroCodec<SyncResult> codec = AvroCodec.syncResult();
    private final Map<String, Integer> outcomesPerEvent = new HashMap<>();
    private final Map<String, RouteResults> routes = new HashMap<>();
    private int results;
    private int deadLetters;
    private int unreadable;

    OutputReader(String bootstrap, String resultTopic, String deadLetterTopic) {
        this.resultTopic = resultTopic;
        consumer = new KafkaConsumer<>(KafkaClients.consumerProps(bootstrap, KafkaClients.uniqueName("demo-reader")));
        consumer.subscribe(List.of(resultTopic, deadLetterTopic));
    }

    void poll(Duration wait) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(wait)) {
            if (!record.topic().equals(resultTopic)) {
                deadLetters++;
                continue;
            }
            try {
                SyncResult result = codec.decode(record.value());
                results++;
                RouteResults route = routes.computeIfAbsent(result.getRoute(), r -> new RouteResults());
                route.results++;
                route.byStatus.merge(result.getStatus(), 1, Integer::sum);
                for (SkippedField skipped : result.getSkippedFields()) {
                    route.skippedFields.merge(skipped.getField(), 1, Integer::sum);
                }
                outcomesPerEvent.merge(result.getEventId() + "@" + result.getRoute(), 1, Integer::sum);
            } catch (DecodeException e) {
                unreadable++;
            }
        }
    }

    int results() {
        return results;
    }

    int deadLetters() {
        return deadLetters;
    }

    /** Results that were not a readable SyncResult: a broken worker, never expected. */
    int unreadable() {
        return unreadable;
    }

    /** What the results of one route say; empty for a route with none yet. */
    RouteResults route(String name) {
        return routes.getOrDefault(name, new RouteResults());
    }

    /** Event-and-route pairs with more than one result: exactly-once says there are none. */
    long duplicates() {
        return outcomesPerEvent.values().stream().filter(n -> n > 1).count();
    }

    @Override
    public void close() {
        consumer.close();
    }
}
