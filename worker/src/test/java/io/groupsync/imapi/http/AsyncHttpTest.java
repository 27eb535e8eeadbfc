package io.groupsync.imapi.http;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.groupsync.imapi.CallClass;
import io.groupsync.imapi.CallResult;
import io.groupsync.imapi.Payload;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The one callback-to-future adapter of the vendor clients: every outcome is a value, none an exception. */
class AsyncHttpTest {

    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private final ExecutorService serverThreads = Executors.newCachedThreadPool();
    private final HttpServer server = server();
    private final OkHttpClient okHttp = VendorHttp.client(Duration.ofSeconds(2), Duration.ofSeconds(5), 4);
    private final AsyncHttp http = new AsyncHttp(okHttp, "Test");

    @AfterEach
    void stop() {
        release.countDown();
        VendorHttp.close(okHttp);
        server.stop(0);
        serverThreads.shutdownNow();
    }

    @Test
    void anAnswerIsReadOnOkHttpsThreadAndCompletesTheFuture() throws Exception {
        CompletableFuture<String> answer = http.send(() -> post("/ok", "{}"),
                response -> response.code() + " " + response.body().string(), noAnswer -> "none");

        assertThat(answer.get(5, SECONDS)).isEqualTo("200 fine");
    }

    @Test
    void anIoFailureCompletesNormallyAsATransientResultNamingTheException() throws Exception {
        String refused = "http://127.0.0.1:" + closedPort() + "/";

        CompletableFuture<CallResult> answer = http.send(() -> new Request.Builder().url(refused).build(),
                response -> CallResult.ok(0, response.code()), NoAnswer::result);

        CallResult result = answer.get(5, SECONDS);
        assertThat(answer).isNotCompletedExceptionally();
        assertThat(result.outcome()).isEqualTo(CallClass.TRANSIENT);
        assertThat(result.httpStatus()).isNull();
        assertThat(result.failure()).isEqualTo(java.net.ConnectException.class.getName());
    }

    @Test
    void aReaderThatFailsIsNoAnswerToo() throws Exception {
        CompletableFuture<NoAnswer> answer = http.send(() -> post("/ok", "{}"), response -> {
            throw new IOException("cut short");
        }, noAnswer -> noAnswer);

        NoAnswer noAnswer = answer.get(5, SECONDS);
        assertThat(noAnswer.cause()).hasMessage("cut short");
        assertThat(noAnswer.built()).isTrue();
        assertThat(noAnswer.canceled()).isFalse();
    }

    @Test
    void aRequestThatCannotBeBuiltIsPermanentAndNeverSent() throws Exception {
        CompletableFuture<CallResult> answer = http.send(
                () -> post("/ok", Payload.encoded(new byte[0], "", "not a media type")),
                response -> CallResult.ok(0, response.code()), NoAnswer::result);

        CallResult result = answer.get(5, SECONDS);
        assertThat(result.outcome()).isEqualTo(CallClass.PERMANENT);
        assertThat(result.message()).startsWith("the request could not be built: ");
        assertThat(result.failure()).isEqualTo(IllegalArgumentException.class.getName());
        assertThat(bodies).isEmpty();
    }

    @Test
    void cancelAllCompletesTheCallsInFlightAsCanceledAndRefusesNewOnes() throws Exception {
        CompletableFuture<NoAnswer> held = http.send(() -> post("/hold", "{}"), response -> null, noAnswer -> noAnswer);

        http.cancelAll();
        NoAnswer canceled = held.get(5, SECONDS);
        NoAnswer refused = http.send(() -> post("/ok", "{}"), response -> null, noAnswer -> noAnswer).get(5, SECONDS);

        assertThat(canceled.canceled()).isTrue();
        assertThat(refused.cause()).hasMessage("the Test client is closed");
        assertThat(refused.result().outcome()).isEqualTo(CallClass.TRANSIENT);
    }

    @Test
    void aPayloadIsEncodedOnceOnOkHttpsThreadNotTheCallers() throws Exception {
        List<String> encodedOn = new CopyOnWriteArrayList<>();
        Payload payload = new Payload() {
            @Override
            public String contentType() {
                return "application/json";
            }

            @Override
            public byte[] encode() {
                encodedOn.add(Thread.currentThread().getName());
                return "{\"typed\":true}".getBytes(StandardCharsets.UTF_8);
            }

            @Override
            public String redacted() {
                return "";
            }
        };

        http.send(() -> post("/ok", payload), response -> response.code(), noAnswer -> -1).get(5, SECONDS);

        assertThat(bodies).containsExactly("{\"typed\":true}");
        assertThat(encodedOn).singleElement().isNotEqualTo(Thread.currentThread().getName());
    }

    @Test
    void anExceptionAClientLetsEscapeBecomesAPermanentResultCleanedOfSecrets() throws Exception {
        CompletableFuture<CallResult> settled = AsyncHttp.settled(
                () -> CompletableFuture.failedFuture(new IllegalStateException("bug near s3cret")), "Test api",
                Redaction.of("s3cret"));
        CompletableFuture<CallResult> thrown = AsyncHttp.settled(() -> {
            throw new IllegalArgumentException("thrown");
        }, "Test api", Redaction.of("s3cret"));

        assertThat(settled.get(5, SECONDS)).isEqualTo(new CallResult(CallClass.PERMANENT, null, null,
                "failed to send Test api: bug near <redacted>", null, IllegalStateException.class.getName()));
        assertThat(thrown.get(5, SECONDS).outcome()).isEqualTo(CallClass.PERMANENT);
    }

    private Request post(String path, String json) {
        return post(path, Payload.encoded(json.getBytes(StandardCharsets.UTF_8), "", "application/json"));
    }

    private Request post(String path, Payload payload) {
        return new Request.Builder().url("http://127.0.0.1:" + server.getAddress().getPort() + path)
                .post(AsyncHttp.body(payload)).build();
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private HttpServer server() {
        try {
            HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
            s.createContext("/", exchange -> {
                bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                if (exchange.getRequestURI().getPath().equals("/hold")) {
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                byte[] fine = "fine".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, fine.length);
                exchange.getResponseBody().write(fine);
                exchange.close();
            });
            s.setExecutor(serverThreads);
            s.start();
            return s;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
