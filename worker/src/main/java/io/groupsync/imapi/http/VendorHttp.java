package io.groupsync.imapi.http;

import io.groupsync.imapi.WireGate;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/** The one HTTP client every vendor client of a worker shares: its threads, connections and timeouts. */
public final class VendorHttp {

    /** What a request carries so that {@link #paced} knows which gate to pass, for which API. */
    private record Paced(WireGate gate, String api) {
    }

    private VendorHttp() {
    }

    /** Marks a request to be held by {@code gate} as a request to {@code api} right before it is written. */
    public static Request.Builder pacedBy(Request.Builder request, WireGate gate, String api) {
        return request.tag(Paced.class, new Paced(gate, api));
    }

    /**
     * @param maxInFlight the most calls in flight at once across all routes; okhttp's own defaults (64, and 5 per
     *                    host) would otherwise cap a route far below its vendor's limit
     */
    public static OkHttpClient client(Duration connectTimeout, Duration callTimeout, int maxInFlight) {
        Dispatcher dispatcher = new Dispatcher();
        dispatcher.setMaxRequests(maxInFlight);
        dispatcher.setMaxRequestsPerHost(maxInFlight);
        return new OkHttpClient.Builder()
                .dispatcher(dispatcher)
                .connectionPool(new ConnectionPool(Math.max(5, maxInFlight), 5, TimeUnit.MINUTES))
                .connectTimeout(connectTimeout)
                .callTimeout(callTimeout)
                // The dispatcher retries with backoff and knows what a repeat means; okhttp's silent re-send of a
                // request whose connection failed would hide that from it.
                .retryOnConnectionFailure(false)
                // A network interceptor runs once per request actually written, after the connection is open:
                // the last moment to hold it. Clients that add their own (signing) come after, so a signature's
                // timestamp is taken after the hold.
                .addNetworkInterceptor(VendorHttp::paced)
                .build();
    }

    private static Response paced(Interceptor.Chain chain) throws IOException {
        Paced paced = chain.request().tag(Paced.class);
        if (paced != null) {
            try {
                paced.gate().pass(paced.api(), false);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while held for the rate limit of " + paced.api());
            }
        }
        return chain.proceed(chain.request());
    }

    /** Releases the client's threads and connections. */
    public static void close(OkHttpClient client) {
        ExecutorService executor = client.dispatcher().executorService();
        executor.shutdown();
        client.connectionPool().evictAll();
    }
}
