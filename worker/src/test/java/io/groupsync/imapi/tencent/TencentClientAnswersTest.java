package io.groupsync.imapi.tencent;

import static org.assertj.core.api.Assertions.assertThat;

import io.groupsync.model.Field;
import io.groupsync.model.Patch;
import io.groupsync.model.Target;
import io.groupsync.time.ManualClock;
import io.groupsync.imapi.CallClass;
import io.groupsync.imapi.CallResult;
import io.groupsync.model.PlanContext;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Answers the emulator never gives: what stands in front of Tencent, and every code that renews the UserSig. */
class TencentClientAnswersTest {

    private final ManualClock clock = new ManualClock();
    private final ScriptedServer server = new ScriptedServer();
    private final List<HttpUrl> wire = new CopyOnWriteArrayList<>();
    private final OkHttpClient http = new OkHttpClient.Builder()
            .readTimeout(TencentTestKit.READ_TIMEOUT)
            .addNetworkInterceptor(chain -> {
                wire.add(chain.request().url());
                return chain.proceed(chain.request());
            })
            .build();
    private final TencentClient client = new TencentClient(http, server.baseUri(), TencentTestKit.APP,
            TencentTestKit.ADMIN, TencentTestKit.KEY, TencentTestKit.TTL, clock, new Random(5));

    @AfterEach
    void stop() {
        TencentTestKit.shutdown(http);
        server.close();
    }

    @Test
    void a200WithoutTencentsEnvelopeIsTransient() throws Exception {
        server.then(ScriptedServer.Answer.of(200, "<html>captive portal</html>"));

        CallResult result = send();

        assertThat(result).isEqualTo(new CallResult(CallClass.TRANSIENT, null, 200,
                "HTTP 200 without Tencent's ErrorCode envelope", null, null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{}", "[]", "{\"ActionStatus\":\"OK\"}", "{\"ErrorCode\":\"0\"}",
            "{\"ErrorCode\":99999999999}", "{\"ErrorCode\":1.5}"})
    void a200WhoseErrorCodeIsMissingOrNotAnIntIsTransient(String body) throws Exception {
        server.then(ScriptedServer.Answer.of(200, body));

        assertThat(send().outcome()).isEqualTo(CallClass.TRANSIENT);
    }

    @Test
    void http429IsThrottledForItsRetryAfter() throws Exception {
        server.then(new ScriptedServer.Answer(429, Map.of("Retry-After", "7"), uri -> "slow down"));

        CallResult result = send();

        assertThat(result.outcome()).isEqualTo(CallClass.THROTTLED);
        assertThat(result.httpStatus()).isEqualTo(429);
        assertThat(result.retryAfter()).isEqualTo(Duration.ofSeconds(7));
    }

    @ParameterizedTest(name = "HTTP {0} → {1}")
    @CsvSource({"500, TRANSIENT", "502, TRANSIENT", "504, TRANSIENT", "400, PERMANENT", "403, PERMANENT",
            "404, PERMANENT", "429, THROTTLED"})
    void aNon200AnswerIsClassifiedByItsStatus(int status, CallClass expected) throws Exception {
        server.then(ScriptedServer.Answer.of(status, "<html>gateway</html>"));

        CallResult result = send();

        assertThat(result.outcome()).isEqualTo(expected);
        assertThat(result.httpStatus()).isEqualTo(status);
        assertThat(result.vendorCode()).isNull();
        assertThat(result.retryAfter()).isNull();
    }

    @Test
    void signatureFailureLimit70050WaitsAMinute() throws Exception {
        server.then(ScriptedServer.Answer.tencent(70050, "too many signature failures"));

        CallResult result = send();

        assertThat(result.outcome()).isEqualTo(CallClass.THROTTLED);
        assertThat(result.retryAfter()).isEqualTo(Duration.ofMinutes(1));
        assertThat(wire).as("not a renewal code").hasSize(1);
    }

    @Test
    void anUnknownCodeIsPermanentWithTencentsInfo() throws Exception {
        server.then(ScriptedServer.Answer.tencent(12345, "something new"));

        assertThat(send()).isEqualTo(new CallResult(CallClass.PERMANENT, 12345, 200, "something new", null, null));
    }

    @Test
    void theRequestIdInTencentsEnvelopeIsKeptOnTheResultAndAnAnswerWithoutOneHasNone() throws Exception {
        server.then(ScriptedServer.Answer.of(200, "{\"ActionStatus\":\"FAIL\",\"ErrorCode\":10002,"
                + "\"ErrorInfo\":\"busy\",\"RequestId\":\"Id-4f2b\"}"))
                .then(ScriptedServer.Answer.tencent(10002, "busy"));

        assertThat(send().requestId()).isEqualTo("Id-4f2b");
        assertThat(send().requestId()).isNull();
    }

    @ParameterizedTest(name = "{0} then OK")
    @ValueSource(ints = {60004, 60005, 70001, 70003})
    void eachUserSigRefusalIsCuredByOneRenewal(int code) throws Exception {
        server.then(ScriptedServer.Answer.tencent(code, "refused")).then(ScriptedServer.Answer.tencent(0, ""));
        clock.advance(Duration.ofMinutes(1));

        assertThat(send()).isEqualTo(CallResult.ok(0, 200));
        assertThat(wire).hasSize(2);
        assertThat(wire.get(1).queryParameter("usersig")).isNotEqualTo(wire.get(0).queryParameter("usersig"));
        assertThat(wire.get(1).queryParameter("random")).isNotEqualTo(wire.get(0).queryParameter("random"));
    }

    @ParameterizedTest(name = "{0} twice → {1}")
    @CsvSource({"60004, PERMANENT", "60005, PERMANENT", "70001, TRANSIENT", "70003, PERMANENT"})
    void aUserSigRefusedAgainAfterRenewalSurfacesWithItsClass(int code, CallClass expected) throws Exception {
        server.then(ScriptedServer.Answer.tencent(code, "refused")).then(ScriptedServer.Answer.tencent(code, "again"));

        CallResult result = send();

        assertThat(result).isEqualTo(new CallResult(expected, code, 200, "after renewing the UserSig: again", null,
                null));
        assertThat(wire).hasSize(2);
    }

    @Test
    void aRenewalRetryThatMeetsAnotherErrorSurfacesThatError() throws Exception {
        server.then(ScriptedServer.Answer.tencent(70001, "expired"))
                .then(ScriptedServer.Answer.tencent(10010, "group gone"));

        CallResult result = send();

        assertThat(result.outcome()).isEqualTo(CallClass.PERMANENT);
        assertThat(result.vendorCode()).isEqualTo(10010);
    }

    @Test
    void anAnswerEchoingTheUserSigOrTheKeyIsScrubbed() throws Exception {
        server.then(new ScriptedServer.Answer(200, Map.of(), uri -> "{\"ActionStatus\":\"FAIL\",\"ErrorCode\":10004,"
                + "\"ErrorInfo\":\"bad request " + uri.getRawQuery() + " key " + TencentTestKit.KEY + "\"}"));

        CallResult result = send();

        String sig = wire.get(0).queryParameter("usersig");
        assertThat(result.message()).contains("usersig=<redacted>", "key <redacted>")
                .doesNotContain(sig).doesNotContain(TencentTestKit.KEY);
    }

    @Test
    void aClosedDispatcherStillCompletesTheFutureAsTransient() throws Exception {
        http.dispatcher().executorService().shutdown();

        CallResult result = send();

        assertThat(result.outcome()).isEqualTo(CallClass.TRANSIENT);
        assertThat(result.failure()).isNotNull();
    }

    private CallResult send() throws Exception {
        return client.send(client.plan("g1", Target.group(), Patch.empty().set(Field.NAME, "n"), PlanContext.NONE,
                clock.currentTimeMillis()).get(0)).get(5, TimeUnit.SECONDS);
    }
}
