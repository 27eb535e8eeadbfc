package io.groupsync.testkit.workload;

import io.groupsync.event.SyncResult;
import io.groupsync.event.SyncStatus;
import io.groupsync.schemas.AvroCodec;
import io.groupsync.schemas.DecodeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * The verdict every reliability suite ends with, from what the worker committed (read {@code read_committed}): each
 * published record has exactly one result on each route, each failed or rejected one exactly one dead letter for
 * that route and nothing else has one, and each vendor holds the fold of what it was sent. Records, not event ids,
 * are the unit (README, "Decisions"): a replayed dead letter is a new record with its own outcomes.
 */
public final class Verdict {

    /** Where a published record landed. */
    public record Published(int partition, long offset, String eventId) {
    }

    /** One record's outcome on one route: the unit of exactly once. */
    private record Slot(int partition, long offset, String route) {
    }

    private final String suite;
    private final int events;
    private final int results;
    private final Map<String, Integer> deadLettersByReason = new TreeMap<>();
    private final Map<SyncStatus, Integer> resultsByStatus = new TreeMap<>();
    private final List<String> problems = new ArrayList<>();
    private final Map<String, List<String>> differences;
    private int duplicates;

    private Verdict(String suite, int events, int results, Map<String, List<String>> differences) {
        this.suite = suite;
        this.events = events;
        this.results = results;
        this.differences = differences;
    }

    /**
     * @param published   every record published to the input topic, each expected to end on every route
     * @param routes      the worker's routes
     * @param results     the result topic, read to its end
     * @param deadLetters the dead-letter topic, read to its end
     * @param differences per route, how its vendor's state differs from the fold of what it was sent (empty: none)
     */
    public static Verdict of(String suite, List<Published> published, Set<String> routes,
                             List<ConsumerRecord<byte[], byte[]>> results,
                             List<ConsumerRecord<byte[], byte[]>> deadLetters, Map<String, List<String>> differences) {
        Verdict verdict = new Verdict(suite, published.size(), results.size(), new LinkedHashMap<>(differences));
        Map<Slot, String> expected = new HashMap<>();
        for (Published record : published) {
            routes.forEach(route -> expected.put(new Slot(record.partition(), record.offset(), route),
                    record.eventId()));
        }
        Map<Slot, Integer> resultCount = new HashMap<>();
        Map<Slot, SyncStatus> failedOrRejected = new HashMap<>();
        AvroCodec<SyncResult> codec = AvroCodec.syncResult();
        for (ConsumerRecord<byte[], byte[]> record : results) {
            SyncResult result;
            try {
                result = codec.decode(record.value());
            } catch (DecodeException e) {
                verdict.problems.add("unreadable result at " + record.topic() + "-" + record.partition() + "@"
                        + record.offset());
                continue;
            }
            verdict.resultsByStatus.merge(result.getStatus(), 1, Integer::sum);
            Slot slot = new Slot(result.getSourcePartition(), result.getSourceOffset(), result.getRoute());
            if (!result.getEventId().equals(expected.get(slot))) {
                verdict.problems.add("a result nothing asked for: " + result.getEventId() + " on " + slot);
            }
            resultCount.merge(slot, 1, Integer::sum);
            if (result.getStatus() == SyncStatus.FAILED || result.getStatus() == SyncStatus.REJECTED) {
                failedOrRejected.put(slot, result.getStatus());
            }
        }
        resultCount.forEach((slot, n) -> verdict.duplicates += n - 1);
        expected.keySet().stream().filter(slot -> !resultCount.containsKey(slot)).limit(10)
                .forEach(slot -> verdict.problems.add("no result for " + expected.get(slot) + " on " + slot));
        long missing = expected.keySet().stream().filter(slot -> !resultCount.containsKey(slot)).count();
        if (missing > 10) {
            verdict.problems.add("… " + missing + " results missing in all");
        }
        Map<Slot, Integer> deadLetterCount = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : deadLetters) {
            String reason = text(record, DeadLetterHeaderNames.REASON);
            verdict.deadLettersByReason.merge(reason, 1, Integer::sum);
            Header partition = record.headers().lastHeader(DeadLetterHeaderNames.ORIGINAL_PARTITION);
            Header offset = record.headers().lastHeader(DeadLetterHeaderNames.ORIGINAL_OFFSET);
            if (partition == null || offset == null) {
                verdict.problems.add("a " + reason + " dead letter that does not say where it came from");
                continue;
            }
            Slot slot = new Slot(ByteBuffer.wrap(partition.value()).getInt(), ByteBuffer.wrap(offset.value()).getLong(),
                    text(record, DeadLetterHeaderNames.ROUTE));
            deadLetterCount.merge(slot, 1, Integer::sum);
            if (slot.route() == null ? !rejectedAnywhere(failedOrRejected, slot) : !failedOrRejected.containsKey(slot)) {
                verdict.problems.add("a " + reason + " dead letter without a failed or rejected result: " + slot);
            }
        }
        deadLetterCount.forEach((slot, n) -> verdict.duplicates += n - 1);
        // An event refused at intake has one dead letter, naming no route, for the REJECTED result of every route.
        failedOrRejected.keySet().stream().filter(slot -> !deadLetterCount.containsKey(slot)
                        && !(failedOrRejected.get(slot) == SyncStatus.REJECTED
                        && deadLetterCount.containsKey(new Slot(slot.partition(), slot.offset(), null)))).limit(10)
                .forEach(slot -> verdict.problems.add("a " + failedOrRejected.get(slot) + " result without its "
                        + "dead letter: " + slot));
        differences.forEach((route, list) -> list.stream().limit(10)
                .forEach(d -> verdict.problems.add(route + " differs from the fold: " + d)));
        return verdict;
    }

    /** Whether any route of the record rejected it: what a dead letter naming no route, a refusal at intake, has. */
    private static boolean rejectedAnywhere(Map<Slot, SyncStatus> failedOrRejected, Slot record) {
        return failedOrRejected.entrySet().stream().anyMatch(e -> e.getValue() == SyncStatus.REJECTED
                && e.getKey().partition() == record.partition() && e.getKey().offset() == record.offset());
    }

    public boolean converged() {
        return differences.values().stream().allMatch(List::isEmpty);
    }

    public int duplicates() {
        return duplicates;
    }

    public Map<String, Integer> deadLettersByReason() {
        return Map.copyOf(deadLettersByReason);
    }

    /** Everything wrong, empty when the verdict holds. */
    public List<String> problems() {
        List<String> all = new ArrayList<>(problems);
        if (duplicates > 0) {
            all.add(duplicates + " duplicate outcomes");
        }
        return all;
    }

    /** The verdict line a run prints, with the suite's own figures after the common ones. */
    public String line(Map<String, ?> extra) {
        StringBuilder line = new StringBuilder("VERDICT ").append(suite)
                .append(": events=").append(events)
                .append(" results=").append(results)
                .append(" byStatus=").append(resultsByStatus)
                .append(" deadLetters=").append(deadLettersByReason)
                .append(" duplicates=").append(duplicates)
                .append(" converged=").append(converged());
        extra.forEach((k, v) -> line.append(' ').append(k).append('=').append(v));
        return line.toString();
    }

    public String line() {
        return line(Map.of());
    }

    private static String text(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
