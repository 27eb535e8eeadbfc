package io.groupsync.bench;

import io.groupsync.testkit.emulator.Fault;
import io.groupsync.testkit.emulator.tencent.TencentEmulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Scenario footprint: what the worker retains per pending record and per pending key, measured rather than counted.
 * Two runs with the vendor down, so that everything read stays pending: N records over N keys, then N records over
 * K keys. In each, the live heap after a full GC (asked for with jcmd, read from the GC log) before the backlog is
 * read and once all of it is pending; the two differences solve {@code Δ = N × record + keys × key}. Beside it, the
 * worker's own count ({@code groupsync_pending_bytes}), which its byte cap is checked against.
 */
final class Footprint {

    private static final Duration WAIT = Duration.ofMinutes(3);

    private Footprint() {
    }

    static void run(Bench b, Report r) throws Exception {
        int events = b.scaled(b.footprintEvents);
        int fewKeys = Math.max(1, events / 50);
        r.size("records", events).size("keys, second run", fewKeys).size("heap", b.footprintHeap);
        double[] distinct = measure(b, r, events, 0, "footprint-distinct");
        double[] shared = measure(b, r, events, fewKeys, "footprint-shared");
        double perKey = (distinct[0] - shared[0]) / (events - fewKeys);
        double perRecord = (shared[0] - fewKeys * perKey) / events;
        r.figure("retained bytes per pending record, measured", Math.round(perRecord));
        r.figure("retained bytes per pending key, measured", Math.round(perKey));
        r.figure("counted bytes per pending record (groupsync_pending_bytes / records)",
                Math.round(shared[1] / events));
        r.figure("measured ÷ counted, N records over N keys", Bench.round(distinct[0] / distinct[1]));
        r.figure("measured ÷ counted, N records over K keys", Bench.round(shared[0] / shared[1]));
    }

    /** @return the live heap the pending records added, in bytes, and what the worker counted for them */
    private static double[] measure(Bench b, Report r, int events, int groups, String name) throws Exception {
        Stack.Topics topics = b.stack.topics(name, b.partitions);
        try (TencentEmulator tencent = b.stack.tencent(b.memoryLimit);
             GroupsyncRun run = new GroupsyncRun(b, name, topics, b.footprintHeap, "100ms", y -> y
                     .pipeline("max-pending-records", Integer.toString(4 * events))
                     .pipeline("max-pending-keys", Integer.toString(4 * events))
                     .dispatch("max-attempts", "1000").dispatch("initial-backoff", "20s")
                     .dispatch("max-backoff", "60s")
                     .tencentRoute("tencent", tencent.baseUri(), Stack.SDK_APP_ID, Stack.TENCENT_ADMIN,
                             b.stack.secret, b.memoryLimit), null)) {
            tencent.faults().share(Fault.SERVER_ERROR, 1.0);
            if (!run.worker.awaitAssigned(WAIT)) {
                throw new IllegalStateException(name + ": the worker was not assigned its partitions");
            }
            double before = liveAfterFullGc(run.worker);
            Workload.backlog(b.stack.bootstrap(), topics.input(), events, groups, b.seed, false);
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (run.worker.consumed() < events && System.nanoTime() < deadline && run.worker.isAlive()) {
                TimeUnit.MILLISECONDS.sleep(200);
            }
            if (run.worker.consumed() < events) {
                throw new IllegalStateException(name + ": consumed " + run.worker.consumed() + " of " + events);
            }
            double after = liveAfterFullGc(run.worker);
            double counted = run.worker.metric("groupsync_pending_bytes");
            double pendingRecords = run.worker.metric("groupsync_pending_records");
            String at = groups == 0 ? " (N keys)" : " (K keys)";
            r.figure("live heap MiB before" + at, Bench.round(before / (1 << 20)));
            r.figure("live heap MiB with the records pending" + at, Bench.round(after / (1 << 20)));
            r.figure("pending records" + at, pendingRecords);
            r.figure("counted pending MiB" + at, Bench.round(counted / (1 << 20)));
            return new double[] {after - before, counted};
        }
    }

    /** Asks for a full GC and reads the heap it left from the GC log. */
    private static double liveAfterFullGc(WorkerRun worker) throws Exception {
        int gcs = worker.gcs().size();
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process p = new ProcessBuilder(Files.exists(jcmd) ? jcmd.toString() : "jcmd",
                Long.toString(worker.pid()), "GC.run").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("jcmd GC.run failed for " + worker.name);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        List<WorkerRun.Gc> log = worker.gcs();
        while (log.size() <= gcs && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(100);
            log = worker.gcs();
        }
        return log.get(log.size() - 1).afterMiB() * (1 << 20);
    }
}
