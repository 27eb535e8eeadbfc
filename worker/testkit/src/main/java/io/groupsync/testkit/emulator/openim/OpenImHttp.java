package io.groupsync.testkit.emulator.openim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** A plain JDK HTTP client for the emulator's tests: real requests, a fresh operationID on each unless told. */
final class OpenImHttp {

    static final String SECRET = "openIM123";

    /** What came back: HTTP status, headers and the parsed body (null when it was not JSON). */
    record Reply(int status, HttpHeaders headers, JsonNode body) {
        int errCode() {
            return body.path("errCode").asInt(-1);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;
    private final AtomicLong operations = new AtomicLong();
    private Duration readTimeout = Duration.ofSeconds(10);

    OpenImHttp(URI base) {
        this.base = base;
    }

    OpenImHttp readTimeout(Duration timeout) {
        this.readTimeout = timeout;
        return this;
    }

    /** POSTs {@code body} as JSON to {@code /api} with the admin token (none when null) and a new operationID. */
    Reply post(String api, String token, Object body) throws IOException, InterruptedException {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("operationID", "op-" + operations.incrementAndGet());
        if (token != null) {
            headers.put("token", token);
        }
        return send(api, headers, JSON.writeValueAsString(body));
    }

    Reply send(String api, Map<String, String> headers, String rawBody) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("/" + api))
                .timeout(readTimeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(rawBody));
        headers.forEach(request::header);
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (IOException notJson) {
            body = null;
        }
        return new Reply(response.statusCode(), response.headers(), body);
    }

    /** A fresh admin token for {@link #SECRET}. */
    String adminToken() throws IOException, InterruptedException {
        Reply reply = post(OpenImEmulator.GET_ADMIN_TOKEN, null,
                Map.of("secret", SECRET, "userID", OpenImEmulator.DEFAULT_ADMIN_USER_ID));
        if (reply.errCode() != 0) {
            throw new IllegalStateException("no admin token: " + reply.body());
        }
        return reply.body().path("data").path("token").asText();
    }
}
