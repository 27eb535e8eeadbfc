package io.groupsync.imapi.openim;

import static java.util.concurrent.TimeUnit.SECONDS;

import io.groupsync.imapi.CallResult;
import io.groupsync.imapi.VendorCall;
import io.groupsync.imapi.http.VendorHttp;
import io.groupsync.model.Patch;
import io.groupsync.model.PlanContext;
import io.groupsync.model.Target;
import io.groupsync.testkit.emulator.openim.OpenImEmulator;
import io.groupsync.time.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import okhttp3.OkHttpClient;

/** An OpenIM emulator on a manual clock, a test OkHttpClient, and clients pointed at the emulator. */
final class OpenImFixture implements AutoCloseable {

    static final String SECRET = "openIM123-s3cret";

    final ManualClock clock = new ManualClock();
    final OpenImEmulator openIm = new OpenImEmulator(clock, SECRET).start();
    final OkHttpClient http;
    private final List<OpenImClient> clients = new ArrayList<>();

    OpenImFixture() {
        // The worker's own client (its pacing interceptor included), with room for every concurrent call of a test.
        this.http = VendorHttp.client(Duration.ofSeconds(2), Duration.ofSeconds(10), 64).newBuilder()
                .readTimeout(Duration.ofSeconds(5)).build();
    }

    OpenImClient client() {
        return client(http, SECRET);
    }

    OpenImClient client(OkHttpClient with, String secret) {
        OpenImClient client = new OpenImClient(with, openIm.baseUri(), OpenImEmulator.DEFAULT_ADMIN_USER_ID,
                secret, clock, new SplittableRandom(clients.size()));
        clients.add(client);
        return client;
    }

    /** Plans {@code patch} now and sends its calls in order as the dispatcher would, up to the first failure. */
    static List<CallResult> apply(OpenImClient client, String groupId, Target target, Patch patch,
                                  long nowMillis) throws Exception {
        List<CallResult> results = new ArrayList<>();
        for (VendorCall call : client.plan(groupId, target, patch, PlanContext.NONE, nowMillis)) {
            CallResult result = client.send(call).get(5, SECONDS);
            results.add(result);
            if (!result.isOk()) {
                break;
            }
        }
        return results;
    }

    List<CallResult> apply(OpenImClient client, String groupId, Target target, Patch patch) throws Exception {
        return apply(client, groupId, target, patch, clock.currentTimeMillis());
    }

    @Override
    public void close() {
        clients.forEach(OpenImClient::close);
        openIm.close();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
