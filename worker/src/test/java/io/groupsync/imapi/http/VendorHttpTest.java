package io.groupsync.imapi.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.groupsync.imapi.WireGate;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The worker's HTTP client holds every paced request at its gate right before writing it. */
class VendorHttpTest {

    private final AtomicInteger received = new AtomicInteger();
    private final HttpServer server = server();
    private final OkHttpClient http = VendorHttp.client(Duration.ofSeconds(2), Duration.ofSeconds(5), 4);

    @AfterEach
    void stop() {
        VendorHttp.close(http);
        server.stop(0);
    }

    @Test
    void aPacedRequestPassesItsGateOnceUnderItsApiBeforeTheServerSeesIt() throws Exception {
        List<String> passes = new CopyOnWriteArrayList<>();
        WireGate gate = (api, unplanned) -> passes.add(api + " after " + received.get() + " received");

        try (Response response = http.newCall(request(gate, "group/set_group_info_ex")).execute()) {
            assertThat(response.code()).isEqualTo(200);
        }
        try (Response response = http.newCall(request(gate, "group/set_group_info_ex")).execute()) {
            assertThat(response.code()).isEqualTo(200);
        }

        assertThat(passes).containsExactly("group/set_group_info_ex after 0 received",
                "group/set_group_info_ex after 1 received");
    }

    @Test
    void aRequestWithoutAGatePassesNone() throws Exception {
        Request plain = new Request.Builder().url(url()).post(body()).build();

        try (Response response = http.newCall(plain).execute()) {
            assertThat(response.code()).isEqualTo(200);
        }

        assertThat(received).hasValue(1);
    }

    @Test
    void aRequestInterruptedWhileHeldFailsAsAnIoErrorAndIsNeverWritten() {
        WireGate interrupted = (api, unplanned) -> {
            throw new InterruptedException("worker stopping");
        };

        assertThatThrownBy(() -> http.newCall(request(interrupted, "api")).execute().close())
                .isInstanceOf(InterruptedIOException.class)
                .hasMessageContaining("rate limit of api");
        assertThat(received).hasValue(0);
        assertThat(Thread.interrupted()).as("the interrupt is kept for the caller").isTrue();
    }

    private Request request(WireGate gate, String api) {
        return VendorHttp.pacedBy(new Request.Builder(), gate, api).url(url()).post(body()).build();
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    private static RequestBody body() {
        return RequestBody.create("{}", MediaType.get("application/json"));
    }

    private HttpServer server() {
        try {
            HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
            s.createContext("/", exchange -> {
                received.incrementAndGet();
                exchange.getRequestBody().readAllBytes();
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
            });
            s.start();
            return s;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
