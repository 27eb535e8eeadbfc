package io.groupsync.config;

import java.time.Duration;
import java.util.Optional;

/** Pacing and memory bounds of intake → coalesce → record, handed whole to the pipeline. */
public record PipelineConfig(
        @Setting(byDefault = "100ms", positive = true, doc = "How often finished outcomes and their offsets are "
                + "committed in one transaction. Shorter redoes less after a crash and costs more transactions.")
        Duration commitInterval,
        @Setting(computed = "15% of the max heap at 1.5 KB a key, at most 100000", min = "1",
                doc = "Cap on (route, group, target) keys waiting or in flight; at the cap the consumer pauses.")
        int maxPendingKeys,
        @Setting(computed = "80% of pipeline.max-pending-keys", min = "0", doc = "Paused partitions resume once "
                + "pending keys fall below this; the gap to the cap stops pause/resume flapping. Must be below "
                + "pipeline.max-pending-keys.")
        int resumePendingKeys,
        @Setting(computed = "45% of the max heap at 1.1 KB a record, at most 250000", min = "1",
                doc = "Cap on consumed records whose outcomes are not yet committed; at the cap the consumer pauses.")
        int maxPendingRecords,
        @Setting(computed = "25% of the max heap", min = "1", doc = "Cap on the bytes pending work holds, as "
                + "the worker counts them: a record its key and headers, its value once decoded and once raw (raw only "
                + "up to 4 KiB), and 560 bytes; a key 1.5 KB. At the cap the consumer pauses, and it resumes below 80% "
                + "of it.")
        long maxPendingBytes,
        @Setting(byDefault = "15s", min = "0s", doc = "On a revoke or shutdown, how long to wait for in-flight vendor "
                + "calls before committing what finished; the next owner redoes the rest.")
        Duration settleTimeout,
        @Setting(byDefault = "4000", min = "256", doc = "Bytes of commit metadata for remembering events finished "
                + "above the committed offset. Must not exceed the broker's offset.metadata.max.bytes (4096 by "
                + "default).")
        int offsetMetadataMaxBytes,
        @Setting(byDefault = "30s", min = "0s", doc = "Once a partition lags by more than "
                + PipelineConfig.CAUGHT_UP_LAG + " records, its keys wait until it has read everything there is, up "
                + "to this long, before their first call, so edits still unread are merged into it rather than sent "
                + "again; meanwhile lagging partitions are read one at a time. 0 never waits, and reads them side by "
                + "side.")
        Duration backlogHold,
        @Setting(byDefault = "1h", min = "0s", max = "1d", doc = "How far ahead of this worker's clock an event's "
                + "occurredAt may be when it is read; an event further ahead, or from before 2000, is dead-lettered as "
                + "INVALID_EVENT rather than trusted (a mute counts from occurredAt). Like Kafka's "
                + "log.message.timestamp.after.max.ms.")
        Duration maxClockSkew) {

    /**
     * Lag, in records, past which a partition is reading a backlog (intake's {@code Backlog}): a couple of polls'
     * worth, so that a steady stream whose last fetch is still being processed is never held. Once reading one it
     * holds its keys until it has read everything there is (lag 0), not merely until it is back under this: the
     * drain benchmark's partitions let their keys go with 500-900 records still unread, and 9 % of the keys were
     * called twice. Here, beside the doc of {@code pipeline.backlog-hold} that states it.
     */
    public static final long CAUGHT_UP_LAG = 1_000;

    public PipelineConfig {
        resumeProblem(maxPendingKeys, resumePendingKeys).ifPresent(p -> {
            throw new IllegalArgumentException("resumePendingKeys " + p);
        });
    }

    /** The defaults, with the caps sized to this JVM's heap. */
    public static PipelineConfig defaults() {
        return ConfigLoader.defaults(PipelineConfig.class, PipelineConfig::complete);
    }

    public PipelineConfig withCommitInterval(Duration value) {
        return new PipelineConfig(value, maxPendingKeys, resumePendingKeys, maxPendingRecords, maxPendingBytes,
                settleTimeout, offsetMetadataMaxBytes, backlogHold, maxClockSkew);
    }

    /** Both marks at once: resume must stay below the cap whatever order they are changed in. */
    public PipelineConfig withPendingKeys(int max, int resume) {
        return new PipelineConfig(commitInterval, max, resume, maxPendingRecords, maxPendingBytes, settleTimeout,
                offsetMetadataMaxBytes, backlogHold, maxClockSkew);
    }

    public PipelineConfig withMaxPendingRecords(int value) {
        return new PipelineConfig(commitInterval, maxPendingKeys, resumePendingKeys, value, maxPendingBytes,
                settleTimeout, offsetMetadataMaxBytes, backlogHold, maxClockSkew);
    }

    public PipelineConfig withMaxPendingBytes(long value) {
        return new PipelineConfig(commitInterval, maxPendingKeys, resumePendingKeys, maxPendingRecords, value,
                settleTimeout, offsetMetadataMaxBytes, backlogHold, maxClockSkew);
    }

    public PipelineConfig withSettleTimeout(Duration value) {
        return new PipelineConfig(commitInterval, maxPendingKeys, resumePendingKeys, maxPendingRecords,
                maxPendingBytes, value, offsetMetadataMaxBytes, backlogHold, maxClockSkew);
    }

    public PipelineConfig withOffsetMetadataMaxBytes(int value) {
        return new PipelineConfig(commitInterval, maxPendingKeys, resumePendingKeys, maxPendingRecords,
                maxPendingBytes, settleTimeout, value, backlogHold, maxClockSkew);
    }

    public PipelineConfig withBacklogHold(Duration value) {
        return new PipelineConfig(commitInterval, maxPendingKeys, resumePendingKeys, maxPendingRecords,
                maxPendingBytes, settleTimeout, offsetMetadataMaxBytes, value, maxClockSkew);
    }

    public PipelineConfig withMaxClockSkew(Duration value) {
        return new PipelineConfig(commitInterval, maxPendingKeys, resumePendingKeys, maxPendingRecords,
                maxPendingBytes, settleTimeout, offsetMetadataMaxBytes, backlogHold, value);
    }

    /**
     * The transactions the pipeline opens must end well within the coordinator's limit, or it aborts them: a commit
     * is due every commit interval, and a revoke's settle keeps the open one waiting.
     *
     * @param s the pipeline section, for the problems
     */
    static void withinTransactionTimeout(Section s, PipelineConfig pipeline, Duration limit) {
        String named = " (kafka.producer transaction.timeout.ms, " + limit.toMillis() + " ms)";
        if (pipeline.commitInterval().multipliedBy(2).compareTo(limit) > 0) {
            s.problem("commit-interval", "must be at most half the transaction timeout" + named
                    + s.show("pipeline.commit-interval", pipeline.commitInterval(), ", got %s")
                    + ": the coordinator aborts a transaction open longer");
        }
        if (pipeline.settleTimeout().compareTo(limit) >= 0) {
            s.problem("settle-timeout", "must be under the transaction timeout" + named
                    + s.show("pipeline.settle-timeout", pipeline.settleTimeout(), ", got %s")
                    + ": the transaction stays open while a revoke settles");
        }
    }

    /** The caps default to what this JVM's heap holds, and the resume mark to 80 % of the cap. */
    static void complete(Section s) {
        PendingCaps caps = PendingCaps.forThisJvm();
        Integer max = s.origin("max-pending-keys") == Section.Origin.NONE ? caps.keys() : s.get("max-pending-keys");
        if (s.origin("max-pending-records") == Section.Origin.NONE) {
            s.set("max-pending-records", caps.records());
        }
        if (s.origin("max-pending-bytes") == Section.Origin.NONE) {
            s.set("max-pending-bytes", caps.bytes());
        }
        if (max == null) {
            return;
        }
        s.set("max-pending-keys", max);
        if (s.origin("resume-pending-keys") == Section.Origin.NONE) {
            s.set("resume-pending-keys", (int) (max * 8L / 10));
        }
        Integer resume = s.get("resume-pending-keys");
        if (resume != null) {
            resumeProblem(max, resume).ifPresent(p -> s.problem("resume-pending-keys", p));
        }
    }

    private static Optional<String> resumeProblem(int max, int resume) {
        return resume < max ? Optional.empty() : Optional.of(
                "must be below pipeline.max-pending-keys (" + max + "), got " + resume);
    }
}
