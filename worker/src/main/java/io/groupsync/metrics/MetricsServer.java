package io.groupsync.metrics;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * {@code /metrics} in Prometheus text, {@code /health/live} and {@code /health/ready} for an orchestrator's probes;
 * any other path is 404. Jetty rather than the JDK's server: the JDK's reads a request's head with a blocking read
 * on its executor's thread, so a few clients that send half a request hold every thread, and its only timeouts are
 * JVM-wide system properties read once. Jetty parses on its selector and gives a thread only to a whole request, so
 * a slow client costs a connection, closed after the request timeout, and never a probe.
 */
public final class MetricsServer implements AutoCloseable {

    /**
     * Where the server listens.
     *
     * @param bindAddress    the interface's address or host name; null for every interface
     * @param port           0 picks a free one
     * @param requestTimeout how long a connection may stay silent, mid-request or between requests, before it is
     *                       closed
     */
    public record Endpoint(String bindAddress, int port, Duration requestTimeout) {

        public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(5);

        public static Endpoint everyInterface(int port) {
            return new Endpoint(null, port, DEFAULT_REQUEST_TIMEOUT);
        }
    }

    /** Three cheap paths: a couple of threads answer them; the pool's bound keeps a flood from costing more. */
    private static final int MAX_THREADS = 6;
    /** Connections kept at once: past it, new ones wait in the backlog, so a flood cannot use up descriptors. */
    private static final int MAX_CONNECTIONS = 64;
    private static final String TEXT = "text/plain; charset=utf-8";

    private final Server server;
    private final ServerConnector connector;

    public MetricsServer(Endpoint endpoint, PrometheusMeterRegistry registry, BooleanSupplier live,
                         BooleanSupplier ready) {
        QueuedThreadPool threads = new QueuedThreadPool(MAX_THREADS, 2);
        threads.setName("groupsync-metrics");
        threads.setDaemon(true);
        threads.setReservedThreads(0);
        server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        connector.setHost(endpoint.bindAddress());
        connector.setPort(endpoint.port());
        connector.setIdleTimeout(endpoint.requestTimeout().toMillis());
        server.addConnector(connector);
        server.addBean(new NetworkConnectionLimit(MAX_CONNECTIONS, server));
        server.setHandler(new Paths(Map.of(
                "/metrics", () -> new Answer(200, "text/plain; version=0.0.4; charset=utf-8", registry.scrape()),
                "/health/live", () -> health(live),
                "/health/ready", () -> health(ready))));
        try {
            server.start();
        } catch (Exception e) {
            close();
            throw new IllegalStateException("metrics: cannot listen on " + where(endpoint) + ": " + e.getMessage(), e);
        }
    }

    /** On every interface, with the default request timeout. */

    public int port() {
        return connector.getLocalPort();
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("metrics: the server did not stop", e);
        }
    }

    private static String where(Endpoint endpoint) {
        return (endpoint.bindAddress() == null ? "*" : endpoint.bindAddress()) + ":" + endpoint.port();
    }

    private static Answer health(BooleanSupplier ok) {
        return ok.getAsBoolean() ? new Answer(200, TEXT, "ok\n") : new Answer(503, TEXT, "not ready\n");
    }

    private record Answer(int status, String contentType, String body) {
    }

    /** Answers the exact paths it knows, GET and HEAD only. */
    private static final class Paths extends Handler.Abstract {

        private final Map<String, Supplier<Answer>> paths;

        Paths(Map<String, Supplier<Answer>> paths) {
            this.paths = paths;
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            Supplier<Answer> path = paths.get(Request.getPathInContext(request));
            String method = request.getMethod();
            Answer answer = path == null ? new Answer(404, TEXT, "not found\n")
                    : HttpMethod.GET.is(method) || HttpMethod.HEAD.is(method) ? path.get()
                    : new Answer(405, TEXT, "method not allowed\n");
            response.setStatus(answer.status());
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, answer.contentType());
            if (answer.status() == 405) {
                response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
            }
            Content.Sink.write(response, true, answer.body(), callback);
            return true;
        }
    }
}
