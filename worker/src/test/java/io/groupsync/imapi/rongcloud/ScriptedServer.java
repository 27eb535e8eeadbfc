package io.groupsync.imapi.rongcloud;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A loopback HTTP server that answers each request with the next scripted answer, for what the RongCloud emulator
 * never says: a Retry-After, a proxy's page, an error message that echoes the request's Signature.
 */
final class ScriptedServer implements AutoCloseable {

    /** One answer: status, headers, and a body built from the request's headers. */
    record Answer(int status, Map<String, String> headers, Function<Headers, String> body) {

        static Answer of(int status, String body) {
            return new Answer(status, Map.of(), request -> body);
        }
    }

    private final ConcurrentLinkedQueue<Answer> script = new ConcurrentLinkedQueue<>();
    private final ExecutorService handlers = Executors.newFixedThreadPool(2);
    private final HttpServer server;

    ScriptedServer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(handlers);
        server.start();
    }

    ScriptedServer then(Answer answer) {
        script.add(answer);
        return this;
    }

    URI baseUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            in.readAllBytes();
        }
        Answer answer = script.poll();
        if (answer == null) {
            answer = Answer.of(500, "script exhausted");
        }
        byte[] body = answer.body().apply(exchange.getRequestHeaders()).getBytes(StandardCharsets.UTF_8);
        answer.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        handlers.shutdownNow();
    }
}
