package io.groupsync.bench;

import io.groupsync.config.VendorKind;
import io.groupsync.testkit.emulator.Call;
import io.groupsync.testkit.emulator.VendorEmulator;
import io.groupsync.testkit.emulator.openim.OpenImEmulator;
import io.groupsync.testkit.emulator.rongcloud.RongCloudEmulator;
import io.groupsync.testkit.emulator.tencent.TencentEmulator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Scenario 7, fanout: one stream to three routes, one per vendor, each with its own limits. Every API a route calls
 * must stay under its limit; the busiest API of each route should use its limit while its backlog lasts.
 */
final class Fanout {

    private static final long STEP = 100_000_000L;

    private Fanout() {
    }

    static void run(Bench b, Report r) throws Exception {
        int events = b.scaled(b.fanoutEvents);
        Stack.Topics topics = b.stack.topics("fanout", b.partitions);
        Workload.backlog(b.stack.bootstrap(), topics.input(), events, b.fanoutGroups, b.seed, false);
        int openImLimit = VendorKind.OPENIM.defaultLimits().values().iterator().next();
        int rongLimit = VendorKind.RONGCLOUD.defaultLimits().values().iterator().next();
        r.size("events", events).size("groups", b.fanoutGroups).size("partitions", b.partitions)
                .size("limits", Map.of("tencent", b.limit, "openim", openImLimit, "rongcloud", rongLimit));
        try (TencentEmulator tencent = b.stack.tencent(b.limit);
             OpenImEmulator openIm = b.stack.openIm(openImLimit, Workload.groupIds(b.fanoutGroups));
             RongCloudEmulator rong = b.stack.rongCloud(rongLimit);
             GroupsyncRun run = new GroupsyncRun(b, "fanout", topics, b.workerHeap, "100ms", y -> y
                     .tencentRoute("tencent", tencent.baseUri(), Stack.SDK_APP_ID, Stack.TENCENT_ADMIN,
                             b.stack.secret, b.limit)
                     .openImRoute("openim", openIm.baseUri(), Stack.OPENIM_ADMIN, b.stack.secret, openImLimit)
                     .rongCloudRoute("rongcloud", rong.baseUri(), Stack.RONG_APP_KEY, b.stack.secret, rongLimit),
                     null)) {
            long expected = 3L * events;
            run.await(expected, Duration.ofSeconds(600));
            run.stop();
            long origin = run.firstConsumedNanos();
            List<Charts.Line> lines = new ArrayList<>();
            Map<String, VendorEmulator> routes = new LinkedHashMap<>();
            routes.put("tencent", tencent);
            routes.put("openim", openIm);
            routes.put("rongcloud", rong);
            Map<String, VendorKind> kinds = Map.of("tencent", VendorKind.TENCENT, "openim", VendorKind.OPENIM,
                    "rongcloud", VendorKind.RONGCLOUD);
            Map<String, Integer> results = run.watcher.byRoute();
            for (var route : routes.entrySet()) {
                String name = route.getKey();
                b.callsCsv("fanout-" + name, route.getValue().calls(), origin);
                int limit = name.equals("tencent") ? b.limit : name.equals("openim") ? openImLimit : rongLimit;
                List<CallStats> apis = route.getValue().calls().all().stream().map(Call::api).distinct()
                        .map(api -> new CallStats(route.getValue().calls(), api, limit))
                        .sorted(Comparator.comparingInt(CallStats::count).reversed()).toList();
                r.figure(name + " results", results.getOrDefault(name, 0));
                r.target(name + " throttling answers", route.getValue().calls().throttled(), "<=", 0);
                for (CallStats api : apis) {
                    boolean limited = kinds.get(name).defaultLimits().containsKey(api.api);
                    String label = name + " " + api.api;
                    r.figure(label + " calls", api.count());
                    if (limited) {
                        r.target(label + " busiest second", api.busiestSecond(), "<=", limit);
                    } else {
                        r.figure(label + " busiest second (not rate-limited)", api.busiestSecond());
                    }
                }
                CallStats busiest = apis.isEmpty() ? null : apis.stream()
                        .filter(a -> kinds.get(name).defaultLimits().containsKey(a.api)).findFirst().orElse(null);
                if (busiest != null) {
                    r.figure(name + " drain s (first call → last)", busiest.spanSeconds());
                    r.target(name + " " + busiest.api + " limit use", busiest.limitUse(), ">=", 0.95);
                    lines.add(Charts.Line.of(name + " " + busiest.api, busiest.slidingRate(origin, STEP)));
                    double end = (busiest.last() - origin) / 1e9;
                    lines.add(Charts.level(name + " limit " + limit + "/s", limit, end));
                }
            }
            run.common(r, expected);
            r.charts.add(Charts.draw(b.out, "fanout.png", String.format(Locale.ROOT,
                            "fanout: %,d edits over %,d groups to three routes", events, b.fanoutGroups),
                    "seconds since the worker's first record", "calls in the sliding second", null, lines));
        }
    }
}
