package io.groupsync.testkit.emulator.tencent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.groupsync.testkit.emulator.ManualEmulatorClock;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A running Tencent emulator on a {@link ManualEmulatorClock}, and a real HTTP client that signs its calls with a
 * {@link UserSigIssuer} on the same clock, as a Tencent client would.
 */
abstract class TencentEmulatorTestBase {

    static final long APP = 1400000001L;
    static final String ADMIN = "administrator";
    static final String KEY = "5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e";
    static final ObjectMapper JSON = new ObjectMapper();

    final ManualEmulatorClock clock = new ManualEmulatorClock();
    final UserSigIssuer signer = new UserSigIssuer(APP, KEY, clock);
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    TencentEmulator emulator;

    /** A Tencent answer: the HTTP status and the parsed body. */
    record Reply(int status, JsonNode body) {
        int code() {
            return body.path("ErrorCode").asInt(-1);
        }

        String info() {
            return body.path("ErrorInfo").asText();
        }

        String actionStatus() {
            return body.path("ActionStatus").asText();
        }
    }

    @BeforeEach
    void startEmulator() {
        emulator = new TencentEmulator(APP, ADMIN, KEY, clock).start();
    }

    @AfterEach
    void stopEmulator() {
        emulator.close();
    }

    /** Now on the emulator's wall clock, in epoch seconds (the unit of TLS.time and ShutUpUntil). */
    long nowSeconds() {
        return clock.currentTimeMillis() / 1000;
    }

    /** A correctly signed call, with a UserSig issued now for a day. */
    Reply post(String command, String body) {
        return postWithQuery(command, query(ADMIN, signer.generate(ADMIN, 86_400)), body);
    }

    Reply postWithQuery(String command, String query, String body) {
        return send(request(command, query).POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    String query(String identifier, String userSig) {
        return "sdkappid=" + APP + "&identifier=" + enc(identifier) + "&usersig=" + enc(userSig)
                + "&random=99999999&contenttype=json";
    }

    HttpRequest.Builder request(String command, String query) {
        return HttpRequest.newBuilder(URI.create(emulator.baseUri() + TencentEmulator.SERVICE_PATH + command
                + "?" + query)).timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json");
    }

    Reply send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.body().isEmpty() ? JSON.missingNode() : parseOrText(response.body());
            return new Reply(response.statusCode(), body);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode parseOrText(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            return JSON.getNodeFactory().textNode(text);
        }
    }

    static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
