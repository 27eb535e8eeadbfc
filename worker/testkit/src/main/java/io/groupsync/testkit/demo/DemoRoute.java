package io.groupsync.testkit.demo;

import io.groupsync.event.GroupChange;
import io.groupsync.testkit.emulator.Call;
import io.groupsync.testkit.emulator.CallLog;
import io.groupsync.testkit.emulator.EmulatorClock;
import io.groupsync.testkit.emulator.VendorEmulator;
import io.groupsync.testkit.emulator.openim.OpenImEmulator;
import io.groupsync.testkit.emulator.rongcloud.RongCloudEmulator;
import io.groupsync.testkit.emulator.tencent.TencentEmulator;
import io.groupsync.testkit.process.VendorApis;
import io.groupsync.testkit.process.WorkerYaml;
import io.groupsync.testkit.workload.Convergence;
import io.groupsync.testkit.workload.EditStream;
import io.groupsync.testkit.workload.GroupFold;
import io.groupsync.testkit.workload.VendorView;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * One vendor of the demo: its emulator in this JVM (seeded with the stream's groups and members, limited like the
 * route), its route in the worker's config, and afterwards its figures and convergence verdict. The route is
 * named after the vendor.
 */
final class DemoRoute<E extends VendorEmulator> implements AutoCloseable {

    static final List<String> NAMES = List.of("tencent", "openim", "rongcloud");

    private static final long SDK_APP_ID = 1_400_000_001L;
    private static final String ADMIN = "administrator";
    private static final String RONG_APP_KEY = "demoappkey";

    final String name;
    final E emulator;
    private final VendorView<E> view;
    private final List<String> apis;
    private final int limit;
    private final UnaryOperator<WorkerYaml> config;

    private DemoRoute(String name, VendorApis vendor, E emulator, VendorView<E> view, int limit,
                      UnaryOperator<WorkerYaml> config) {
        this.name = name;
        this.emulator = emulator;
        this.view = view;
        this.apis = vendor.apis();
        this.limit = limit;
        this.config = config;
    }

    /**
     * @param limit calls per second on each API of the route and of its emulator; null for the vendor's default
     */
    static DemoRoute<?> create(String name, Integer limit, String secret) {
        return switch (name) {
            case "tencent" -> {
                int perSecond = limitOf(VendorApis.TENCENT, limit);
                TencentEmulator emulator = new TencentEmulator(SDK_APP_ID, ADMIN, secret, EmulatorClock.system());
                yield new DemoRoute<>(name, VendorApis.TENCENT, emulator, Convergence.TENCENT, perSecond,
                        yaml -> yaml.tencentRoute(name, emulator.baseUri(), SDK_APP_ID, ADMIN, secret, perSecond));
            }
            case "openim" -> {
                int perSecond = limitOf(VendorApis.OPENIM, limit);
                OpenImEmulator emulator = new OpenImEmulator(EmulatorClock.system(), secret);
                yield new DemoRoute<>(name, VendorApis.OPENIM, emulator, Convergence.OPENIM, perSecond,
                        yaml -> yaml.openImRoute(name, emulator.baseUri(), OpenImEmulator.DEFAULT_ADMIN_USER_ID,
                                secret, perSecond));
            }
            case "rongcloud" -> {
                int perSecond = limitOf(VendorApis.RONGCLOUD, limit);
                RongCloudEmulator emulator = new RongCloudEmulator(RONG_APP_KEY, secret, EmulatorClock.system());
                yield new DemoRoute<>(name, VendorApis.RONGCLOUD, emulator, Convergence.RONGCLOUD, perSecond,
                        yaml -> yaml.rongCloudRoute(name, emulator.baseUri(), RONG_APP_KEY, secret, perSecond));
            }
            default -> throw new IllegalArgumentException("no route " + name + "; choose from " + NAMES);
        };
    }

    /** Starts the emulator with the route's limit and the stream's groups and members. */
    void start(EditStream stream) {
        emulator.limiter().setDefaultLimit(limit);
        emulator.start();
        view.seed(stream, emulator);
    }

    WorkerYaml addTo(WorkerYaml yaml) {
        return config.apply(yaml);
    }

    /** Whether the route rejects the event, so that its dead letter is expected. */
    boolean rejects(GroupChange event) {
        return view.rejects(event);
    }

    List<String> differences(GroupFold fold) {
        return view.differences(fold, emulator, System.currentTimeMillis());
    }

    /**
     * What the emulator saw: every call, the busiest second of any metered API against the limit, throttling
     * answers, the same per API, and limitUse, the calls per second of the busiest API between its first and last
     * call over the limit (1.0 = the limit used in full while there was work).
     */
    Map<String, Object> figures() {
        CallLog calls = emulator.calls();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("vendorCalls", calls.count());
        out.put("busiestSecond", apis.stream().mapToInt(calls::busiestSecond).max().orElse(0));
        out.put("limit", limit);
        out.put("throttled", calls.throttled());
        String busiest = apis.stream().max(Comparator.comparingInt(calls::count)).orElseThrow();
        long[] arrivals = calls.of(busiest).stream().mapToLong(Call::arrivalNanos).sorted().toArray();
        double span = arrivals.length < 2 ? 0 : (arrivals[arrivals.length - 1] - arrivals[0]) / 1e9;
        out.put("limitUse", span < 1 ? null : Math.round(1000.0 * arrivals.length / span / limit) / 1000.0);
        Map<String, Object> perApi = new LinkedHashMap<>();
        for (String api : apis) {
            List<Call> of = calls.of(api);
            if (!of.isEmpty()) {
                perApi.put(api, Map.of("calls", of.size(), "busiestSecond", calls.busiestSecond(api),
                        "throttled", of.stream().filter(Call::throttled).count()));
            }
        }
        out.put("apis", perApi);
        return out;
    }

    private static int limitOf(VendorApis vendor, Integer limit) {
        return limit != null ? limit : vendor.defaultLimit();
    }

    @Override
    public void close() {
        emulator.close();
    }
}
