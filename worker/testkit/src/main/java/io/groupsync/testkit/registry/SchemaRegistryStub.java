package io.groupsync.testkit.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
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
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;

/**
 * A strict stand-in for a Confluent-compatible Schema Registry on loopback, for the routes a serializer uses:
 * {@code GET /schemas/ids/{id}}, {@code POST /subjects/{subject}/versions}, {@code POST /subjects/{subject}} and
 * {@code GET /subjects/{subject}/versions/{version|latest}}. It answers as Confluent's registry documents, error
 * codes included: 40401 subject not found, 40402 version not found, 40403 schema not found (all 404), 409 for a
 * schema incompatible with the subject's latest (BACKWARD, the registry's default, checked with Avro's own
 * resolution), 42201 for an invalid schema (422), 401 without the configured credentials.
 *
 * <p>Plain http, or https with {@link #tls}. Ids are global and a schema keeps one id across subjects, as in Confluent's registry, which tells schemas apart
 * by their normalized JSON ({@code Schema.toString()}): docs count, whitespace does not. {@link #stop()} and
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
    private static final Set<String> BODY_FIELDS = Set.of("schema", "schemaType", "references");

    /** One registered schema: its text as given, its parsed form and id. */
    private record Registered(int id, String text, Schema schema) {
    }

    private final String authorization;
    private SSLContext tls;
    private final Map<Integer, Registered> byId = new HashMap<>();
    private final Map<String, Integer> idByCanonical = new HashMap<>();
    private final Map<String, List<Integer>> subjects = new LinkedHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();
    private int nextId = 1;
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
        return URI.create((tls == null ? "http://" : "https://") + InetAddress.getLoopbackAddress().getHostAddress() + ":" + port);
    }

    /** Registers as {@code POST /subjects/{subject}/versions} does, compatibility unchecked; returns the id. */
    public synchronized int register(String subject, String schema) {
        return add(subject, schema, new Schema.Parser().parse(schema));
    }

    /** The schema text registered under an id, or null. */
    public synchronized String schema(int id) {
        Registered registered = byId.get(id);
        return registered == null ? null : registered.text();
    }

    /** The subjects with at least one version, in the order they were first registered. */
    public synchronized List<String> subjects() {
        return List.copyOf(subjects.keySet());
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

    private record Answer(int status, Object body) {
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
            return "GET".equals(method) ? schemaById(Integer.parseInt(m.group(1))) : notAllowed();
        }
        if ((m = VERSION.matcher(path)).matches()) {
            return "GET".equals(method) ? version(decode(m.group(1)), m.group(2)) : notAllowed();
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
            return schemaBody(decode(m.group(1)), body, registering);
        }
        return error(404, 404, "HTTP 404 Not Found");
    }

    private Answer schemaBody(String subject, JsonNode body, boolean registering) {
        if (body == null || !body.path("schema").isTextual()) {
            return error(422, 42201, "Invalid schema: the request has no schema");
        }
        List<String> unknown = new ArrayList<>();
        body.fieldNames().forEachRemaining(f -> {
            if (!BODY_FIELDS.contains(f)) {
                unknown.add(f);
            }
        });
        if (!unknown.isEmpty()) {
            return error(422, 422, "Unrecognized field: " + unknown.get(0));
        }
        String type = body.path("schemaType").asText("AVRO");
        if (!"AVRO".equals(type)) {
            return error(422, 42201, "Invalid schema: this registry holds Avro schemas only, not " + type);
        }
        String text = body.path("schema").asText();
        Schema schema;
        try {
            schema = new Schema.Parser().parse(text);
        } catch (RuntimeException e) {
            // Avro's parser throws more than SchemaParseException for nonsense (an unknown type name, say).
            return error(422, 42201, "Invalid schema " + text + ": " + e.getMessage());
        }
        synchronized (this) {
            return registering ? registerChecked(subject, text, schema) : lookup(subject, schema);
        }
    }

    private Answer registerChecked(String subject, String text, Schema schema) {
        List<Integer> versions = subjects.getOrDefault(subject, List.of());
        Integer same = idByCanonical.get(schema.toString());
        if (same != null && versions.contains(same)) {
            return new Answer(200, Map.of("id", same));
        }
        if (!versions.isEmpty()) {
            Schema latest = byId.get(versions.get(versions.size() - 1)).schema();
            SchemaCompatibility.SchemaPairCompatibility check =
                    SchemaCompatibility.checkReaderWriterCompatibility(schema, latest);
            if (check.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
                return error(409, 409, "Schema being registered is incompatible with an earlier schema for subject \""
                        + subject + "\", details: " + check.getResult().getIncompatibilities());
            }
        }
        return new Answer(200, Map.of("id", add(subject, text, schema)));
    }

    private Answer lookup(String subject, Schema schema) {
        List<Integer> versions = subjects.get(subject);
        if (versions == null) {
            return error(404, 40401, "Subject '" + subject + "' not found.");
        }
        Integer id = idByCanonical.get(schema.toString());
        if (id == null || !versions.contains(id)) {
            return error(404, 40403, "Schema not found");
        }
        return new Answer(200, Map.of("subject", subject, "id", id, "version", versions.indexOf(id) + 1,
                "schema", byId.get(id).text()));
    }

    private synchronized Answer schemaById(int id) {
        Registered registered = byId.get(id);
        if (registered == null) {
            return error(404, 40403, "Schema " + id + " not found");
        }
        return new Answer(200, Map.of("schema", registered.text()));
    }

    private synchronized Answer version(String subject, String version) {
        List<Integer> versions = subjects.get(subject);
        if (versions == null) {
            return error(404, 40401, "Subject '" + subject + "' not found.");
        }
        int index;
        try {
            index = "latest".equals(version) ? versions.size() : Integer.parseInt(version);
        } catch (NumberFormatException e) {
            return error(422, 42202, "The specified version '" + version + "' is not a valid version id.");
        }
        if (index < 1 || index > versions.size()) {
            return error(404, 40402, "Version " + version + " not found.");
        }
        int id = versions.get(index - 1);
        return new Answer(200, Map.of("subject", subject, "id", id, "version", index, "schema", byId.get(id).text()));
    }

    private int add(String subject, String text, Schema schema) {
        String canonical = schema.toString();
        int id = idByCanonical.computeIfAbsent(canonical, c -> nextId++);
        byId.putIfAbsent(id, new Registered(id, text, schema));
        List<Integer> versions = subjects.computeIfAbsent(subject, s -> new ArrayList<>());
        if (!versions.contains(id)) {
            versions.add(id);
        }
        return id;
    }

    private static Answer notAllowed() {
        return error(405, 405, "HTTP 405 Method Not Allowed");
    }

    private static Answer error(int status, int code, String message) {
        return new Answer(status, Map.of("error_code", code, "message", message));
    }

    private static String decode(String raw) {
        return URLDecoder.decode(raw, StandardCharsets.UTF_8);
    }
}
