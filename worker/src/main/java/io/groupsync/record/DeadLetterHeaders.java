package io.groupsync.record;

/**
 * The header names of a dead letter, in one place. The {@code kafka_dlt-*} ones follow Spring Kafka's
 * {@code KafkaHeaders} (same names, same binary forms: partition a 4-byte and offset and timestamp 8-byte
 * big-endian numbers), so tools built for Spring's dead letters read ours. The {@code groupsync_dlt-*} ones say
 * what only groupsync knows; their values are UTF-8 text. Headers of either kind that the input record carried
 * are moved aside ({@link #ORIGINAL_PREFIX}), so each of these is in a dead letter once, and true of it.
 */
public final class DeadLetterHeaders {

    public static final String ORIGINAL_TOPIC = "kafka_dlt-original-topic";
    public static final String ORIGINAL_PARTITION = "kafka_dlt-original-partition";
    public static final String ORIGINAL_OFFSET = "kafka_dlt-original-offset";
    public static final String ORIGINAL_TIMESTAMP = "kafka_dlt-original-timestamp";
    public static final String ORIGINAL_CONSUMER_GROUP = "kafka_dlt-original-consumer-group";
    public static final String EXCEPTION_FQCN = "kafka_dlt-exception-fqcn";
    public static final String EXCEPTION_MESSAGE = "kafka_dlt-exception-message";

    /** {@link io.groupsync.event.DeadLetterReason} symbol. */
    public static final String REASON = "groupsync_dlt-reason";
    /** The route the failure happened on; absent when the record failed before any route (undecodable). */
    public static final String ROUTE = "groupsync_dlt-route";
    public static final String EVENT_ID = "groupsync_dlt-event-id";
    public static final String VENDOR_CODE = "groupsync_dlt-vendor-code";
    public static final String HTTP_STATUS = "groupsync_dlt-http-status";
    /** The vendor request that failed, secrets removed. */
    public static final String FAILED_REQUEST = "groupsync_dlt-failed-request";
    /**
     * What of the original record is left out, e.g. {@code value (1048576 bytes)}, because with it the dead letter
     * would exceed the producer's max.request.size; absent when nothing is. The original stays at its offset.
     */
    public static final String ORIGINAL_OMITTED = "groupsync_dlt-original-omitted";
    /** All of the above as one Avro {@code DeadLetter}, single-object encoded, for tools that prefer a schema. */
    public static final String DETAIL = "groupsync_dlt-detail";

    /**
     * Put before the name of a dead-letter header the input record already carried (forged, or left from an
     * earlier dead letter), e.g. {@code groupsync_orig-groupsync_dlt-reason}: kept visible, but never read as ours.
     */
    public static final String ORIGINAL_PREFIX = "groupsync_orig-";

    private static final String KAFKA_PREFIX = "kafka_dlt-";
    private static final String GROUPSYNC_PREFIX = "groupsync_dlt-";

    private DeadLetterHeaders() {
    }

    /** Whether a header of this name says something about a dead letter, which only its writer may say. */
    public static boolean isDeadLetterHeader(String name) {
        return name.startsWith(KAFKA_PREFIX) || name.startsWith(GROUPSYNC_PREFIX);
    }

    /** The name an input's own header keeps in its dead letter. */
    public static String kept(String name) {
        return isDeadLetterHeader(name) ? ORIGINAL_PREFIX + name : name;
    }
}
