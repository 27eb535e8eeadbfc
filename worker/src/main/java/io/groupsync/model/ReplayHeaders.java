package io.groupsync.model;

/**
 * Headers a replayed record carries, written by {@code groupsync replay} and read by intake. They are the record's
 * own history, apart from the {@code groupsync_dlt-*} and {@code kafka_dlt-*} headers a dead letter says about
 * itself (those are stripped before a new dead letter's are added, these are kept). Values are UTF-8 text.
 */
public final class ReplayHeaders {

    public static final String PREFIX = "groupsync_replay-";
    /** Comma-separated names of the routes the replay is for: the routes that failed, never those that applied it. */
    public static final String ROUTES = PREFIX + "routes";
    /** How many times this record has been replayed, counting this one (decimal). */
    public static final String COUNT = PREFIX + "count";
    /** The dead letter it was replayed from: {@code topic-partition@offset}. */
    public static final String DEAD_LETTER = PREFIX + "dead-letter";
    /** Where the edit was first published; its version is that position, not the replay's own. */
    public static final String ORIGINAL_TOPIC = PREFIX + "original-topic";
    public static final String ORIGINAL_PARTITION = PREFIX + "original-partition";
    public static final String ORIGINAL_OFFSET = PREFIX + "original-offset";

    private ReplayHeaders() {
    }
}
