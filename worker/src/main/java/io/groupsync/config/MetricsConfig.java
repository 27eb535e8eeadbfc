package io.groupsync.config;

/** @param port port of /metrics and /health: 0 picks a free port, -1 turns the endpoints off */
public record MetricsConfig(int port) {

    public static final int OFF = -1;

    public boolean enabled() {
        return port != OFF;
    }
}
