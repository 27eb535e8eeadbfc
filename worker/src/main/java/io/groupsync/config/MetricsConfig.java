package io.groupsync.config;

import java.time.Duration;
import java.util.Optional;

/** Where the Prometheus and health endpoints are served, and when the worker stops calling itself live. */
public record MetricsConfig(
        @Setting(byDefault = "9400", min = "-1", max = "65535", doc = "Port of the Prometheus /metrics and /health "
                + "endpoints; 0 picks a free port, -1 turns them off.")
        int port,
        @Setting(computed = "every interface", doc = "Address the endpoints listen on, e.g. 127.0.0.1 or "
                + "${env:POD_IP}, so that only the scraper and the probes can reach them.")
        Optional<String> bindAddress,
        @Setting(byDefault = "5s", positive = true, doc = "How long a connection to the endpoints may take to send "
                + "its request; a slower one is closed, so a half-sent request never holds a probe.")
        Duration requestTimeout,
        @Setting(byDefault = "2m", positive = true, doc = "Not live once the loop has not gone round for this long; "
                + "keep it above pipeline.settle-timeout plus the producer's max.block.ms (60s by default).")
        Duration loopStallTimeout,
        @Setting(byDefault = "5m", positive = true,
                doc = "Not live once every commit has failed for this long, so the orchestrator restarts the pod.")
        Duration commitFailureTimeout) {

    public static final int OFF = -1;

    public boolean enabled() {
        return port != OFF;
    }
}
