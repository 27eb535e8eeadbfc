package io.groupsync.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;

/**
 * {@code /metrics} in Prometheus text, {@code /health/live} and {@code /health/ready} for an orchestrator's probes.
 * The JDK's HTTP server is enough for three read-only paths scraped every few seconds; a web framework would
 * double the worker's dependencies for nothing.
 */
public final class MetricsServer implements AutoCloseable {

    private final HttpServer server;

    public MetricsServer(int port, PrometheusMeterRegistry registry, BooleanSupplier live, BooleanSupplier ready) {
        try {
            server = HttpServer.create(new InetSocketAddress(port), 16);
        } catch (IOException e) {
            throw new UncheckedIOException("metrics.port: cannot listen on " + port, e);
        }
        server.createContext("/metrics", ex -> answer(ex, 200, registry.scrape()));
        server.createContext("/health/live", ex -> health(ex, live.getAsBoolean()));
        server.createContext("/health/ready", ex -> health(ex, ready.getAsBoolean()));
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private static void health(HttpExchange exchange, boolean ok) throws IOException {
        answer(exchange, ok ? 200 : 503, ok ? "ok\n" : "not ready\n");
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
