package io.groupsync.bench;

import io.groupsync.testkit.emulator.tencent.TencentEmulator;
import io.groupsync.testkit.workload.Convergence;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Scenario 1, drain: a backlog published before the worker starts, one Tencent route; how close the drain comes to
 * its floor (one call per distinct key at the limit) and how well it uses the limit without exceeding it.
 * Scenario 2, peer-drain: the same backlog through what a user would build instead, one call per event.
 */
final class Drain {

    /** What peer-drain compares the peers with. */
    record Outcome(Workload.Backlog backlog, double drainSeconds, double[][] resultsOverTime) {
    }

    private static final long STEP = 100_000_000L;

    private Drain() {
    }

    static void run(Bench b, Report r) throws Exception {
        int events = b.scaled(b.drainEvents);
        Stack.Topics topics = b.stack.topics("drain", b.partitions);
        Bench.say("publishing " + events + " edits over " + b.drainGroups + " groups");
        Workload.Backlog backlog = Workload.backlog(b.stack.bootstrap(), topics.input(), events, b.drainGroups, b.seed,
                true);
        r.size("events", events).size("groups", b.drainGroups).size("partitions", b.partitions)
                .size("limit", b.limit).size("publish s", Bench.round(backlog.produceSeconds()));
        double floor = (double) backlog.distinctKeys() / b.limit;
        try (TencentEmulator tencent = b.stack.tencent(b.limit);
             GroupsyncRun run = new GroupsyncRun(b, "drain", topics, b.workerHeap, "100ms",
                     y -> y.tencentRoute("tencent", tencent.baseUri(), Stack.SDK_APP_ID, Stack.TENCENT_ADMIN,
                             b.stack.secret, b.limit), null)) {
            boolean complete = run.await(events, Duration.ofSeconds((long) (floor * 4) + 120));
            run.stop();
            CallStats calls = new CallStats(tencent.calls(), TencentEmulator.MODIFY_GROUP_BASE_INFO, b.limit);
            double drain = run.drainSeconds();
            double intake = run.intakeSeconds(events);
            r.figure("complete", complete);
            r.figure("distinct keys", backlog.distinctKeys());
            r.figure("drain s", drain);
            r.figure("floor s", floor);
            r.target("drain ÷ floor", drain / floor, "<=", 1.10);
            r.figure("vendor calls", calls.count());
            r.target("calls ÷ distinct keys", (double) calls.count() / backlog.distinctKeys(), "<=", 1.05);
            r.target("throttling answers", tencent.calls().throttled(), "<=", 0);
            r.target("busiest second", calls.busiestSecond(), "<=", b.limit);
            r.target("limit use", calls.limitUse(), ">=", 0.95);
            r.figure("intake s (all records consumed)", intake);
            r.figure("intake events/s", events / intake);
            r.figure("vendor differs from the fold", Convergence.tencent(backlog.fold(), tencent).size());
            run.common(r, events);
            long origin = run.firstConsumedNanos();
            b.callsCsv("drain", tencent.calls(), origin);
            double[][] results = over(run.watcher.series(), origin, 100.0 / events);
            r.charts.add(chart(b, "drain.png", String.format(Locale.ROOT,
                    "drain: %,d edits over %,d groups, one Tencent route at %d/s", events, b.drainGroups, b.limit),
                    calls, origin, run, events, results));
            b.drain = new Outcome(backlog, drain, over(run.watcher.series(), origin, 1));
        }
    }

    /** Scenario 2: Parallel Consumer (KEY ordering) and a plain consumer, each for a fixed time, rates extrapolated. */
    static void peers(Bench b, Report r) throws Exception {
        if (b.drain == null) {
            r.note("drain was not run before: run here for the comparison (its own figures are not reported)");
            run(b, new Report("drain"));
        }
        Outcome drain = b.drain;
        Workload.Backlog backlog = drain.backlog();
        Duration runFor = Duration.ofSeconds(b.peerSeconds);
        r.size("events", backlog.events()).size("limit", b.limit).size("peer seconds", b.peerSeconds)
                .size("parallel consumer maxConcurrency", b.peerConcurrency);
        r.figure("groupsync drain s", drain.drainSeconds());
        List<Charts.Line> lines = new ArrayList<>();
        lines.add(Charts.Line.of("groupsync: results committed", drain.resultsOverTime()));
        for (String peer : List.of("parallel consumer", "plain consumer")) {
            try (TencentEmulator tencent = b.stack.tencent(b.limit)) {
                Bench.say(peer + ": calling once per event for up to " + b.peerSeconds + " s");
                long start = System.nanoTime();
                Peers.Run run = peer.equals("plain consumer")
                        ? Peers.plainConsumer(b.stack, backlog.topic(), tencent, b.limit, backlog.events(), runFor)
                        : Peers.parallelConsumer(b.stack, backlog.topic(), tencent, b.limit, b.peerConcurrency,
                                backlog.events(), runFor);
                CallStats calls = new CallStats(tencent.calls(), TencentEmulator.MODIFY_GROUP_BASE_INFO, b.limit);
                b.callsCsv("peer-drain-" + peer.replace(' ', '-'), tencent.calls(), start);
                if (run.error() != null) {
                    r.figure(peer + " error", run.error());
                }
                double rate = calls.spanSeconds() == 0 ? Double.NaN : (calls.count() - 1) / calls.spanSeconds();
                double extrapolated = backlog.events() / rate;
                r.figure(peer + " events done", run.processed());
                r.figure(peer + " events/s", rate);
                r.figure(peer + " non-OK answers (not retried)", run.failed());
                r.figure(peer + " busiest second", calls.busiestSecond());
                r.figure(peer + " extrapolated drain s", extrapolated);
                r.target("speed-up over " + peer, extrapolated / drain.drainSeconds(), ">=", 50);
                lines.add(Charts.Line.of(peer + ": events called", calls.cumulative(start, STEP)));
            }
        }
        r.charts.add(Charts.draw(b.out, "peer-drain.png", String.format(Locale.ROOT,
                        "peer-drain: %,d edits, Tencent at %d/s: events done", backlog.events(), b.limit),
                "seconds since start", "events", null, lines));
    }

    /** (driver nanoTime, count) samples as (seconds since origin, count × factor). */
    static double[][] over(List<long[]> series, long origin, double factor) {
        double[] x = new double[series.size()];
        double[] y = new double[series.size()];
        for (int i = 0; i < series.size(); i++) {
            x[i] = (series.get(i)[0] - origin) / 1e9;
            y[i] = series.get(i)[1] * factor;
        }
        return new double[][] {x, y};
    }

    private static String chart(Bench b, String file, String title, CallStats calls, long origin, GroupsyncRun run,
                                int events, double[][] results) {
        double[][] rate = calls.slidingRate(origin, STEP);
        List<WorkerRun.Sample> samples = run.worker.samples();
        double offset = (origin - run.worker.startNanos) / 1e9;
        double[][] consumed = new double[2][samples.size()];
        for (int i = 0; i < samples.size(); i++) {
            consumed[0][i] = samples.get(i).seconds() - offset;
            consumed[1][i] = Math.max(0, samples.get(i).consumed()) * 100.0 / events;
        }
        double end = rate[0][rate[0].length - 1];
        return Charts.draw(b.out, file, title, "seconds since the worker's first record", "vendor calls per second",
                "% of the backlog", List.of(
                        Charts.Line.of("calls in the sliding second", rate),
                        Charts.level("limit " + calls.limit + "/s", calls.limit, end),
                        Charts.Line.of("records consumed %", consumed).onRight().withDash(),
                        Charts.Line.of("results committed %", results).onRight().withDash()));
    }
}
