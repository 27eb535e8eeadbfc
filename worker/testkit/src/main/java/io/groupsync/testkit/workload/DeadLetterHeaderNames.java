package io.groupsync.testkit.workload;

/**
 * The dead-letter headers a test reads, as the README's output contract names them (Spring Kafka's {@code kafka_dlt-*}
 * names and binary forms, groupsync's own {@code groupsync_dlt-*} as UTF-8 text). Spelled here rather than taken
 * from the worker, which the testkit does not depend on; the worker's tests check that both agree.
 */
public final class DeadLetterHeaderNames {

    /** The original partition, a 4-byte big-endian number. */
    public static final String ORIGINAL_PARTITION = "kafka_dlt-original-partition";
    /** The original offset, an 8-byte big-endian number. */
    public static final String ORIGINAL_OFFSET = "kafka_dlt-original-offset";
    /** The {@code DeadLetterReason} symbol. */
    public static final String REASON = "groupsync_dlt-reason";
    /** The route the failure happened on; absent when the record failed before any route (undecodable). */
    public static final String ROUTE = "groupsync_dlt-route";

    private DeadLetterHeaderNames() {
    }
}
