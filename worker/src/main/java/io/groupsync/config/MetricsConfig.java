package io.groupsync.config;

/** Where the Prometheus endpoints are served. */
public record MetricsConfig(
        @Setting(byDefault = "9400", min = "-1", max = "65535", doc = "Port of the Prometheus /metrics and /health "
                + "endpoints; 0 picks a free port, -1 turns them off.")
        int port) {

    public static final int OFF = -1;

    public boolean enabled() {
        return port != OFF;
    }
}
