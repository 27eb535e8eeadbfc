package io.groupsync.testkit.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EmulatorCoreTest {

    private final ManualEmulatorClock clock = new ManualEmulatorClock();
    private final EchoEmulator emulator = new EchoEmulator(clock);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @AfterEach
    void stop() {
        emulator.close();
    }

    @Test
    void busiestSecondCountsTheFullestSlidingWindowNotAFixedOne() {
        long ms = 1_000_000;
        // 3 calls late in one fixed second and 3 early in the next: no fixed second holds more than 3, a sliding one holds 6.
        long[] arrivals = {700 * ms, 800 * ms, 900 * ms, 1_100 * ms, 1_200 * ms, 1_300 * ms, 2_500 * ms};
        assertThat(CallLog.busiestSecond(arrivals)).isEqualTo(6);
        assertThat(CallLog.busiestSecond(new long[0])).isZero();
    }

    @Test
    void limiterRefusesTheCallOverTheLimitUntilTheOldestLeavesTheWindow() {
        SlidingWindowLimiter limiter = new SlidingWindowLimiter(clock, 3);
        assertThat(limiter.tryAdmit("a")).isTrue();
        clock.advance(Duration.ofMillis(400));
        assertThat(limiter.tryAdmit("a")).isTrue();
        assertThat(limiter.tryAdmit("a")).isTrue();
        assertThat(limiter.tryAdmit("a")).as("fourth within one second").isFalse();
        assertThat(limiter.tryAdmit("b")).as("limits are per API").isTrue();
        clock.advance(Duration.ofMillis(599));
        assertThat(limiter.tryAdmit("a")).as("first call is 999 ms old, still inside").isFalse();
        clock.advance(Duration.ofMillis(1));
        assertThat(limiter.tryAdmit("a")).as("first call has left the window").isTrue();
        assertThat(limiter.tryAdmit("a")).isFalse();
    }

    @Test
    void forcedFaultsComeBeforeRandomOnesAndSharesAreBounded() {
        FaultPlan plan = new FaultPlan().forceNext(Fault.THROTTLE, 2);
        assertThat(plan.next()).contains(Fault.THROTTLE);
        assertThat(plan.next()).contains(Fault.THROTTLE);
        assertThat(plan.next()).isEmpty();
        assertThatThrownBy(() -> plan.share(Fault.DROP, 0.7).share(Fault.TIMEOUT, 0.4))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("> 1");
    }

    @Test
    void randomFaultsHitAboutTheirShare() {
        FaultPlan plan = new FaultPlan().seed(7).share(Fault.SERVER_ERROR, 0.2);
        int hits = 0;
        for (int i = 0; i < 10_000; i++) {
            hits += plan.next().isPresent() ? 1 : 0;
        }
        assertThat(hits).isBetween(1_800, 2_200);
    }

    @Test
    void aServedCallIsAnsweredAndLogged() throws Exception {
        emulator.start();
        HttpResponse<String> response = post("/echo");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"code\":0}");
        assertThat(emulator.calls().all()).singleElement()
                .satisfies(c -> assertThat(c.api()).isEqualTo("echo"))
                .satisfies(c -> assertThat(c.vendorCode()).isZero());
    }

    @Test
    void anUnknownPathIs404AndNotLogged() throws Exception {
        emulator.start();
        assertThat(post("/nowhere").statusCode()).isEqualTo(404);
        assertThat(emulator.calls().count()).isZero();
    }

    @Test
    void overTheLimitTheVendorsThrottledAnswerIsSentAndMarked() throws Exception {
        emulator.limiter().setLimit("echo", 1);
        emulator.start();
        assertThat(post("/echo").statusCode()).isEqualTo(200);
        assertThat(post("/echo").statusCode()).isEqualTo(429);
        assertThat(emulator.calls().throttled()).isEqualTo(1);
    }

    @Test
    void theTapSeesEveryRequestEvenOnesAFaultSpoils() throws Exception {
        List<EmulatorRequest> seen = new CopyOnWriteArrayList<>();
        emulator.tap(seen::add);
        emulator.faults().forceNext(Fault.SERVER_ERROR, 1);
        emulator.start();
        post("/echo");
        post("/nowhere");
        assertThat(seen).extracting(EmulatorRequest::path).containsExactly("/echo", "/nowhere");
    }

    @Test
    void serverErrorFaultIsA503WithoutEnvelope() throws Exception {
        emulator.faults().forceNext(Fault.SERVER_ERROR, 1);
        emulator.start();
        HttpResponse<String> response = post("/echo");
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(emulator.calls().all().get(0).vendorCode()).isNull();
    }

    @Test
    void vendorFaultsUseTheVendorsAnswer() throws Exception {
        emulator.faults().forceNext(Fault.VENDOR_TRANSIENT, 1).forceNext(Fault.AUTH_EXPIRED, 1);
        emulator.start();
        assertThat(post("/echo").body()).isEqualTo("{\"code\":500}");
        assertThat(post("/echo").body()).isEqualTo("{\"code\":401}");
    }

    @Test
    void droppedConnectionGivesTheClientNoAnswer() {
        emulator.faults().forceNext(Fault.DROP, 1);
        emulator.start();
        assertThatThrownBy(() -> post("/echo")).isInstanceOf(IOException.class);
        assertThat(emulator.calls().all()).singleElement().satisfies(c -> assertThat(c.status()).isZero());
    }

    @Test
    void timeoutFaultHoldsTheCallPastTheClientsTimeout() {
        emulator.faults().forceNext(Fault.TIMEOUT, 1);
        emulator.setTimeoutHold(Duration.ofSeconds(10));
        emulator.start();
        HttpRequest request = HttpRequest.newBuilder(emulator.baseUri().resolve("/echo"))
                .timeout(Duration.ofMillis(300)).POST(HttpRequest.BodyPublishers.ofString("{}")).build();
        assertThatThrownBy(() -> http.send(request, HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(HttpTimeoutException.class);
    }

    private HttpResponse<String> post(String path) throws IOException, InterruptedException {
        URI uri = emulator.baseUri().resolve(path);
        return http.send(HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The smallest vendor: one API, {"code":0} on success. */
    private static final class EchoEmulator extends VendorEmulator {

        EchoEmulator(ManualEmulatorClock clock) {
            super("echo", clock, 100);
        }

        @Override
        protected Optional<String> apiOf(EmulatorRequest request) {
            return request.path().equals("/echo") ? Optional.of("echo") : Optional.empty();
        }

        @Override
        protected EmulatorResponse serve(String api, EmulatorRequest request) {
            return EmulatorResponse.json(200, 0, Map.of("code", 0));
        }

        @Override
        protected EmulatorResponse throttledAnswer(String api) {
            return EmulatorResponse.json(429, 429, Map.of("code", 429));
        }

        @Override
        protected EmulatorResponse vendorFaultAnswer(Fault fault, String api) {
            int code = fault == Fault.AUTH_EXPIRED ? 401 : 500;
            return EmulatorResponse.json(200, code, Map.of("code", code));
        }
    }
}
