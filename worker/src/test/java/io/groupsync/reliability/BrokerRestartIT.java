package io.groupsync.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.groupsync.testkit.kafka.KafkaBroker;
import io.groupsync.testkit.kafka.KafkaClients;
import io.groupsync.testkit.process.WorkerProcess;
import io.groupsync.testkit.process.WorkerYaml;
import io.groupsync.testkit.workload.EditStream;
import io.groupsync.testkit.workload.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worker (the packaged jar) against a broker of its own that is killed mid-run and comes back on the same log dir
 * at the same address: once briefly; once for longer than the worker's transaction timeout, so the coordinator finds
 * the worker's open transaction expired when it is back and may abort it before the worker's commit gets there; once
 * for longer than the producer's max.block.ms as well, so the commit times out while the broker is away. The worker
 * is never restarted: it must ride all three out by itself and end with the verdict. Which way each outage ended
 * the transaction shows in transactionsEnded (fenced: the coordinator aborted it; timedOut: the commit gave up;
 * abortedAfterTimeout: a call of the transaction gave up waiting for the broker and the worker aborted it).
 */
class BrokerRestartIT {

    private static final int EDITS = Integer.getInteger("groupsync.it.broker.edits", 6_000);
    private static final int GROUPS = Integer.getInteger("groupsync.it.broker.groups", 150);
    /** Small, so that an outage outlasts it without making the suite long. */
    private static final Duration TRANSACTION_TIMEOUT = Duration.ofSeconds(4);
    /** How long a transactional call of the producer waits for the broker; 60 s by default. */
    private static final Duration MAX_BLOCK = Duration.ofSeconds(12);

    /** One stop of the broker: how long it is kept away beyond what a stop and a start take anyway. */
    private record Outage(String name, Duration hold) {
    }

    private static final List<Outage> OUTAGES = List.of(
            new Outage("brief", Duration.ZERO),
            new Outage("pastTransactionTimeout", TRANSACTION_TIMEOUT),
            new Outage("pastMaxBlock", MAX_BLOCK));

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path home;

    @Test
    void aBrokerAwayMidRunForLongerThanTheTransactionTimeoutAndMaxBlockLosesAndDoublesNothing() throws Exception {
        EditStream stream = new EditStream(61, GROUPS, "brk", EditStream.Mix.EVERYTHING, Instant.now());
        // The coordinator looks for expired transactions every 10 s by default, first that long after it starts; 5 s
        // lets it abort an expired one before the worker's retried commit now and then. Not under 2.5 s: a killed
        // single broker comes back fenced until its old session ends, and an abort then skips the markers of its
        // leaderless partitions (worker/docs/design.md, section 6; at 200 ms a CI run doubled 26 results).
        // Low limits keep the worker mid-stream, with calls in flight and outcomes uncommitted, when the broker goes.
        try (KafkaBroker broker = KafkaBroker.start(home.resolve("broker"),
                Map.of("transaction.abort.timed.out.transaction.cleanup.interval.ms", "5000"));
             ThreeVendors vendors = new ThreeVendors(60, 40, 40).seed(stream)) {
            String bootstrap = broker.bootstrapServers();
            KafkaClients.createTopic(bootstrap, "changes", 4);
            KafkaClients.createTopic(bootstrap, "results", 2);
            KafkaClients.createTopic(bootstrap, "dead-letters", 1);
            Path config = vendors.routes(new WorkerYaml(bootstrap)
                            .group("broker-restart", "broker-restart-1")
                            .topics("changes", "results", "dead-letters")
                            .producer("transaction.timeout.ms", Long.toString(TRANSACTION_TIMEOUT.toMillis()))
                            // A revoke's settle keeps the transaction open: it must end within the timeout.
                            .pipeline("settle-timeout", "3s")
                            .producer("max.block.ms", Long.toString(MAX_BLOCK.toMillis())))
                    .write(home.resolve("groupsync.yaml"));
            Map<String, Object> figures = new LinkedHashMap<>();
            try (Publisher publisher = new Publisher(bootstrap, "changes");
                 Outputs outputs = new Outputs(bootstrap, "results", "dead-letters");
                 WorkerProcess worker = WorkerProcess.packaged(config, home.resolve("worker.log"),
                         List.of("-Xmx384m")).start()) {
                Outputs.Liveness alive = () -> assertThat(worker.isAlive())
                        .as("the worker runs on by itself; see " + worker.log()).isTrue();
                int routes = ThreeVendors.ROUTES.size();
                int part = EDITS / (OUTAGES.size() + 1);
                for (Outage outage : OUTAGES) {
                    publisher.publish(stream.next(part));
                    // Everything before this part, and a third of it: the worker is mid-stream.
                    outputs.awaitOutcomes(routes * (publisher.count() - part + part / 3), alive);
                    long down = System.nanoTime();
                    // Killed, not stopped: a single broker in controlled shutdown sets every leader to -1 while it
                    // still accepts an EndTxn, and Kafka 4.3.1 then writes CompleteCommit without the commit markers
                    // of those partitions ("likely deleted"), which splits the transaction: one run here doubled 66
                    // results that way, the broker's own logs read back showing it. With replicas the leader moves;
                    // a killed broker finishes a PrepareCommit it reloads. The worker cannot repair a split
                    // transaction, so the suite tests what it can: the broker going away.
                    broker.kill();
                    holdDown(outage.hold(), alive);
                    broker.restart();
                    figures.put(outage.name() + "Down", Duration.ofNanos(System.nanoTime() - down).toMillis() + "ms");
                }
                publisher.publish(stream.next(EDITS - OUTAGES.size() * part));
                outputs.awaitComplete(publisher.count(), routes, Duration.ofMinutes(4), alive);
                assertThat(worker.stop(Duration.ofSeconds(60))).as("exit code after SIGTERM; see " + worker.log())
                        .isZero();

                Verdict verdict = outputs.verdict("broker-restart", publisher.published(), ThreeVendors.ROUTES,
                        vendors.differences(publisher.fold()));
                Map<String, Long> restarts = transactionsEnded(worker.log());
                figures.put("transactionTimeout", TRANSACTION_TIMEOUT.toMillis() + "ms");
                figures.put("maxBlock", MAX_BLOCK.toMillis() + "ms");
                figures.put("transactionsEnded", restarts);
                figures.put("vendorCalls", vendors.calls());
                System.out.println(verdict.line(figures));
                assertThat(verdict.problems()).isEmpty();
                assertThat(verdict.deadLettersByReason()).as("only OpenIM's refusals of DISABLE_APPLY")
                        .containsOnlyKeys("REJECTED");
                assertThat(restarts.values().stream().mapToLong(Long::longValue).sum())
                        .as("transactions the long outages ended, each aborted or its producer replaced, and redone")
                        .isPositive();
            }
        }
    }

    /**
     * The transactions an outage ended, by how, as the worker's log tells them: its producer replaced (fenced, or the
     * commit timed out), or aborted because a call of the transaction timed out while the broker was away (a killed
     * broker leaves the client waiting for metadata). Aborts for a stale group generation, which a brief outage
     * causes too, do not count.
     */
    private static Map<String, Long> transactionsEnded(Path log) throws IOException {
        Map<String, Long> restarts = new TreeMap<>();
        List<String> lines = Files.readAllLines(log);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.contains("starting a new producer")) {
                restarts.merge(line.contains("fenced") ? "fenced" : line.contains("max.block.ms") ? "timedOut"
                        : "other", 1L, Long::sum);
            } else if (line.contains("commit failed, aborting") && timedOut(lines, i + 1)) {
                restarts.merge("abortedAfterTimeout", 1L, Long::sum);
            }
        }
        return restarts;
    }

    /** Whether the exception logged from this line on (up to the next log line) was caused by a timeout. */
    private static boolean timedOut(List<String> lines, int from) {
        for (int i = from; i < lines.size() && !lines.get(i).matches("^\\d{4}-\\d{2}-\\d{2}T.*"); i++) {
            if (lines.get(i).contains("TimeoutException")) {
                return true;
            }
        }
        return false;
    }

    /** Keeps the broker away for {@code hold}, a duration the suite chooses; the worker must stay up meanwhile. */
    private static void holdDown(Duration hold, Outputs.Liveness alive) throws Exception {
        long until = System.nanoTime() + hold.toNanos();
        while (System.nanoTime() < until) {
            alive.check();
            Thread.sleep(Math.max(1, Math.min(200, (until - System.nanoTime()) / 1_000_000)));
        }
    }
}
