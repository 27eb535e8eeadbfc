package io.groupsync.bench;

import io.groupsync.testkit.emulator.tencent.TencentEmulator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Scenario 6, memory: the worker with a small heap against a backlog far larger than its pending-work caps, so it
 * must pause intake at the caps and resume as calls finish. Heap from its GC log (used before each pause is the
 * peak of that cycle; after it, the live set), RSS from the OS, pauses from its metrics.
 */
final class Memory {

    private Memory() {
    }

    static void run(Bench b, Report r) throws Exception {
        int events = b.scaled(b.memoryEvents);
        int groups = b.scaled(b.memoryGroups);
        Stack.Topics topics = b.stack.topics("memory", b.partitions);
        Bench.say("publishing " + events + " edits over " + groups + " groups");
        Workload.Backlog backlog = Workload.backlog(b.stack.bootstrap(), topics.input(), events, groups, b.seed, false);
        r.size("events", events).size("groups", groups).size("heap", b.memoryHeap).size("limit", b.memoryLimit)
                .size("at most s", b.memorySeconds).size("publish s", Bench.round(backlog.produceSeconds()));
        List<String> runs = new ArrayList<>();
        runs.add("defaults");
        b.memoryCaps.stream().filter(c -> !c.equals("none")).forEach(runs::add);
        for (String caps : runs) {
            Stack.Topics outputs = b.stack.outputsFor(backlog.topic(), caps.equals("defaults") ? "defaults" : "caps");
            run(b, r, outputs, caps, events, groups);
        }
    }

    /** One worker over the backlog, with the default caps or {@code records/keys}. */
    private static void run(Bench b, Report r, Stack.Topics topics, String caps, int events, int groups)
            throws Exception {
        String name = caps.equals("defaults") ? "memory" : "memory-caps";
        String at = caps.equals("defaults") ? " (default caps)" : " (caps " + caps + ")";
        try (TencentEmulator tencent = b.stack.tencent(b.memoryLimit);
             GroupsyncRun run = new GroupsyncRun(b, name, topics, b.memoryHeap, "100ms", y -> {
                 if (!caps.equals("defaults")) {
                     String[] parts = caps.split("/");
                     y.pipeline("max-pending-records", parts[0]).pipeline("max-pending-keys", parts[1]);
                 }
                 return y.tencentRoute("tencent", tencent.baseUri(), Stack.SDK_APP_ID, Stack.TENCENT_ADMIN,
                         b.stack.secret, b.memoryLimit);
             }, null)) {
            boolean drained = run.await(events, Duration.ofSeconds(b.memorySeconds));
            boolean diedEarly = !run.worker.isAlive();
            int exit = run.stop();
            List<WorkerRun.Gc> gcs = run.worker.gcs();
            List<WorkerRun.Sample> samples = run.worker.samples();
            r.figure("drained" + at, drained);
            r.figure("worker died on its own" + at, diedEarly);
            r.figure("worker exit code" + at, exit);
            r.target("OutOfMemoryErrors" + at, run.worker.logMentions("OutOfMemoryError") ? 1 : 0, "<=", 0);
            r.figure("peak heap used MiB, before a GC" + at, gcs.stream().mapToDouble(WorkerRun.Gc::beforeMiB).max()
                    .orElse(Double.NaN));
            r.figure("peak live heap MiB, after a GC" + at, gcs.stream().mapToDouble(WorkerRun.Gc::afterMiB).max()
                    .orElse(Double.NaN));
            r.figure("GC pauses" + at, gcs.size());
            r.figure("peak RSS MiB" + at, run.worker.peakRssMiB());
            r.figure("intake pauses" + at, pauses(samples));
            r.figure("intake paused s" + at, pausedSeconds(samples));
            r.figure("records consumed" + at, samples.stream().mapToLong(WorkerRun.Sample::consumed).max().orElse(0));
            r.figure("results committed" + at, run.watcher.results());
            r.figure("vendor calls" + at, tencent.calls().count());
            r.target("duplicate results" + at, run.watcher.duplicates(), "<=", 0);
            r.figure("worker CPU s" + at, run.worker.cpuSeconds());
            r.charts.add(chart(b, name, at, run, gcs, samples, parseMiB(b.memoryHeap), events, groups));
        }
    }

    /** Times intake went from running to paused. */
    private static int pauses(List<WorkerRun.Sample> samples) {
        int count = 0;
        boolean was = false;
        for (WorkerRun.Sample s : samples) {
            if (s.paused() && !was) {
                count++;
            }
            was = s.paused();
        }
        return count;
    }

    private static double pausedSeconds(List<WorkerRun.Sample> samples) {
        double total = 0;
        for (int i = 1; i < samples.size(); i++) {
            if (samples.get(i - 1).paused()) {
                total += samples.get(i).seconds() - samples.get(i - 1).seconds();
            }
        }
        return total;
    }

    private static double parseMiB(String heap) {
        String h = heap.toLowerCase(Locale.ROOT);
        double n = Double.parseDouble(h.replaceAll("[^0-9.]", ""));
        return h.endsWith("g") ? n * 1024 : h.endsWith("k") ? n / 1024 : n;
    }

    private static String chart(Bench b, String name, String at, GroupsyncRun run, List<WorkerRun.Gc> gcs,
                                List<WorkerRun.Sample> samples, double heapLimit, int events, int groups) {
        double[][] before = {gcs.stream().mapToDouble(WorkerRun.Gc::seconds).toArray(),
                gcs.stream().mapToDouble(WorkerRun.Gc::beforeMiB).toArray()};
        double[][] after = {before[0], gcs.stream().mapToDouble(WorkerRun.Gc::afterMiB).toArray()};
        double[][] rss = {samples.stream().mapToDouble(WorkerRun.Sample::seconds).toArray(),
                samples.stream().mapToDouble(WorkerRun.Sample::rssMiB).toArray()};
        double[][] consumed = {rss[0], samples.stream().mapToDouble(s -> Math.max(0, s.consumed()) / 1000.0).toArray()};
        double[][] paused = {rss[0], samples.stream().mapToDouble(s -> s.paused() ? heapLimit : 0).toArray()};
        double[][] results = Drain.over(run.watcher.series(), run.worker.startNanos, 1 / 1000.0);
        double end = rss[0].length == 0 ? 1 : rss[0][rss[0].length - 1];
        return Charts.draw(b.out, name + ".png", String.format(Locale.ROOT,
                        "memory: %,d edits over %,d groups, worker -Xmx%s%s", events, groups, b.memoryHeap, at),
                "seconds since the worker started", "MiB", "thousands of events", List.of(
                        Charts.Line.of("heap used before a GC", before).asPoints(),
                        Charts.Line.of("heap live after a GC", after).asPoints(),
                        Charts.Line.of("RSS", rss),
                        Charts.level("-Xmx", heapLimit, end),
                        Charts.Line.of("intake paused (at -Xmx level)", paused).withDash(),
                        Charts.Line.of("records consumed", consumed).onRight(),
                        Charts.Line.of("results committed", results).onRight()));
    }
}
