package io.groupsync.vendor;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;

/** The one HTTP client every vendor client of a worker shares: its threads, connections and timeouts. */
public final class VendorHttp {

    private VendorHttp() {
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
                .build();
    }

    /** Releases the client's threads and connections. */
    public static void close(OkHttpClient client) {
        ExecutorService executor = client.dispatcher().executorService();
        executor.shutdown();
        client.connectionPool().evictAll();
    }
}
