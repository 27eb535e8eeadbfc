package io.groupsync.reliability;

import io.groupsync.testkit.emulator.EmulatorClock;
import io.groupsync.testkit.emulator.Fault;
import io.groupsync.testkit.emulator.VendorEmulator;
import io.groupsync.testkit.emulator.openim.OpenImEmulator;
import io.groupsync.testkit.emulator.rongcloud.RongCloudEmulator;
import io.groupsync.testkit.emulator.tencent.TencentEmulator;
import io.groupsync.testkit.process.WorkerYaml;
import io.groupsync.testkit.workload.Convergence;
import io.groupsync.testkit.workload.EditStream;
import io.groupsync.testkit.workload.GroupFold;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An emulator of each vendor and the worker's three routes to them, one per vendor and named after it, each limited
 * like its emulator: the stack every reliability suite runs the worker against.
 */
final class ThreeVendors implements AutoCloseable {

    static final String TENCENT = "tencent";
    static final String OPENIM = "openim";
    static final String RONGCLOUD = "rongcloud";
    static final Set<String> ROUTES = Set.of(TENCENT, OPENIM, RONGCLOUD);

    private static final long SDK_APP_ID = 1_400_000_606L;
    private static final String ADMIN = "administrator";
    private static final String TENCENT_SECRET = "reliability-tencent-secret-0123456789abcdef";
    private static final String OPENIM_SECRET = "reliability-openim-secret";
    private static final String RONG_APP_KEY = "reliabilitykey";
    private static final String RONG_SECRET = "reliability-rong-secret";

    final TencentEmulator tencent = new TencentEmulator(SDK_APP_ID, ADMIN, TENCENT_SECRET, EmulatorClock.system());
    final OpenImEmulator openIm = new OpenImEmulator(EmulatorClock.system(), OPENIM_SECRET);
    final RongCloudEmulator rongCloud = new RongCloudEmulator(RONG_APP_KEY, RONG_SECRET, EmulatorClock.system());
    private final Map<String, Integer> limits;

    /** Each route's calls per second on every API, the same at its emulator. */
    ThreeVendors(int tencentLimit, int openImLimit, int rongCloudLimit) {
        limits = Map.of(TENCENT, tencentLimit, OPENIM, openImLimit, RONGCLOUD, rongCloudLimit);
        emulators().forEach((route, emulator) -> {
            emulator.limiter().setDefaultLimit(limits.get(route));
            emulator.start();
        });
    }

    /** By route name. */
    Map<String, VendorEmulator> emulators() {
        Map<String, VendorEmulator> all = new LinkedHashMap<>();
        all.put(TENCENT, tencent);
        all.put(OPENIM, openIm);
        all.put(RONGCLOUD, rongCloud);
        return all;
    }

    int limit(String route) {
        return limits.get(route);
    }

    /** Every group and member the stream edits exists at every vendor before the first edit, as in production. */
    ThreeVendors seed(EditStream stream) {
        Convergence.TENCENT.seed(stream, tencent);
        Convergence.OPENIM.seed(stream, openIm);
        Convergence.RONGCLOUD.seed(stream, rongCloud);
        return this;
    }

    /**
     * Spoils {@code share} of every vendor's calls, split evenly over {@code kinds}; each vendor draws from its own
     * seeded sequence. A {@link Fault#TIMEOUT} call is held for {@code hold}, longer than the worker waits.
     */
    void faults(double share, Duration hold, long seed, Fault... kinds) {
        emulators().values().forEach(emulator -> {
            emulator.setTimeoutHold(hold);
            emulator.faults().clear();
            emulator.faults().seed(seed + emulator.baseUri().getPort());
            for (Fault kind : kinds) {
                emulator.faults().share(kind, share / kinds.length);
            }
        });
    }

    WorkerYaml routes(WorkerYaml yaml) {
        return yaml.tencentRoute(TENCENT, tencent.baseUri(), SDK_APP_ID, ADMIN, TENCENT_SECRET, limits.get(TENCENT))
                .openImRoute(OPENIM, openIm.baseUri(), OpenImEmulator.DEFAULT_ADMIN_USER_ID, OPENIM_SECRET,
                        limits.get(OPENIM))
                .rongCloudRoute(RONGCLOUD, rongCloud.baseUri(), RONG_APP_KEY, RONG_SECRET, limits.get(RONGCLOUD));
    }

    /** Per route, how its vendor's state differs from the fold as that vendor receives the events; empty: none. */
    Map<String, List<String>> differences(GroupFold fold) {
        long now = System.currentTimeMillis();
        Map<String, List<String>> out = new LinkedHashMap<>();
        out.put(TENCENT, Convergence.TENCENT.differences(fold, tencent, now));
        out.put(OPENIM, Convergence.OPENIM.differences(fold, openIm, now));
        out.put(RONGCLOUD, Convergence.RONGCLOUD.differences(fold, rongCloud, now));
        return out;
    }

    /** Calls each vendor spoiled on purpose, by route. */
    Map<String, Integer> faultsInjected() {
        Map<String, Integer> out = new LinkedHashMap<>();
        emulators().forEach((route, emulator) -> out.put(route, emulator.faults().injected()));
        return out;
    }

    /** Calls each vendor received, by route. */
    Map<String, Integer> calls() {
        Map<String, Integer> out = new LinkedHashMap<>();
        emulators().forEach((route, emulator) -> out.put(route, emulator.calls().count()));
        return out;
    }

    @Override
    public void close() {
        emulators().values().forEach(VendorEmulator::close);
    }
}
