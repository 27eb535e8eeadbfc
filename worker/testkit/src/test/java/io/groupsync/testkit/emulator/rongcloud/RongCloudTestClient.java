package io.groupsync.testkit.emulator.rongcloud;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.groupsync.testkit.emulator.EmulatorClock;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/** A plain JDK HTTP client that talks to a RongCloud emulator the way the worker will: signed form posts. */
final class RongCloudTestClient {

    static final String APP_KEY = "uwd1c0sxdlx2";
    static final String APP_SECRET = "test-app-secret";
    static final String FORM = "application/x-www-form-urlencoded";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final URI base;
    private final RongCloudTestSigner signer;
    private Duration timeout = Duration.ofSeconds(10);

    RongCloudTestClient(RongCloudEmulator emulator, EmulatorClock clock) {
        this.base = emulator.baseUri();
        this.signer = new RongCloudTestSigner(APP_KEY, APP_SECRET, clock);
    }

    /** The read timeout of each call. */
    RongCloudTestClient timeout(Duration readTimeout) {
        this.timeout = readTimeout;
        return this;
    }

    /** Freshly signed headers, mutable so that a test can spoil one. */
    Map<String, String> signedHeaders() {
        return new LinkedHashMap<>(signer.sign());
    }

    Answer updateProfile(Map<String, String> fields) throws IOException, InterruptedException {
        return post(RongCloudEmulator.PROFILE_UPDATE_PATH, form(fields));
    }

    Answer setMember(Map<String, String> fields) throws IOException, InterruptedException {
        return post(RongCloudEmulator.MEMBER_SET_PATH, form(fields));
    }

    Answer post(String path, String body) throws IOException, InterruptedException {
        return post(path, body, signedHeaders());
    }

    Answer post(String path, String body, Map<String, String> headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(timeout)
                .header("Content-Type", FORM)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        headers.forEach(request::setHeader);
        return send(request.build());
    }

    Answer send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new Answer(response.statusCode(), response.body(),
                response.headers().firstValue("Content-Type").orElse(""));
    }

    URI uri(String path) {
        return base.resolve(path);
    }

    /** URL-encodes the fields, in the order given. */
    static String form(Map<String, String> fields) {
        StringJoiner body = new StringJoiner("&");
        fields.forEach((name, value) -> body.add(URLEncoder.encode(name, StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return body.toString();
    }

    /** Ordered fields, so a test reads like the form it sends. */
    static Map<String, String> fields(String... namesAndValues) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            fields.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return fields;
    }

    /** A JSON text from alternating keys and values (strings or numbers). */
    static String json(Object... keysAndValues) {
        Map<String, Object> object = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            object.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        try {
            return JSON.writeValueAsString(object);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** What came back: HTTP status and the vendor's envelope. */
    record Answer(int status, String body, String contentType) {

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        /** The envelope's {@code code}. */
        int code() {
            return json().path("code").asInt();
        }

        String errorMessage() {
            return json().path("errorMessage").asText();
        }
    }
}
