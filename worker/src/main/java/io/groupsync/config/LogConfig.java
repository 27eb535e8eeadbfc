package io.groupsync.config;

import java.time.Duration;

/**
 * The worker's logging. The level and the format are also read when the JVM starts, from the same environment
 * variables ({@code GROUPSYNC_LOG_LEVEL}, {@code GROUPSYNC_LOG_FORMAT}), so the lines before the file is read
 * already follow them.
 */
public record LogConfig(
        @Setting(byDefault = "INFO", pattern = "TRACE|DEBUG|INFO|WARN|ERROR", rule = "must be one of TRACE, DEBUG, "
                + "INFO, WARN, ERROR", doc = "Level of the worker's log; Kafka's, Jetty's and okhttp's own loggers stay "
                + "at WARN unless this is higher.")
        String level,
        @Setting(byDefault = "text", pattern = "text|json", rule = "must be text or json", doc = "text: one "
                + "key=value line per event; json: one JSON object per line, with route, group, event_id, "
                + "dispatch_id and failure in its mdc where a line concerns a vendor call.")
        String format,
        @Setting(byDefault = "60s", positive = true, doc = "Failed vendor calls are logged once per route and kind "
                + "of failure this often, with their count, so an outage is visible without flooding the log.")
        Duration vendorFailureInterval) {
}
