package io.groupsync.bench;

import io.groupsync.testkit.emulator.tencent.TencentEmulator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Scenario 3, distinct: every event for a group of its own, so nothing can be coalesced and one call per event is
 * all anyone can do. groupsync should then be as fast as Parallel Consumer and as the floor N ÷ R.
 *
 * <p>Both are timed from their first vendor call to their last event done: groupsync's last result visible to a
 * read_committed reader (so its commit interval is in its time), Parallel Consumer's last call answered.
 */
final class Distinct {

    private static final long STEP = 100_000_000L;

    private Distinct() {
    }

    static void run(Bench b, Report r) throws Exception {
        int events = b.scaled(b.distinctEvents);
        Stack.Topics topics = b.stack.topics("distinct", b.partitions);
        Workload.Backlog backlog = Workload.backlog(b.stack.bootstrap(), topics.input(), events, 0, b.seed, false);
        double floor = (double) events / b.limit;
        r.size("events", events).size("limit", b.limit).size("partitions", b.partitions)
                .size("parallel consumer maxConcurrency", b.peerConcurrency);
        r.figure("floor N ÷ R s", floor);
        List<Charts.Line> lines = new ArrayList<>();
        double groupsync;
        try (TencentEmulator tencent = b.stack.tencent(b.limit);
             GroupsyncRun run = new GroupsyncRun(b, "distinct", topics, b.workerHeap, "100ms",
                     y -> y.tencentRoute("tencent", tencent.baseUri(), Stack.SDK_APP_ID, Stack.TENCENT_ADMIN,
                             b.stack.secret, b.limit), null)) {
            run.await(events, Duration.ofSeconds((long) (floor * 4) + 120));
            run.stop();
            CallStats calls = new CallStats(tencent.calls(), TencentEmulator.MODIFY_GROUP_BASE_INFO, b.limit);
            groupsync = (run.watcher.lastSeenNanos() - calls.first()) / 1e9;
            b.callsCsv("distinct-groupsync", tencent.calls(), calls.first());
            r.figure("groupsync s (first call → last result visible)", groupsync);
            r.figure("groupsync s (first call → last call)", calls.spanSeconds());
            r.figure("groupsync calls", calls.count());
            r.figure("groupsync busiest second", calls.busiestSecond());
            r.figure("groupsync throttling answers", calls.throttled);
            r.figure("groupsync limit use", calls.limitUse());
            run.common(r, events);
            lines.add(Charts.Line.of("groupsync", calls.slidingRate(calls.first(), STEP)));
        }
        try (TencentEmulator tencent = b.stack.tencent(b.limit)) {
            Bench.say("parallel consumer: calling once per event");
            Peers.Run pc = Peers.parallelConsumer(b.stack, backlog.topic(), tencent, b.limit, b.peerConcurrency,
                    events, Duration.ofSeconds((long) (floor * 4) + 120));
            CallStats calls = new CallStats(tencent.calls(), TencentEmulator.MODIFY_GROUP_BASE_INFO, b.limit);
            b.callsCsv("distinct-parallel-consumer", tencent.calls(), calls.first());
            if (pc.error() != null) {
                r.figure("parallel consumer error", pc.error());
            }
            double peer = pc.processed() < events ? Double.NaN : calls.spanSeconds();
            r.figure("parallel consumer s (first call → last call)", peer);
            r.figure("parallel consumer events done", pc.processed());
            r.figure("parallel consumer busiest second", calls.busiestSecond());
            r.figure("parallel consumer throttling answers (not retried)", calls.throttled);
            r.figure("parallel consumer limit use", calls.limitUse());
            r.target("groupsync ÷ parallel consumer", groupsync / peer, "<=", 1.05);
            lines.add(Charts.Line.of("parallel consumer", calls.slidingRate(calls.first(), STEP)));
        }
        r.target("groupsync ÷ floor", groupsync / floor, "<=", 1.05);
        lines.add(Charts.level("limit " + b.limit + "/s", b.limit, floor * 1.2));
        r.charts.add(Charts.draw(b.out, "distinct.png", String.format(Locale.ROOT,
                        "distinct: %,d events, each its own group, Tencent at %d/s", events, b.limit),
                "seconds since the first call", "calls in the sliding second", null, lines));
    }
}
