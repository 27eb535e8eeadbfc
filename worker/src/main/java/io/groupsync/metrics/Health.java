package io.groupsync.metrics;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The probes' answers, from what the pipeline reports. Live while the pipeline thread runs, its loop goes round and
 * commits have not been failing for too long: a worker stuck in any of these will not mend by itself, and a restart
 * is what an orchestrator can offer. Ready when live, owning partitions and not waiting for the schema registry
 * (a registry away is no reason to restart, but the worker is not doing its work). A change of liveness is logged once,
 * with its reason, since a probe's answer alone does not say why.
 */
public final class Health {

    /**
     * How long the worker may be stuck before it is not live.
     *
     * @param loopStall      with no round of the loop: longer than a revocation's settle plus a commit
     *                       (pipeline.settle-timeout plus the producer's max.block.ms); a broker away for longer keeps
     *                       the loop waiting for a new producer, and counts too
     * @param commitFailures with every commit failing since the last that went through
     */
    public record Limits(Duration loopStall, Duration commitFailures) {
        public static final Limits DEFAULT = new Limits(Duration.ofMinutes(2), Duration.ofMinutes(5));
    }

    private static final Logger log = LoggerFactory.getLogger(Health.class);

    private final WorkerMetrics metrics;
    private final Limits limits;
    private final BooleanSupplier running;
    private String lastProblem;

    /** @param running whether the pipeline thread still runs */
    Health(WorkerMetrics metrics, Limits limits, BooleanSupplier running) {
        this.metrics = metrics;
        this.limits = limits;
        this.running = running;
    }

    public boolean live() {
        return problem() == null;
    }

    public boolean ready() {
        return live() && metrics.assignedPartitions() > 0 && metrics.registryAvailable();
    }

    /** Why the worker is not live, or null when it is. */
    private synchronized String problem() {
        String problem = null;
        Duration sinceRound = metrics.sinceLastRound();
        Duration failing = metrics.commitsFailingFor();
        if (!running.getAsBoolean()) {
            problem = "the pipeline thread has ended";
        } else if (sinceRound.compareTo(limits.loopStall()) > 0) {
            problem = "no round of the loop for " + sinceRound.toSeconds() + "s (limit " + limits.loopStall() + ")";
        } else if (failing.compareTo(limits.commitFailures()) > 0) {
            problem = "every commit has failed for " + failing.toSeconds() + "s (limit " + limits.commitFailures()
                    + ")";
        }
        if (problem != null && lastProblem == null) {
            log.warn("not live: {}", problem);
        } else if (problem == null && lastProblem != null) {
            log.info("live again");
        }
        lastProblem = problem;
        return problem;
    }
}
