package io.groupsync.imapi;

/** What a vendor's answer means for the pipeline. */
public enum CallClass {
    /** Applied. */
    OK,
    /** May succeed later (I/O, timeout, 5xx, the vendor's "try again"): back off and retry this key. */
    TRANSIENT,
    /** The vendor's frequency limit: slow the route's bucket down, then retry. */
    THROTTLED,
    /** Will never succeed as it is (bad parameter, missing group, no permission): dead-letter it now. */
    PERMANENT
}
