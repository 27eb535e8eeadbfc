package io.groupsync.config;

import java.time.Duration;

/**
 * Timeouts of vendor HTTP calls.
 *
 * @param connectTimeout deadline for opening a connection
 * @param callTimeout    deadline for a whole call, connect to last byte
 */
public record HttpConfig(Duration connectTimeout, Duration callTimeout) {
}
