package io.groupsync.imapi.rongcloud;

import io.groupsync.testkit.emulator.rongcloud.RongCloudEmulator;
import io.groupsync.time.ManualClock;
import io.groupsync.imapi.CallResult;
import io.groupsync.imapi.VendorCall;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;

/**
 * A RongCloud emulator (primary domain plus its {@code api-b} backup) and a {@link RongCloudClient} pointed at them,
 * sharing one {@link ManualClock}, over an OkHttp client with short timeouts. {@link #close()} stops every thread
 * the kit started.
 */
final class RongCloudTestKit implements AutoCloseable {

    static final String APP_KEY = "uwd1c0sxdlx2";
    static final String APP_SECRET = "kit-app-secret-0123456789";
    /** Long enough for a loaded 2-core machine, short enough that a TIMEOUT fault costs well under a second. */
    static final Duration READ_TIMEOUT = Duration.ofMillis(500);

    final ManualClock clock = new ManualClock();
    final RongCloudEmulator emulator = new RongCloudEmulator(APP_KEY, APP_SECRET, clock).start();
    final RongCloudEmulator backup = emulator.backupDomain().start();
    final OkHttpClient http = new OkHttpClient.Builder()
            .connectTimeout(Duration.ofSeconds(2))
            .readTimeout(READ_TIMEOUT)
            .writeTimeout(Duration.ofSeconds(2))
            .build();
    /** Every nonce drawn, in order: one per request put on the wire. */
    final List<String> nonces = new CopyOnWriteArrayList<>();
    final RongCloudClient client;

    /** A client with the backup domain configured. */
    RongCloudTestKit() {
        this(true);
    }

    RongCloudTestKit(boolean withBackup) {
        client = client(emulator.baseUri(), withBackup ? backup.baseUri() : null);
    }

    /** Another client on the kit's HTTP client, clock and nonce record, for other domains. */
    RongCloudClient client(URI primary, URI backupDomain) {
        Random random = new Random(7) {
            @Override
            public long nextLong(long bound) {
                long nonce = super.nextLong(bound);
                nonces.add(Long.toString(nonce));
                return nonce;
            }
        };
        return new RongCloudClient(http, primary, backupDomain, APP_KEY, APP_SECRET, clock, random);
    }

    /** Sends and waits: a future that is not done within 5 s fails the test rather than hanging it. */
    CallResult send(VendorCall call) throws Exception {
        return send(client, call);
    }

    static CallResult send(RongCloudClient client, VendorCall call) throws Exception {
        return client.send(call).get(5, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        client.close();
        shutdown(http);
        emulator.close();
        backup.close();
    }

    static void shutdown(OkHttpClient http) {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
