package io.groupsync.imapi.rongcloud;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.groupsync.model.Field;
import io.groupsync.model.Patch;
import io.groupsync.model.Target;
import io.groupsync.testkit.emulator.Fault;
import io.groupsync.imapi.CallClass;
import io.groupsync.imapi.CallResult;
import io.groupsync.model.PlanContext;
import io.groupsync.imapi.VendorCall;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The App Secret and the Signatures never reach a result, a dead letter's request or a log line, even when the
 * vendor echoes them; and the answers the emulator never gives (Retry-After, proxy pages) over real HTTP.
 */
class RongCloudClientSecretsTest {

    private RongCloudTestKit kit;
    private ScriptedServer scripted;
    private RongCloudClient client;
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

    @BeforeEach
    void start() {
        kit = new RongCloudTestKit();
        scripted = new ScriptedServer();
        client = kit.client(scripted.baseUri(), null);
        logs.start();
        clientLogger().addAppender(logs);
    }

    @AfterEach
    void stop() {
        clientLogger().detachAppender(logs);
        scripted.close();
        kit.close();
    }

    @Test
    void anErrorMessageEchoingTheSignatureOrTheSecretIsCleaned() throws Exception {
        scripted.then(new ScriptedServer.Answer(401, Map.of(), request -> "{\"code\":1004,\"errorMessage\":"
                + "\"bad signature " + request.getFirst("Signature") + " for secret "
                + RongCloudTestKit.APP_SECRET + "\"}"));

        CallResult result = RongCloudTestKit.send(client, rename());

        assertThat(result.outcome()).isEqualTo(CallClass.PERMANENT);
        assertThat(result.message()).isEqualTo("bad signature <redacted> for secret <redacted>");
    }

    @Test
    void neitherThePlannedCallNorTheClientShowTheSecret() {
        VendorCall call = rename();

        assertThat(call.redacted()).doesNotContain(RongCloudTestKit.APP_SECRET).doesNotContain("Signature");
        assertThat(new String(call.body(), StandardCharsets.UTF_8))
                .doesNotContain(RongCloudTestKit.APP_SECRET);
        assertThat(client.toString()).doesNotContain(RongCloudTestKit.APP_SECRET)
                .contains(RongCloudTestKit.APP_KEY);
    }

    @Test
    void aFailOverIsLoggedWithoutAnySecret() throws Exception {
        kit.emulator.seedGroup("group1", "Group one");
        kit.emulator.faults().forceNext(Fault.DROP, 1);

        CallResult result = kit.send(rename());

        assertThat(result.isOk()).as(result.message()).isTrue();
        String timestamp = Long.toString(kit.clock.currentTimeMillis() / 1000);
        List<String> signatures = kit.nonces.stream()
                .map(n -> RongCloudSigner.signature(RongCloudTestKit.APP_SECRET, n, timestamp)).toList();
        assertThat(signatures).hasSize(2);
        assertThat(logs.list).singleElement().satisfies(event -> {
            assertThat(event.getFormattedMessage()).contains("sending it to the backup domain")
                    .doesNotContain(RongCloudTestKit.APP_SECRET);
            assertThat(signatures).allSatisfy(sig -> assertThat(event.getFormattedMessage()).doesNotContain(sig));
        });
        assertThat(result.message()).doesNotContain(RongCloudTestKit.APP_SECRET);
        assertThat(signatures).allSatisfy(sig -> assertThat(result.message()).doesNotContain(sig));
    }

    @Test
    void aThrottledAnswerOverHttpCarriesItsRetryAfter() throws Exception {
        scripted.then(new ScriptedServer.Answer(429, Map.of("Retry-After", "3"),
                request -> "{\"code\":1008,\"errorMessage\":\"too many\"}"));

        CallResult result = RongCloudTestKit.send(client, rename());

        assertThat(result.outcome()).isEqualTo(CallClass.THROTTLED);
        assertThat(result.retryAfter()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void theRequestIdRongCloudAnswersWithIsKeptOnTheResult() throws Exception {
        scripted.then(new ScriptedServer.Answer(500, Map.of("X-Request-Id", "rc-9b1e"),
                request -> "{\"code\":1000,\"errorMessage\":\"internal\"}"));

        CallResult result = RongCloudTestKit.send(client, rename());

        assertThat(result.outcome()).isEqualTo(CallClass.TRANSIENT);
        assertThat(result.requestId()).isEqualTo("rc-9b1e");
    }

    @Test
    void aProxysPageIsClassedByItsStatus() throws Exception {
        scripted.then(ScriptedServer.Answer.of(502, "<html><body>Bad Gateway</body></html>"))
                .then(ScriptedServer.Answer.of(200, "<html>Log in to the Wi-Fi</html>"))
                .then(ScriptedServer.Answer.of(403, "Forbidden"));

        CallResult badGateway = RongCloudTestKit.send(client, rename());
        CallResult portal = RongCloudTestKit.send(client, rename());
        CallResult forbidden = RongCloudTestKit.send(client, rename());

        assertThat(badGateway.outcome()).isEqualTo(CallClass.TRANSIENT);
        assertThat(badGateway.httpStatus()).isEqualTo(502);
        assertThat(portal.outcome()).isEqualTo(CallClass.TRANSIENT);
        assertThat(forbidden.outcome()).isEqualTo(CallClass.PERMANENT);
        assertThat(forbidden.message()).isEqualTo("HTTP 403 without RongCloud's envelope");
    }

    @Test
    void everyRequestCarriesTheFourAuthHeadersAndAFormBody() throws Exception {
        scripted.then(new ScriptedServer.Answer(200, Map.of(), request -> {
            boolean signed = request.containsKey("App-key") && request.containsKey("Nonce")
                    && request.containsKey("Timestamp") && request.getFirst("Signature").matches("[0-9a-f]{40}")
                    && request.getFirst("Content-Type").startsWith("application/x-www-form-urlencoded");
            return signed ? "{\"code\":200}" : "{\"code\":1004,\"errorMessage\":\"unsigned\"}";
        }));

        assertThat(RongCloudTestKit.send(client, rename()).isOk()).isTrue();
    }

    private VendorCall rename() {
        return kit.client.plan("group1", Target.group(), Patch.empty().set(Field.NAME, "n"), PlanContext.NONE, 0)
                .get(0);
    }

    private static Logger clientLogger() {
        return (Logger) LoggerFactory.getLogger(RongCloudClient.class);
    }
}
