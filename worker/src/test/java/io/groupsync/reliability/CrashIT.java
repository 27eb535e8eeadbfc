package io.groupsync.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.groupsync.testkit.emulator.Fault;
import io.groupsync.testkit.emulator.VendorEmulator;
import io.groupsync.testkit.kafka.KafkaClients;
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
import java.util.Random;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worker (the packaged jar) on three routes with one vendor call in ten spoiled (5xx, the vendor's own transient
 * error, a timeout, a throttling answer), killed with -9 five times mid-stream and started again each time: twice
 * while a transaction holding results is open, twice while calls wait for their retry, once after a random number
 * of calls. The stream is published a sixth at a time, one part per life. Ends with the verdict.
 *
 * <p>Size: {@code -Dgroupsync.it.crash.edits} and {@code -Dgroupsync.it.crash.groups}; the full size is
 * 100,000 edits over 1,000 groups.
 */
class CrashIT {

    private static final int EDITS = Integer.getInteger("groupsync.it.crash.edits", 20_000);
    private static final int GROUPS = Integer.getInteger("groupsync.it.crash.groups", 200);
    private static final long SEED = Long.getLong("groupsync.it.crash.seed", 5);
    /** Calls forced to fail right before a kill during retries: their keys are backing off when it lands. */
    private static final int FORCED_FAULTS = 20;

    /** When a kill lands. */
    enum Moment {
        /** After a random number of vendor calls. */
        AFTER_CALLS,
        /** While a transaction with results in it is open: the results topic's end is past its last stable offset. */
        MID_TRANSACTION,
        /** Right after a burst of failed calls on every route, while their keys back off. */
        DURING_RETRIES
    }

    private static final List<Moment> KILLS = List.of(Moment.AFTER_CALLS, Moment.MID_TRANSACTION,
            Moment.DURING_RETRIES, Moment.MID_TRANSACTION, Moment.DURING_RETRIES);

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path home;

    private final Random random = new Random(SEED);

    @Test
    void killedFiveTimesMidCommitAndMidRetryItNeitherLosesNorDoublesAnOutcomeAndEveryVendorConverges()
            throws Exception {
        String input = SharedKafka.uniqueTopic("crash-in");
        String results = SharedKafka.uniqueTopic("crash-results");
        String deadLetters = SharedKafka.uniqueTopic("crash-dlt");
        SharedKafka.createTopic(input, 6);
        SharedKafka.createTopic(results, 3);
        SharedKafka.createTopic(deadLetters, 1);
        EditStream stream = new EditStream(SEED, GROUPS, "crash", EditStream.Mix.EVERYTHING, Instant.now());
        try (ThreeVendors vendors = new ThreeVendors(200, 100, 100).seed(stream)) {
            // A timed-out call is held longer than the worker waits for it, so the worker's own timeout fires.
            vendors.faults(0.10, Duration.ofSeconds(2), SEED, Fault.SERVER_ERROR, Fault.VENDOR_TRANSIENT,
                    Fault.TIMEOUT, Fault.THROTTLE);
            // A short commit interval keeps a transaction open most of the time, so kills land in one; retries
            // wait long enough for a kill to land while they do.
            Path config = vendors.routes(new WorkerYaml(SharedKafka.bootstrapServers())
                            .group(SharedKafka.uniqueTopic("crash-group"), "crash-1")
                            .topics(input, results, deadLetters)
                            .commitInterval("50ms")
                            .http("call-timeout", "1s")
                            .dispatch("initial-backoff", "500ms")
                            .dispatch("max-backoff", "2s"))
                    .write(home.resolve("groupsync.yaml"));
            int parts = KILLS.size() + 1;
            int part = EDITS / parts;
            List<Moment> landed = new ArrayList<>();
            try (Publisher publisher = new Publisher(SharedKafka.bootstrapServers(), input);
                 Outputs outputs = new Outputs(SharedKafka.bootstrapServers(), results, deadLetters);
                 OpenTransactions open = new OpenTransactions(results);
                 WorkerProcess worker = WorkerProcess.packaged(config, home.resolve("worker.log"),
                         List.of("-Xmx512m"))) {
                Outputs.Liveness alive = () -> assertThat(worker.isAlive())
                        .as("the worker is alive; see " + worker.log()).isTrue();
                for (Moment moment : KILLS) {
                    worker.start();
                    publisher.publish(stream.next(part));
                    awaitCalls(vendors.tencent, 100 + random.nextInt(500), alive);
                    switch (moment) {
                        case AFTER_CALLS -> awaitCalls(vendors.tencent, random.nextInt(500), alive);
                        case MID_TRANSACTION -> open.await(alive);
                        case DURING_RETRIES -> forceFaults(vendors, alive);
                    }
                    worker.kill();
                    landed.add(moment);
                }
                worker.start();
                publisher.publish(stream.next(EDITS - KILLS.size() * part));
                outputs.awaitComplete(publisher.count(), ThreeVendors.ROUTES.size(),
                        Duration.ofSeconds(180 + EDITS / 100), alive);
                assertThat(worker.stop(Duration.ofSeconds(60))).as("exit code after SIGTERM; see " + worker.log())
                        .isZero();

                Verdict verdict = outputs.verdict("crash", publisher.published(), ThreeVendors.ROUTES,
                        vendors.differences(publisher.fold()));
                Map<String, Object> figures = new LinkedHashMap<>();
                figures.put("groups", GROUPS);
                figures.put("kills", landed);
                figures.put("abortedResults", KafkaClients.readToEnd(uncommitted(), results).size()
                        - outputs.allResults().size());
                figures.put("vendorCalls", vendors.calls());
                figures.put("faultsInjected", vendors.faultsInjected());
                System.out.println(verdict.line(figures));
                assertThat(verdict.problems()).isEmpty();
                assertThat(verdict.deadLettersByReason()).as("only OpenIM's refusals of DISABLE_APPLY")
                        .containsOnlyKeys("REJECTED");
            }
        }
    }

    /** Waits for {@code more} calls at Tencent beyond those it has had. */
    private static void awaitCalls(VendorEmulator tencent, int more, Outputs.Liveness alive) throws Exception {
        int target = tencent.calls().count() + more;
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (!tencent.calls().awaitCount(target, Duration.ofMillis(200))) {
            alive.check();
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("Tencent had " + tencent.calls().count() + " of " + target + " calls");
            }
        }
    }

    /** Makes every vendor fail its next calls and waits until each has answered them so. */
    private static void forceFaults(ThreeVendors vendors, Outputs.Liveness alive) throws Exception {
        Map<VendorEmulator, Integer> targets = new LinkedHashMap<>();
        for (VendorEmulator emulator : vendors.emulators().values()) {
            targets.put(emulator, emulator.calls().count() + FORCED_FAULTS);
            emulator.faults().forceNext(Fault.SERVER_ERROR, FORCED_FAULTS);
        }
        for (Map.Entry<VendorEmulator, Integer> target : targets.entrySet()) {
            awaitCalls(target.getKey(), target.getValue() - target.getKey().calls().count(), alive);
        }
    }

    private static Map<String, Object> uncommitted() {
        Map<String, Object> props = SharedKafka.consumerProps(KafkaClients.uniqueName("uncommitted"));
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
        return props;
    }

    /**
     * Tells whether the worker has a transaction open with results in it: a partition of the result topic whose end
     * (what read_uncommitted sees) is past its last stable offset (what read_committed sees).
     */
    private static final class OpenTransactions implements AutoCloseable {

        private final KafkaConsumer<byte[], byte[]> committed;
        private final KafkaConsumer<byte[], byte[]> uncommitted;
        private final List<TopicPartition> partitions;

        OpenTransactions(String results) {
            committed = new KafkaConsumer<>(SharedKafka.consumerProps(KafkaClients.uniqueName("lso")));
            uncommitted = new KafkaConsumer<>(uncommitted());
            partitions = committed.partitionsFor(results).stream()
                    .map(p -> new TopicPartition(results, p.partition())).toList();
        }

        /** Returns as soon as a transaction with results in it is open. */
        void await(Outputs.Liveness alive) throws Exception {
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (true) {
                Map<TopicPartition, Long> stable = committed.endOffsets(partitions);
                Map<TopicPartition, Long> end = uncommitted.endOffsets(partitions);
                if (partitions.stream().anyMatch(p -> end.get(p) > stable.get(p))) {
                    return;
                }
                alive.check();
                if (System.nanoTime() > deadline) {
                    throw new TimeoutException("no transaction with results open in 2 minutes");
                }
            }
        }

        @Override
        public void close() {
            committed.close();
            uncommitted.close();
        }
    }
}
