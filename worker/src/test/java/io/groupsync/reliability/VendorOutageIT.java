package io.groupsync.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.groupsync.event.GroupChange;
import io.groupsync.event.SyncResult;
import io.groupsync.event.SyncStatus;
import io.groupsync.record.DeadLetterHeaders;
import io.groupsync.schemas.AvroCodec;
import io.groupsync.testkit.emulator.Call;
import io.groupsync.testkit.emulator.Fault;
import io.groupsync.testkit.emulator.KeyedCalls;
import io.groupsync.testkit.kafka.SharedKafka;
import io.groupsync.testkit.process.WorkerProcess;
import io.groupsync.testkit.process.WorkerYaml;
import io.groupsync.testkit.workload.EditStream;
import io.groupsync.testkit.workload.Verdict;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tencent answers nothing but 5xx and timeouts for a while, then recovers; OpenIM and RongCloud stay healthy. The
 * worker (the packaged jar) retries Tencent's keys with capped exponential backoff within a retry budget of
 * {@code dispatch.max-attempts} sends. An outage shorter than the least the budget can last costs nothing: no dead
 * letter, Tencent converges once it is back. An outage that outlasts the most the budget can last dead-letters every
 * edit Tencent had something to send for, with the original record as it was published; OpenIM and RongCloud hold
 * every edit before Tencent is back; once it is, republishing the dead letters makes Tencent converge too.
 *
 * <p>The short outage lasts {@code -Dgroupsync.it.outage.seconds} (3 by default; the full run is 60), and the
 * backoff scales with it so that the budget always outlasts it.
 */
class VendorOutageIT {

    private static final Duration OUTAGE = Duration.ofSeconds(Long.getLong("groupsync.it.outage.seconds", 3));
    private static final int MAX_ATTEMPTS = 10;
    /** Backoff 250 ms doubling up to 1 s for a 3 s outage, in proportion for longer ones. */
    private static final Duration INITIAL_BACKOFF = OUTAGE.dividedBy(12);
    private static final Duration MAX_BACKOFF = OUTAGE.dividedBy(3);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(1);
    private static final int GROUPS = 20;

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path home;

    @Test
    void anOutageShorterThanTheRetryBudgetCostsNothingALongerOneDeadLettersReplayablyAndOtherRoutesFlowOn()
            throws Exception {
        // The budget from the first send to the last answer: backoff waits at least half their ceiling (the
        // jitter), and at most the whole of it plus a timed-out wait for every send.
        Duration ceilings = Duration.ZERO;
        for (int retry = 1; retry < MAX_ATTEMPTS; retry++) {
            Duration ceiling = INITIAL_BACKOFF.multipliedBy(1L << (retry - 1));
            ceilings = ceilings.plus(ceiling.compareTo(MAX_BACKOFF) < 0 ? ceiling : MAX_BACKOFF);
        }
        Duration leastBudget = ceilings.dividedBy(2);
        Duration mostBudget = ceilings.plus(CALL_TIMEOUT.multipliedBy(MAX_ATTEMPTS));
        assertThat(OUTAGE).as("the short outage is shorter than any budget").isLessThan(leastBudget);

        String input = SharedKafka.uniqueTopic("outage-in");
        String results = SharedKafka.uniqueTopic("outage-results");
        String deadLetters = SharedKafka.uniqueTopic("outage-dlt");
        SharedKafka.createTopic(input, 4);
        SharedKafka.createTopic(results, 2);
        SharedKafka.createTopic(deadLetters, 1);
        EditStream stream = new EditStream(81, GROUPS, "out", EditStream.Mix.EVERYTHING, Instant.now());
        try (ThreeVendors vendors = new ThreeVendors(200, 100, 100).seed(stream)) {
            KeyedCalls tencentCalls = KeyedCalls.tencent(vendors.tencent);
            Path config = vendors.routes(new WorkerYaml(SharedKafka.bootstrapServers())
                            .group(SharedKafka.uniqueTopic("outage-group"), "outage-1")
                            .topics(input, results, deadLetters)
                            .http("call-timeout", CALL_TIMEOUT.toMillis() + "ms")
                            .dispatch("max-attempts", Integer.toString(MAX_ATTEMPTS))
                            .dispatch("initial-backoff", INITIAL_BACKOFF.toMillis() + "ms")
                            .dispatch("max-backoff", MAX_BACKOFF.toMillis() + "ms"))
                    .write(home.resolve("groupsync.yaml"));
            Map<String, Object> figures = new LinkedHashMap<>();
            try (Publisher publisher = new Publisher(SharedKafka.bootstrapServers(), input);
                 Outputs outputs = new Outputs(SharedKafka.bootstrapServers(), results, deadLetters);
                 WorkerProcess worker = WorkerProcess.packaged(config, home.resolve("worker.log"),
                         List.of("-Xmx384m")).start()) {
                Outputs.Liveness alive = () -> assertThat(worker.isAlive())
                        .as("the worker is alive; see " + worker.log()).isTrue();
                int routes = ThreeVendors.ROUTES.size();
                Duration drain = Duration.ofMinutes(2).plus(mostBudget);

                publisher.publish(stream.next(1_000));
                outputs.awaitComplete(publisher.count(), routes, drain, alive);

                // Short: every Tencent call fails until the outage is over, then Tencent converges unaided.
                int faultsBefore = vendors.tencent.faults().injected();
                long shortStart = outage(vendors);
                publisher.publish(stream.next(600));
                holdUntil(shortStart + OUTAGE.toNanos(), alive);
                vendors.tencent.faults().clear();
                figures.put("shortOutage", OUTAGE.toMillis() + "ms");
                figures.put("shortOutageFailedCalls", vendors.tencent.faults().injected() - faultsBefore);
                outputs.awaitComplete(publisher.count(), routes, drain, alive);
                assertThat(statuses(outputs, ThreeVendors.TENCENT)).as("Tencent after the short outage")
                        .doesNotContainKey(SyncStatus.FAILED);
                assertThat(vendors.differences(publisher.fold()).get(ThreeVendors.TENCENT)).as("Tencent converged")
                        .isEmpty();

                // Long: every Tencent key runs out of its budget, while the other routes take every edit.
                long longStart = outage(vendors);
                List<GroupChange> longEdits = stream.next(300);
                publisher.publish(longEdits);
                outputs.awaitComplete(publisher.count(), routes, drain, alive);
                Map<String, List<String>> duringOutage = vendors.differences(publisher.fold());
                long longEnd = System.nanoTime();
                vendors.tencent.faults().clear();
                figures.put("longOutage", Duration.ofNanos(longEnd - longStart).toMillis() + "ms");
                figures.put("retryBudget", leastBudget.toMillis() + "-" + mostBudget.toMillis() + "ms");
                figures.put("maxRetryGap", maxGap(tencentCalls, longStart, longEnd).toMillis() + "ms");
                figures.put("callsDuringLongOutage", callsBetween(vendors, longStart, longEnd));
                assertThat(duringOutage.get(ThreeVendors.OPENIM)).as("OpenIM while Tencent was down").isEmpty();
                assertThat(duringOutage.get(ThreeVendors.RONGCLOUD)).as("RongCloud while Tencent was down").isEmpty();
                assertThat(maxGap(tencentCalls, longStart, longEnd)).as("retries of a key, capped")
                        .isLessThanOrEqualTo(MAX_BACKOFF.plus(CALL_TIMEOUT).plusSeconds(1));

                Map<String, GroupChange> published = longEdits.stream()
                        .collect(Collectors.toMap(GroupChange::getEventId, Function.identity()));
                List<ConsumerRecord<byte[], byte[]>> exhausted = outputs.allDeadLetters().stream()
                        .filter(d -> "RETRIES_EXHAUSTED".equals(header(d, DeadLetterHeaders.REASON))).toList();
                for (ConsumerRecord<byte[], byte[]> letter : exhausted) {
                    assertThat(header(letter, DeadLetterHeaders.ROUTE)).isEqualTo(ThreeVendors.TENCENT);
                    GroupChange original = AvroCodec.groupChange().decode(letter.value());
                    assertThat(original).as("the dead letter holds the record as published")
                            .isEqualTo(published.get(original.getEventId()));
                }
                // Every FAILED Tencent result is the long outage's: the short one left none.
                long failed = statuses(outputs, ThreeVendors.TENCENT).getOrDefault(SyncStatus.FAILED, 0L);
                assertThat(exhausted).as("a dead letter for each edit Tencent had something to send for")
                        .isNotEmpty().hasSize((int) failed);
                for (ConsumerRecord<byte[], byte[]> letter : exhausted) {
                    publisher.replay(letter);
                }
                figures.put("replayed", exhausted.size());
                outputs.awaitComplete(publisher.count(), routes, drain, alive);
                assertThat(worker.stop(Duration.ofSeconds(60))).as("exit code after SIGTERM; see " + worker.log())
                        .isZero();

                Verdict verdict = outputs.verdict("vendor-outage", publisher.published(), ThreeVendors.ROUTES,
                        vendors.differences(publisher.fold()));
                figures.put("vendorCalls", vendors.calls());
                System.out.println(verdict.line(figures));
                assertThat(verdict.problems()).isEmpty();
                assertThat(verdict.deadLettersByReason()).as("OpenIM's refusals of DISABLE_APPLY, and the long outage")
                        .containsEntry("RETRIES_EXHAUSTED", exhausted.size())
                        .containsOnlyKeys("REJECTED", "RETRIES_EXHAUSTED");
            }
        }
    }

    /** Tencent answers every call with a 5xx or not at all, from now on; returns when that began. */
    private static long outage(ThreeVendors vendors) {
        // A call held unanswered outlasts the worker's wait for it, so its own timeout fires.
        vendors.tencent.setTimeoutHold(CALL_TIMEOUT.plusSeconds(1));
        vendors.tencent.faults().share(Fault.SERVER_ERROR, 0.5).share(Fault.TIMEOUT, 0.5);
        return System.nanoTime();
    }

    /** Keeps the outage on until {@code nanos}, a time the suite chooses; the worker must stay up meanwhile. */
    private static void holdUntil(long nanos, Outputs.Liveness alive) throws Exception {
        while (System.nanoTime() < nanos) {
            alive.check();
            Thread.sleep(Math.max(1, Math.min(100, (nanos - System.nanoTime()) / 1_000_000)));
        }
    }

    /** The longest wait between two calls of one Tencent key that both arrived within [from, to]. */
    private static Duration maxGap(KeyedCalls calls, long from, long to) {
        long widest = 0;
        for (List<KeyedCalls.Served> key : calls.byKey().values()) {
            List<KeyedCalls.Served> within = key.stream()
                    .filter(c -> c.arrivalNanos() >= from && c.arrivalNanos() <= to).toList();
            for (int i = 1; i < within.size(); i++) {
                widest = Math.max(widest, within.get(i).arrivalNanos() - within.get(i - 1).arrivalNanos());
            }
        }
        return Duration.ofNanos(widest);
    }

    /** Calls each vendor received within [from, to], and how many of them it throttled. */
    private static Map<String, String> callsBetween(ThreeVendors vendors, long from, long to) {
        Map<String, String> out = new LinkedHashMap<>();
        vendors.emulators().forEach((route, emulator) -> {
            List<Call> within = emulator.calls().all().stream()
                    .filter(c -> c.arrivalNanos() >= from && c.arrivalNanos() <= to).toList();
            out.put(route, within.size() + " (throttled " + within.stream().filter(Call::throttled).count() + ")");
        });
        return out;
    }

    /** Results on {@code route} by status. */
    private static Map<SyncStatus, Long> statuses(Outputs outputs, String route) throws Exception {
        Map<SyncStatus, Long> out = new HashMap<>();
        for (SyncResult result : decoded(outputs)) {
            if (result.getRoute().equals(route)) {
                out.merge(result.getStatus(), 1L, Long::sum);
            }
        }
        return out;
    }

    private static List<SyncResult> decoded(Outputs outputs) throws Exception {
        List<SyncResult> out = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : outputs.allResults()) {
            out.add(AvroCodec.syncResult().decode(record.value()));
        }
        return out;
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
