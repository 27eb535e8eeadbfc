package io.groupsync.schemas.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A client of the three routes of the Confluent-compatible Schema Registry REST API that the wire format needs:
 * {@code GET /schemas/ids/{id}}, {@code POST /subjects/{subject}/versions} (register) and
 * {@code POST /subjects/{subject}} (look up). That API is what Confluent Schema Registry, Apicurio Registry
 * ({@code /apis/ccompat/v7}), Karapace and Redpanda all serve, and what Kafka UI, AKHQ and Redpanda Console read.
 *
 * <p>Hand-written rather than a library: Confluent's client does not resolve from Maven Central, and Apicurio's
 * (its Kiota SDK) speaks Apicurio's own v3 API, so it would tie the worker to one registry and bring a client stack
 * larger than these three calls. The JDK's HTTP client and Jackson (already Avro's dependency) are enough.
 *
 * <p>Thread-safe. Failures are {@link RegistryException}; its message never shows the credentials.
 */
public final class RegistryClient {

  /** The registry's own media type; it also accepts plain JSON. */
  static final String MEDIA_TYPE = "application/vnd.schemaregistry.v1+json";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String base;
  private final Credentials credentials;
  private final Duration timeout;
  private final HttpClient http;

  /**
   * @param url         the registry's base URL, e.g. {@code https://registry:8081} or
   *                    {@code http://apicurio:8080/apis/ccompat/v7}
   * @param tls         trusts the registry's certificate, or null for the JVM's default trust
   * @param timeout     for connecting and for each whole request
   */
  public RegistryClient(URI url, Credentials credentials, SSLContext tls, Duration timeout) {
    String text = url.toString();
    this.base = text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    this.credentials = credentials;
    this.timeout = timeout;
    HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(timeout);
    if (tls != null) {
      builder.sslContext(tls);
    }
    this.http = builder.build();
  }

  /** A TLS context trusting the certificates of a trust store file (PKCS12 or JKS). */
  public static SSLContext trusting(Path trustStore, char[] password, String type)
      throws IOException, GeneralSecurityException {
    KeyStore store = KeyStore.getInstance(type);
    try (InputStream in = Files.newInputStream(trustStore)) {
      store.load(in, password);
    }
    TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(store);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, trust.getTrustManagers(), null);
    return context;
  }

  /** The schema text registered under a global id. An unknown id is error code 40403. */
  public String schemaById(int id) throws RegistryException {
    JsonNode answer = call("GET", "/schemas/ids/" + id, null);
    String type = answer.path("schemaType").asText("AVRO");
    if (!"AVRO".equals(type)) {
      throw new RegistryException(200, -1, "schema id " + id + " is a " + type + " schema, not Avro", null);
    }
    return text(answer, "schema", "/schemas/ids/" + id);
  }

  /** Registers a schema under a subject (or finds it there already) and returns its global id; 409 if incompatible. */
  public int register(String subject, String schema) throws RegistryException {
    return id(call("POST", "/subjects/" + encode(subject) + "/versions", body(schema)), subject);
  }

  /** The id of a schema already registered under a subject: 40401 if no subject, 40403 if not under it. */
  public int lookup(String subject, String schema) throws RegistryException {
    return id(call("POST", "/subjects/" + encode(subject), body(schema)), subject);
  }

  private JsonNode call(String method, String path, String body) throws RegistryException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout)
        .header("Accept", MEDIA_TYPE + ", application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (body != null) {
      request.header("Content-Type", MEDIA_TYPE);
    }
    if (credentials.authorization() != null) {
      request.header("Authorization", credentials.authorization());
    }
    HttpResponse<String> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new RegistryException(RegistryException.NO_ANSWER, -1,
          method + " " + path + ": no answer from the registry at " + base + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RegistryException(RegistryException.NO_ANSWER, -1, method + " " + path + ": interrupted", e);
    }
    JsonNode answer = parse(response.body());
    if (response.statusCode() / 100 != 2) {
      int errorCode = answer.path("error_code").asInt(-1);
      throw new RegistryException(response.statusCode(), errorCode,
          method + " " + path + ": the registry answered " + response.statusCode()
              + (errorCode < 0 ? "" : " (error_code " + errorCode + ")")
              + (answer.has("message") ? ": " + answer.path("message").asText() : ""), null);
    }
    return answer;
  }

  private static JsonNode parse(String body) {
    try {
      return body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
    } catch (JsonProcessingException e) {
      // A proxy's HTML error page, say: the status tells what happened.
      return JSON.createObjectNode();
    }
  }

  private static String body(String schema) {
    try {
      return JSON.writeValueAsString(Map.of("schema", schema));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a map of one string is always JSON", e);
    }
  }

  private static int id(JsonNode answer, String subject) throws RegistryException {
    if (!answer.path("id").canConvertToInt()) {
      // Not an answer to the question (a proxy's page, say): nothing said about the schema, so ask again later.
      throw new RegistryException(RegistryException.NO_ANSWER, -1,
          "the registry's answer for subject " + subject + " has no id", null);
    }
    return answer.path("id").asInt();
  }

  private static String text(JsonNode answer, String field, String path) throws RegistryException {
    if (!answer.path(field).isTextual()) {
      throw new RegistryException(RegistryException.NO_ANSWER, -1,
          "the registry's answer to " + path + " has no " + field, null);
    }
    return answer.path(field).asText();
  }

  private static String encode(String subject) {
    return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
  }

  @Override
  public String toString() {
    return "RegistryClient[" + base + ", " + credentials + "]";
  }
}
