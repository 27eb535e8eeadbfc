package io.groupsync.worker;

import io.groupsync.config.VendorKind;
import io.groupsync.testkit.emulator.EmulatorClock;
import io.groupsync.testkit.emulator.openim.OpenImEmulator;
import io.groupsync.testkit.emulator.rongcloud.RongCloudEmulator;
import io.groupsync.testkit.emulator.tencent.TencentEmulator;
import io.groupsync.time.Clock;
import io.groupsync.imapi.http.VendorHttp;
import io.groupsync.imapi.openim.OpenImClient;
import io.groupsync.imapi.rongcloud.RongCloudClient;
import io.groupsync.imapi.tencent.TencentClient;
import java.security.SecureRandom;
import java.time.Duration;
import okhttp3.OkHttpClient;

/**
 * One emulator of each vendor on loopback, and routes of an in-JVM worker pointed at them with each vendor's
 * default limits (which are also the emulators'), sharing one HTTP client as the worker's routes do.
 */
final class VendorStack implements AutoCloseable {

    private static final long APP = 1_400_000_077L;
    private static final String ADMIN = "administrator";
    private static final String TENCENT_SECRET = "tencent-secret-key-0123456789abcdef";
    private static final String OPENIM_SECRET = "openim-s3cret";
    private static final String RONG_KEY = "rongappkey";
    private static final String RONG_SECRET = "rong-app-secret";

    final TencentEmulator tencent = new TencentEmulator(APP, ADMIN, TENCENT_SECRET, EmulatorClock.system()).start();
    final OpenImEmulator openIm = new OpenImEmulator(EmulatorClock.system(), OPENIM_SECRET).start();
    final RongCloudEmulator rongCloud = new RongCloudEmulator(RONG_KEY, RONG_SECRET, EmulatorClock.system()).start();
    private final OkHttpClient http = VendorHttp.client(Duration.ofSeconds(2), Duration.ofSeconds(5), 3 * 64);

    RouteSpec tencentRoute(String name) {
        return new RouteSpec(name, new TencentClient(http, tencent.baseUri(), APP, ADMIN, TENCENT_SECRET,
                Duration.ofHours(1), Clock.system(), new SecureRandom()), VendorKind.TENCENT.defaultLimits());
    }

    RouteSpec openImRoute(String name) {
        return new RouteSpec(name, new OpenImClient(http, openIm.baseUri(), OpenImEmulator.DEFAULT_ADMIN_USER_ID,
                OPENIM_SECRET, Clock.system(), new SecureRandom()), VendorKind.OPENIM.defaultLimits());
    }

    RouteSpec rongCloudRoute(String name) {
        return new RouteSpec(name, new RongCloudClient(http, rongCloud.baseUri(), null, RONG_KEY, RONG_SECRET,
                Clock.system(), new SecureRandom()), VendorKind.RONGCLOUD.defaultLimits());
    }

    @Override
    public void close() {
        VendorHttp.close(http);
        tencent.close();
        openIm.close();
        rongCloud.close();
    }
}
