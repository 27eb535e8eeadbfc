package io.groupsync.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.groupsync.testkit.emulator.Fault;
import io.groupsync.testkit.emulator.KeyedCalls;
import io.groupsync.testkit.kafka.SharedKafka;
import io.groupsync.testkit.process.WorkerProcess;
import io.groupsync.testkit.process.WorkerYaml;
import io.groupsync.testkit.workload.EditStream;
import io.groupsync.testkit.workload.Verdict;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three workers (the packaged jar) in one consumer group while the stream runs: they join one by one, so partitions
 * are revoked from the busy ones mid-dispatch (cooperative rebalancing); one leaves on SIGTERM; one is killed with -9
 * and comes back under its instance id; one more leaves, and the last drains the rest. Ends with the verdict, and
 * with the vendors' own record of every call: no key ever had two calls in progress at once, as it would if two
 * instances called for it at the same time (one instance keeps at most one call in flight per key).
 */
class RebalanceIT {

    private static final int EDITS = Integer.getInteger("groupsync.it.rebalance.edits", 12_000);
    private static final int GROUPS = Integer.getInteger("groupsync.it.rebalance.groups", 200);

    /** One change of the group's membership, then a part of the stream published while it settles. */
    private record Step(String name, Action action) {
    }

    private interface Action {
        void on(Map<String, WorkerProcess> workers) throws Exception;
    }

    private static final List<Step> STEPS = List.of(
            new Step("w1 starts", w -> w.get("w1").start()),
            new Step("w2 joins", w -> w.get("w2").start()),
            new Step("w3 joins", w -> w.get("w3").start()),
            new Step("w1 leaves", w -> assertThat(w.get("w1").stop(Duration.ofSeconds(60))).isZero()),
            new Step("w2 killed and back", w -> {
                w.get("w2").kill();
                w.get("w2").start();
            }),
            new Step("w3 leaves", w -> assertThat(w.get("w3").stop(Duration.ofSeconds(60))).isZero()));

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path home;

    @Test
    void instancesJoiningLeavingAndKilledMidDispatchNeverCallForOneKeyAtOnceAndLoseOrDoubleNothing()
            throws Exception {
        String input = SharedKafka.uniqueTopic("rebalance-in");
        String results = SharedKafka.uniqueTopic("rebalance-results");
        String deadLetters = SharedKafka.uniqueTopic("rebalance-dlt");
        String group = SharedKafka.uniqueTopic("rebalance-group");
        SharedKafka.createTopic(input, 6);
        SharedKafka.createTopic(results, 3);
        SharedKafka.createTopic(deadLetters, 1);
        EditStream stream = new EditStream(71, GROUPS, "reb", EditStream.Mix.EVERYTHING, Instant.now());
        // Low limits keep a backlog, and so calls in flight, on every instance when partitions move; a few failed
        // calls keep some keys waiting for a retry when they do.
        try (ThreeVendors vendors = new ThreeVendors(100, 50, 50).seed(stream)) {
            vendors.faults(0.05, Duration.ofSeconds(1), 71, Fault.SERVER_ERROR, Fault.VENDOR_TRANSIENT);
            Map<String, KeyedCalls> calls = new LinkedHashMap<>();
            calls.put(ThreeVendors.TENCENT, KeyedCalls.tencent(vendors.tencent));
            calls.put(ThreeVendors.OPENIM, KeyedCalls.openIm(vendors.openIm));
            calls.put(ThreeVendors.RONGCLOUD, KeyedCalls.rongCloud(vendors.rongCloud));
            Map<String, WorkerProcess> workers = new LinkedHashMap<>();
            try (Publisher publisher = new Publisher(SharedKafka.bootstrapServers(), input);
                 Outputs outputs = new Outputs(SharedKafka.bootstrapServers(), results, deadLetters);
                 AutoCloseable stopAll = () -> workers.values().forEach(WorkerProcess::close)) {
                for (String name : List.of("w1", "w2", "w3")) {
                    Path config = vendors.routes(new WorkerYaml(SharedKafka.bootstrapServers())
                                    .group(group, "rebalance-" + name)
                                    .topics(input, results, deadLetters))
                            .write(home.resolve(name).resolve("groupsync.yaml"));
                    workers.put(name, WorkerProcess.packaged(config, home.resolve(name).resolve("worker.log"),
                            List.of("-Xmx384m")));
                }
                List<String> running = new ArrayList<>();
                Outputs.Liveness alive = () -> running.forEach(name -> assertThat(workers.get(name).isAlive())
                        .as(name + " is alive; see " + workers.get(name).log()).isTrue());
                int routes = ThreeVendors.ROUTES.size();
                int part = EDITS / STEPS.size();
                for (Step step : STEPS) {
                    step.action().on(workers);
                    workers.forEach((name, worker) -> {
                        running.remove(name);
                        if (worker.isAlive()) {
                            running.add(name);
                        }
                    });
                    publisher.publish(stream.next(part));
                    // Everything before this part, and a third of it: the next change comes mid-stream.
                    outputs.awaitOutcomes(routes * (publisher.count() - part + part / 3), alive);
                }
                publisher.publish(stream.next(EDITS - STEPS.size() * part));
                outputs.awaitComplete(publisher.count(), routes, Duration.ofMinutes(4), alive);
                for (String name : running) {
                    assertThat(workers.get(name).stop(Duration.ofSeconds(60))).as(name + "'s exit code").isZero();
                }

                Verdict verdict = outputs.verdict("rebalance", publisher.published(), ThreeVendors.ROUTES,
                        vendors.differences(publisher.fold()));
                Map<String, List<KeyedCalls.Overlap>> overlaps = new LinkedHashMap<>();
                Map<String, Object> figures = new LinkedHashMap<>();
                Map<String, Integer> keysMoved = new LinkedHashMap<>();
                calls.forEach((route, keyed) -> {
                    overlaps.put(route, keyed.overlaps());
                    keysMoved.put(route, keyed.keysFromSeveralSenders());
                });
                figures.put("steps", STEPS.stream().map(Step::name).toList());
                figures.put("overlappingCalls", overlaps.values().stream().mapToInt(List::size).sum());
                figures.put("keysCalledBySeveralInstances", keysMoved);
                figures.put("vendorCalls", vendors.calls());
                System.out.println(verdict.line(figures));
                assertThat(verdict.problems()).isEmpty();
                assertThat(verdict.deadLettersByReason()).as("only OpenIM's refusals of DISABLE_APPLY")
                        .containsOnlyKeys("REJECTED");
                assertThat(overlaps).as("calls of one key in progress at once").allSatisfy((route, list) ->
                        assertThat(list).as(route).isEmpty());
                assertThat(keysMoved.get(ThreeVendors.TENCENT)).as("keys that changed hands, so the check bites")
                        .isPositive();
            }
        }
    }
}
