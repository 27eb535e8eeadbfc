package io.groupsync.imapi.tencent;

import io.groupsync.imapi.CallResult;
import io.groupsync.imapi.VendorCall;
import io.groupsync.imapi.http.VendorHttp;
import io.groupsync.testkit.emulator.tencent.TencentEmulator;
import io.groupsync.time.ManualClock;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * A Tencent emulator and a {@link TencentClient} pointed at it, sharing one {@link ManualClock}, over the worker's
 * OkHttp client with short timeouts whose network interceptor records every URL that went on the wire (so a test can see
 * the UserSig and random the emulator got). {@link #close()} stops the threads the kit started.
 */
final class TencentTestKit implements AutoCloseable {

    static final long APP = 1400000001L;
    static final String ADMIN = "administrator";
    static final String KEY = "5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e";
    static final Duration TTL = Duration.ofDays(1);
    /** Long enough for a loaded 2-core machine, short enough that a TIMEOUT fault costs well under a second. */
    static final Duration READ_TIMEOUT = Duration.ofMillis(400);

    final ManualClock clock = new ManualClock();
    final TencentEmulator emulator = new TencentEmulator(APP, ADMIN, KEY, clock).start();
    final List<HttpUrl> wire = new CopyOnWriteArrayList<>();
    /** The worker's own client (its pacing interceptor included), with timeouts for tests. */
    final OkHttpClient http = VendorHttp.client(Duration.ofSeconds(2), Duration.ofSeconds(5), 16).newBuilder()
            .readTimeout(READ_TIMEOUT)
            .writeTimeout(Duration.ofSeconds(2))
            .addNetworkInterceptor(chain -> {
                wire.add(chain.request().url());
                return chain.proceed(chain.request());
            })
            .build();
    final TencentClient client = new TencentClient(http, emulator.baseUri(), APP, ADMIN, KEY, TTL, clock,
            new Random(7));

    /** Sends and waits: a future that is not done within 5 s fails the test rather than hanging it. */
    CallResult send(VendorCall call) throws Exception {
        return client.send(call).get(5, TimeUnit.SECONDS);
    }

    List<String> userSigsOnTheWire() {
        return wire.stream().map(url -> url.queryParameter("usersig")).toList();
    }

    @Override
    public void close() {
        client.close();
        shutdown(http);
        emulator.close();
    }

    static void shutdown(OkHttpClient http) {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
