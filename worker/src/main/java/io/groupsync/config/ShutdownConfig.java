package io.groupsync.config;

import java.time.Duration;

/** How a SIGTERM is handled. */
public record ShutdownConfig(
        @Setting(byDefault = "30s", positive = true, doc = "On SIGTERM, time to settle, commit and close. At least "
                + "pipeline.settle-timeout; keep it under the orchestrator's grace period.")
        Duration timeout) {

    /** A shutdown shorter than the settle wait would cut the settle short every time. */
    static void complete(Section s, PipelineConfig pipeline) {
        Duration timeout = s.get("timeout");
        if (s.clean() && pipeline != null && timeout.compareTo(pipeline.settleTimeout()) < 0) {
            s.problem("timeout", "must be at least pipeline.settle-timeout"
                    + s.show("pipeline.settle-timeout", pipeline.settleTimeout(), " (%s)")
                    + s.show("timeout", ", got %s"));
        }
    }
}
