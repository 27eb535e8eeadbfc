package io.groupsync.config;

/**
 * The default caps on pending work, sized to the JVM's max heap, so that the defaults cannot run a small heap out
 * of memory under a backlog: the consumer pauses first.
 *
 * <p>The costs are what {@code scripts/bench memory} measured on a 256 MiB heap, garbage included: about 1.1 KB per
 * pending record (the original record, kept for a dead letter, its outcome, its share of a merged patch) and about
 * 1.5 KB per pending key (its work, merged patch and queue entries); {@code scripts/bench footprint} measures what stays
 * live after a full GC: 710 B per record of a 75-byte event and 1,177 B per key. Up to 45 % of the heap goes to
 * records and 15 % to keys
 * (a key holds at least one record, so both caps are rarely reached together), the rest to the clients' buffers and
 * garbage; the benchmark ran a 256 MiB heap with 100,000 records and 40,000 keys pending at a peak of 215 MiB used.
 * A large heap stops at the fixed caps, past which a backlog gains nothing from more buffering.
 *
 * <p>Records are not all small: a record near Kafka's 1 MB limit costs a thousand small ones, so the records' bytes
 * are capped too ({@code SourceRecord#approximateBytes}, and {@link #BYTES_PER_KEY} a key), at a quarter of the heap: the rest is the consumer's fetch
 * buffers (up to {@code fetch.max.bytes} beyond the cap while one poll is taken in), the producer's, and garbage.
 *
 * @param keys    default of {@code pipeline.max-pending-keys}
 * @param records default of {@code pipeline.max-pending-records}
 * @param bytes   default of {@code pipeline.max-pending-bytes}
 */
public record PendingCaps(int keys, int records, long bytes) {

    static final long BYTES_PER_RECORD = 1_100;
    /** Also what each pending key adds to the bytes checked against {@code pipeline.max-pending-bytes}. */
    public static final long BYTES_PER_KEY = 1_500;
    static final double RECORDS_SHARE = 0.45;
    static final double KEYS_SHARE = 0.15;
    static final double BYTES_SHARE = 0.25;
    static final int MAX_KEYS = 100_000;
    static final int MAX_RECORDS = 250_000;
    /** Below this a cap would pause intake so often that a heap this small is a mistake better made visible. */
    static final int MIN_CAP = 1_000;

    /** Caps for a JVM whose {@link Runtime#maxMemory()} is {@code maxHeapBytes}. */
    public static PendingCaps forHeap(long maxHeapBytes) {
        return new PendingCaps(cap(maxHeapBytes * KEYS_SHARE / BYTES_PER_KEY, MAX_KEYS),
                cap(maxHeapBytes * RECORDS_SHARE / BYTES_PER_RECORD, MAX_RECORDS),
                (long) (maxHeapBytes * BYTES_SHARE));
    }

    /** Caps for this JVM. */
    public static PendingCaps forThisJvm() {
        return forHeap(Runtime.getRuntime().maxMemory());
    }

    private static int cap(double fits, int max) {
        return (int) Math.max(MIN_CAP, Math.min(max, fits));
    }
}
