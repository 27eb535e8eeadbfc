package io.groupsync.config;

import java.time.Duration;

/** Timeouts of vendor HTTP calls, handed whole to the HTTP client. */
public record HttpConfig(
        @Setting(byDefault = "5s", positive = true, doc = "Deadline for opening a connection to a vendor.")
        Duration connectTimeout,
        @Setting(byDefault = "10s", positive = true,
                doc = "Deadline for one whole vendor call, connect to last byte; a timed-out call is retried.")
        Duration callTimeout) {
}
