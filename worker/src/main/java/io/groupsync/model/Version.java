package io.groupsync.model;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * The version of an edit: when it occurred and where it was first published. A replayed record's version is its
 * original position ({@link ReplayHeaders}), not the replay's own, so a replay is exactly as old as the edit it
 * carries.
 *
 * <p>Of two versions from one partition, the higher offset is newer, whatever the producers' clocks said: the
 * partition's order is the order the edits were made in for one group, which is keyed to one partition. Only across
 * partitions (after the input was repartitioned) does occurredAt decide, then partition and offset, so that two
 * versions are never equal unless they are the same edit. Within one partition this is a total order.
 */
public record Version(long occurredAtMillis, int partition, long offset) implements Comparable<Version> {

    /** The version of a consumed record; throws IllegalArgumentException if its replay headers are malformed. */
    public static Version of(SourceRecord source, long occurredAtMillis) {
        Headers headers = source.headers();
        Header partition = headers.lastHeader(ReplayHeaders.ORIGINAL_PARTITION);
        Header offset = headers.lastHeader(ReplayHeaders.ORIGINAL_OFFSET);
        if (partition == null && offset == null) {
            return new Version(occurredAtMillis, source.partition(), source.offset());
        }
        if (partition == null || offset == null) {
            throw new IllegalArgumentException("a replayed record needs both " + ReplayHeaders.ORIGINAL_PARTITION
                    + " and " + ReplayHeaders.ORIGINAL_OFFSET);
        }
        int originalPartition = (int) decimal(partition, Integer.MAX_VALUE);
        long originalOffset = decimal(offset, Long.MAX_VALUE);
        Header topic = headers.lastHeader(ReplayHeaders.ORIGINAL_TOPIC);
        if (topic != null && !source.topic().equals(new String(topic.value() == null ? new byte[0] : topic.value(),
                StandardCharsets.UTF_8))) {
            // Offsets of another topic say nothing of this one's order: such a replay is as new as its own position.
            return new Version(occurredAtMillis, source.partition(), source.offset());
        }
        // A replay is written to the partition it was first read from, after it: a position elsewhere, or later, is
        // not a replay's, and trusted it would make every later edit of those fields stale for the whole window.
        if (originalPartition != source.partition() || originalOffset >= source.offset()) {
            throw new IllegalArgumentException("a replayed record's original position " + originalPartition + "@"
                    + originalOffset + " must come before it in its own partition " + source.partition() + "@"
                    + source.offset());
        }
        return new Version(occurredAtMillis, originalPartition, originalOffset);
    }

    public boolean isNewerThan(Version other) {
        return compareTo(other) > 0;
    }

    @Override
    public int compareTo(Version other) {
        if (partition == other.partition) {
            return Long.compare(offset, other.offset);
        }
        int byTime = Long.compare(occurredAtMillis, other.occurredAtMillis);
        return byTime != 0 ? byTime : partition != other.partition ? Integer.compare(partition, other.partition)
                : Long.compare(offset, other.offset);
    }

    @Override
    public String toString() {
        return java.time.Instant.ofEpochMilli(occurredAtMillis) + " at " + partition + "@" + offset;
    }

    private static long decimal(Header header, long max) {
        String text = header.value() == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
        try {
            long value = Long.parseLong(text);
            if (value < 0 || value > max) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(header.key() + " must be a decimal between 0 and " + max + ": '"
                    + (text.length() > 40 ? text.substring(0, 40) + "…" : text) + "'");
        }
    }
}
