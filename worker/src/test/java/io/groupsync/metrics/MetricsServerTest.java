package io.groupsync.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The metrics and health port as an attacker and an orchestrator meet it. */
class MetricsServerTest {

    private static final String LOOPBACK = "127.0.0.1";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private final AtomicBoolean live = new AtomicBoolean(true);
    private final List<AutoCloseable> opened = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : opened) {
            c.close();
        }
    }

    @Test
    void probesAndTheScrapeAnswerWhileSlowClientsHoldHalfSentRequestsOpen() throws Exception {
        MetricsServer server = serve(new MetricsServer.Endpoint(LOOPBACK, 0, Duration.ofMinutes(1)));
        for (int i = 0; i < 20; i++) {
            Socket slow = open(server);
            OutputStream out = slow.getOutputStream();
            out.write("GET /metrics HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }

        assertThat(get(server, "/health/live").statusCode()).isEqualTo(200);
        assertThat(get(server, "/health/ready").statusCode()).isEqualTo(200);
        assertThat(get(server, "/metrics").statusCode()).isEqualTo(200);
    }

    @Test
    void aConnectionSilentForLongerThanTheRequestTimeoutIsClosed() throws Exception {
        MetricsServer server = serve(new MetricsServer.Endpoint(LOOPBACK, 0, Duration.ofMillis(200)));
        Socket slow = open(server);
        slow.getOutputStream().write("GET /health/live HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII));
        slow.setSoTimeout(10_000);

        InputStream in = slow.getInputStream();
        byte[] rest = in.readAllBytes();

        assertThat(new String(rest, StandardCharsets.US_ASCII)).as("closed, with at most an error answer")
                .satisfiesAnyOf(s -> assertThat(s).isEmpty(), s -> assertThat(s).startsWith("HTTP/1.1 4"));
    }

    @Test
    void onlyTheExactPathsAnswer() throws Exception {
        MetricsServer server = serve(MetricsServer.Endpoint.everyInterface(0));
        assertThat(get(server, "/metricsFOO").statusCode()).isEqualTo(404);
        assertThat(get(server, "/health/live/x").statusCode()).isEqualTo(404);
        assertThat(get(server, "/").statusCode()).isEqualTo(404);
        assertThat(get(server, "/metrics").statusCode()).isEqualTo(200);
    }

    @Test
    void onlyGetAndHeadAreAnswered() throws Exception {
        MetricsServer server = serve(MetricsServer.Endpoint.everyInterface(0));
        HttpRequest post = HttpRequest.newBuilder(uri(server, "/health/live"))
                .POST(HttpRequest.BodyPublishers.ofString("x")).timeout(Duration.ofSeconds(10)).build();
        assertThat(http.send(post, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(405);
        HttpRequest head = HttpRequest.newBuilder(uri(server, "/health/live"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(10)).build();
        HttpResponse<String> answer = http.send(head, HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).isEmpty();
    }

    @Test
    void aProbeSaysWhatItsCheckSays() throws Exception {
        MetricsServer server = serve(MetricsServer.Endpoint.everyInterface(0));
        live.set(false);
        assertThat(get(server, "/health/live").statusCode()).isEqualTo(503);
        live.set(true);
        assertThat(get(server, "/health/live").statusCode()).isEqualTo(200);
    }

    @Test
    void boundToOneAddressItListensOnThatOneOnly() throws Exception {
        MetricsServer server = serve(new MetricsServer.Endpoint(LOOPBACK, 0, Duration.ofSeconds(5)));
        assertThat(get(server, "/health/live").statusCode()).isEqualTo(200);

        InetAddress other = InetAddress.getByName("127.0.0.2");
        try (Socket elsewhere = new Socket()) {
            assertThat(connects(elsewhere, new InetSocketAddress(other, server.port())))
                    .as("not on another address of this host").isFalse();
        }
    }

    private static boolean connects(Socket socket, InetSocketAddress address) {
        try {
            socket.connect(address, 1_000);
            return true;
        } catch (java.io.IOException refused) {
            return false;
        }
    }

    private MetricsServer serve(MetricsServer.Endpoint endpoint) {
        MetricsServer server = new MetricsServer(endpoint, registry, live::get, () -> true);
        opened.add(server);
        return server;
    }

    private Socket open(MetricsServer server) throws Exception {
        Socket socket = new Socket(LOOPBACK, server.port());
        opened.add(0, socket);
        return socket;
    }

    /** The probe's own deadline is generous: what matters is that it is answered at all while others wait. */
    private HttpResponse<String> get(MetricsServer server, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri(server, path)).timeout(Duration.ofSeconds(10)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(MetricsServer server, String path) {
        return URI.create("http://" + LOOPBACK + ":" + server.port() + path);
    }
}
