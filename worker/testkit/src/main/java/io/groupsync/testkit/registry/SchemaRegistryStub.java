package io.groupsync.testkit.registry;

import static io.groupsync.testkit.registry.RegisteredSchemas.error;
import static io.groupsync.testkit.registry.RegisteredSchemas.notAllowed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.groupsync.testkit.registry.RegisteredSchemas.Answer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A strict stand-in for a Confluent-compatible Schema Registry on loopback, for the routes a serializer uses:
 * {@code GET /schemas/ids/{id}}, {@code POST /subjects/{subject}/versions}, {@code POST /subjects/{subject}} and
 * {@code GET /subjects/{subject}/versions/{version|latest}}. It answers as Confluent's registry documents, error
 * codes included: 40401 subject not found, 40402 version not found, 40403 schema not found (all 404), 409 for a
 * schema incompatible with the subject's latest (BACKWARD, the registry's default, checked with Avro's own
 * resolution), 42201 for an invalid schema (422), 401 without the configured credentials.
 *
 * <p>Plain http, or https with {@link #tls}. Ids are global and a schema keeps one id across subjects, as in
 * Confluent's registry, which tells schemas apart by their normalized JSON ({@code Schema.toString()}): docs count,
 * whitespace does not ({@link RegisteredSchemas} holds them). {@link #stop()} and
 * {@link #restart()} make it unreachable and back at the same address, for outage tests.
 *
 * <p>It stands in for a real registry because none resolves here: Apicurio Registry's app jar on Maven Central is
 * the un-augmented Quarkus application, and one of its dependencies is not served.
 */
public final class SchemaRegistryStub implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SCHEMA_BY_ID = Pattern.compile("/schemas/ids/(\\d+)");
    private static final Pattern VERSIONS = Pattern.compile("/subjects/([^/]+)/versions");
    private static final Pattern VERSION = Pattern.compile("/subjects/([^/]+)/versions/([^/]+)");
    private static final Pattern SUBJECT = Pattern.compile("/subjects/([^/]+)");

    private final String authorization;
    private final RegisteredSchemas schemas = new RegisteredSchemas();
    private SSLContext tls;
    private final AtomicInteger requests = new AtomicInteger();
    private int port;
    private HttpServer server;

    private SchemaRegistryStub(String authorization) {
        this.authorization = authorization;
    }

    /** A registry that asks for no credentials. */
    public static SchemaRegistryStub open() {
        return new SchemaRegistryStub(null);
    }

    public static SchemaRegistryStub withBasicAuth(String username, String password) {
        return new SchemaRegistryStub("Basic " + Base64.getEncoder().encodeToString(
                (username + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }

    public static SchemaRegistryStub withBearerToken(String token) {
        return new SchemaRegistryStub("Bearer " + token);
    }

    /** Serves https with the key and certificate of a PKCS12 key store; call before {@link #start()}. */
    public synchronized SchemaRegistryStub tls(Path keyStore, char[] password) {
        try (InputStream in = Files.newInputStream(keyStore)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, password);
            tls = SSLContext.getInstance("TLS");
            tls.init(keys.getKeyManagers(), null, null);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot use " + keyStore + " as the stub's key store", e);
        }
        return this;
    }

    /** Binds a free loopback port (the first time) and serves. */
    public synchronized SchemaRegistryStub start() {
        try {
            InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
            if (tls == null) {
                server = HttpServer.create(address, 64);
            } else {
                HttpsServer https = HttpsServer.create(address, 64);
                https.setHttpsConfigurator(new HttpsConfigurator(tls));
                server = https;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind the schema registry stub", e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(2, r -> {
            Thread thread = new Thread(r, "registry-stub");
            thread.setDaemon(true);
            return thread;
        }));
        server.start();
        port = server.getAddress().getPort();
        return this;
    }

    /** Unreachable: connections to its address are refused until {@link #restart()}. Registrations are kept. */
    public synchronized void stop() {
        if (server != null) {
            server.stop(0);
            ((ExecutorService) server.getExecutor()).shutdownNow();
            server = null;
        }
    }

    /** Back at the same address, with what it held. */
    public synchronized void restart() {
        if (server == null) {
            start();
        }
    }

    public synchronized URI url() {
        return URI.create((tls == null ? "http://" : "https://") + InetAddress.getLoopbackAddress().getHostAddress()
                + ":" + port);
    }

    /** Registers as {@code POST /subjects/{subject}/versions} does, compatibility unchecked; returns the id. */
    public int register(String subject, String schema) {
        return schemas.register(subject, schema);
    }

    /** The schema text registered under an id, or null. */
    public String schema(int id) {
        return schemas.schema(id);
    }

    /** The subjects with at least one version, in the order they were first registered. */
    public List<String> subjects() {
        return schemas.subjects();
    }

    /** Requests answered so far, refused ones included. */
    public int requests() {
        return requests.get();
    }

    @Override
    public void close() {
        stop();
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        try (exchange) {
            Answer answer;
            try {
                answer = answer(exchange);
            } catch (RuntimeException e) {
                answer = error(500, 50001, "Error in the backend data store: " + e);
            }
            byte[] body = JSON.writeValueAsBytes(answer.body());
            exchange.getResponseHeaders().set("Content-Type", "application/vnd.schemaregistry.v1+json");
            exchange.sendResponseHeaders(answer.status(), body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private Answer answer(HttpExchange exchange) throws IOException {
        if (authorization != null
                && !authorization.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            return error(401, 401, "Unauthorized");
        }
        String path = exchange.getRequestURI().getRawPath();
        String method = exchange.getRequestMethod();
        Matcher m;
        if ((m = SCHEMA_BY_ID.matcher(path)).matches()) {
            return "GET".equals(method) ? schemas.schemaById(Integer.parseInt(m.group(1))) : notAllowed();
        }
        if ((m = VERSION.matcher(path)).matches()) {
            return "GET".equals(method) ? schemas.version(decode(m.group(1)), m.group(2)) : notAllowed();
        }
        if ((m = VERSIONS.matcher(path)).matches() || (m = SUBJECT.matcher(path)).matches()) {
            boolean registering = path.endsWith("/versions");
            if (!"POST".equals(method)) {
                return notAllowed();
            }
            String type = exchange.getRequestHeaders().getFirst("Content-Type");
            if (type == null || !(type.startsWith("application/vnd.schemaregistry.v1+json")
                    || type.startsWith("application/vnd.schemaregistry+json") || type.startsWith("application/json"))) {
                return error(415, 415, "HTTP 415 Unsupported Media Type");
            }
            JsonNode body;
            try {
                body = JSON.readTree(exchange.getRequestBody());
            } catch (IOException e) {
                return error(400, 400, "Unrecognized JSON");
            }
            return schemas.schemaBody(decode(m.group(1)), body, registering);
        }
        return error(404, 404, "HTTP 404 Not Found");
    }

    private static String decode(String raw) {
        return URLDecoder.decode(raw, StandardCharsets.UTF_8);
    }
}
