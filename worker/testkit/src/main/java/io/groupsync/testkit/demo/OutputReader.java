package io.groupsync.testkit.demo;

import io.groupsync.event.SkippedField;
import io.groupsync.event.SyncResult;
import io.groupsync.event.SyncStatus;
import io.groupsync.schemas.AvroCodec;
import io.groupsync.schemas.DecodeException;
import io.groupsync.testkit.kafka.KafkaClients;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;

/**
 * Reads the worker's result and dead-letter topics as a dashboard would ({@code read_committed}) and counts what it
 * sees: per route, results by status and skipped fields by name; outcomes per event and route (to find any event
 * with two); dead letters by reason, and the route where they have one.
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
    /** "REJECTED on tencent", "UNDECODABLE" (no route: the record never reached one). */
    private final Map<String, Integer> deadLettersByReason = new TreeMap<>();
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
                countDeadLetter(record);
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

    /** A dead letter keeps the original record as its value; what happened is in its headers (the worker's names). */
    private void countDeadLetter(ConsumerRecord<byte[], byte[]> record) {
        String reason = header(record, "groupsync_dlt-reason");
        String route = header(record, "groupsync_dlt-route");
        deadLettersByReason.merge((reason == null ? "no reason header" : reason)
                + (route == null ? "" : " on " + route), 1, Integer::sum);
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** Dead letters by reason and route, e.g. {@code {"REJECTED on tencent": 8, "UNDECODABLE": 3}}. */
    Map<String, Integer> deadLettersByReason() {
        return deadLettersByReason;
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
