package io.groupsync.config;

import java.time.Duration;

/** @param timeout how long a SIGTERM may take to settle, commit and close; at least the pipeline's settle timeout */
public record ShutdownConfig(Duration timeout) {
}
