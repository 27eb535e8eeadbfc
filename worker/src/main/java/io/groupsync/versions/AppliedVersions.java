package io.groupsync.versions;

import io.groupsync.model.Version;
import io.groupsync.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * Per input partition, the version of the last value applied to each (route, group, target, field), custom data
 * key by key ({@link VersionKeys}): what the stale-edit check compares an edit with. Kept only for the window (as
 * long as the dead-letter topic keeps a dead letter that could be replayed); an older entry is dropped, and on the
 * versions topic, created with that retention, its segment is deleted. Filled from the versions topic when a
 * partition is assigned, and written to it with the results ({@code record.OutcomeWriter}). Owned by the pipeline
 * thread.
 *
 * <p>An entry is its key's String and an {@link Entry} in a HashMap: 168 bytes with a 30-byte key, 68 on disk
 * ({@code VersionStoreFootprintTest} measures it).
 */
public final class AppliedVersions {

    /** What is kept of an applied value: its version and when it was applied, on this worker's clock. */
    public record Entry(Version version, long appliedAtMillis) {
    }

    private final Map<Integer, Map<String, Entry>> partitions = new HashMap<>();
    /** How often applying a value also sweeps out the expired entries: a hundredth of the window, at least 1 min. */
    private final long sweepEveryMillis;
    private final long windowMillis;
    private final Clock clock;
    private long nextSweepMillis;

    public AppliedVersions(Duration window, Clock clock) {
        this.windowMillis = window.toMillis();
        this.sweepEveryMillis = Math.max(windowMillis / 100, Duration.ofMinutes(1).toMillis());
        this.clock = clock;
        this.nextSweepMillis = clock.currentTimeMillis() + sweepEveryMillis;
    }

    /** The version applied last for this key, or null if none within the window. */
    public Version get(int partition, String key) {
        Map<String, Entry> entries = partitions.get(partition);
        Entry entry = entries == null ? null : entries.get(key);
        return entry == null ? null : entry.version();
    }

    /** A value was applied: its version is kept unless a newer one already is. The entry to write, or null. */
    public Entry applied(int partition, String key, Version version) {
        Map<String, Entry> entries = partitions.computeIfAbsent(partition, p -> new HashMap<>());
        Entry current = entries.get(key);
        if (current != null && current.version().isNewerThan(version)) {
            return null;
        }
        long now = clock.currentTimeMillis();
        Entry entry = new Entry(version, now);
        entries.put(key, entry);
        if (now >= nextSweepMillis) {
            expire();
            nextSweepMillis = now + sweepEveryMillis;
        }
        return entry;
    }

    /** An entry read back from the versions topic; one past the window is not kept. */
    public void restored(int partition, String key, Entry entry) {
        Map<String, Entry> entries = partitions.computeIfAbsent(partition, p -> new HashMap<>());
        if (entry == null || expired(entry, clock.currentTimeMillis())) {
            entries.remove(key);
        } else {
            entries.put(key, entry);
        }
    }

    /** Forgets partitions revoked, lost, or about to be restored afresh. */
    public void forget(Collection<Integer> gone) {
        gone.forEach(partitions::remove);
    }

    /** Drops the entries older than the window; how many. */
    public int expire() {
        long now = clock.currentTimeMillis();
        int dropped = 0;
        for (Map<String, Entry> entries : partitions.values()) {
            int before = entries.size();
            entries.values().removeIf(e -> expired(e, now));
            dropped += before - entries.size();
        }
        return dropped;
    }

    public int size() {
        return partitions.values().stream().mapToInt(Map::size).sum();
    }

    private boolean expired(Entry entry, long now) {
        return now - entry.appliedAtMillis() > windowMillis;
    }
}
