package io.groupsync.testkit.emulator;

/** What an emulator can do to a call instead of serving it. */
public enum Fault {
    /** HTTP 5xx with no vendor envelope, as a load balancer in front of the vendor would answer. */
    SERVER_ERROR,
    /** Accept the request and never answer in time: the client's read timeout must fire. */
    TIMEOUT,
    /** Close the connection without an answer. */
    DROP,
    /** The vendor's own "internal error, try again" answer (Tencent 10002, OpenIM 500, RongCloud 1000). */
    VENDOR_TRANSIENT,
    /** The vendor's frequency-limit answer, whatever the real rate. */
    THROTTLE,
    /** The vendor's credential-expired answer (Tencent 70001, OpenIM 1501); RongCloud has none. */
    AUTH_EXPIRED
}
