package io.groupsync.imapi.openim;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.groupsync.model.Field;
import io.groupsync.model.Patch;
import io.groupsync.model.Target;
import io.groupsync.testkit.emulator.Fault;
import io.groupsync.testkit.emulator.openim.OpenImEmulator;
import io.groupsync.imapi.CallClass;
import io.groupsync.imapi.CallResult;
import io.groupsync.model.PlanContext;
import io.groupsync.imapi.VendorCall;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** How the client classifies what goes wrong, end to end against the emulator, and that no secret leaks. */
class OpenImClientFailuresTest {

    private final OpenImFixture fx = new OpenImFixture();
    private final OpenImEmulator openIm = fx.openIm.seedGroup("g1");
    private final OpenImClient client = fx.client();

    @AfterEach
    void stop() {
        fx.close();
    }

    private CallResult rename(OpenImClient with, String groupId) throws Exception {
        VendorCall call = with.plan(groupId, Target.group(), Patch.empty().set(Field.NAME, "x"), PlanContext.NONE,
                0).get(0);
        return with.send(call).get(5, SECONDS);
    }

    /** Fetches the token first, so that a forced fault hits the call under test and not get_admin_token. */
    private void warmUp() throws Exception {
        assertThat(rename(client, "g1").isOk()).isTrue();
    }

    @Test
    void anUnknownGroupIsPermanentWithTheVendorsCodeAndMessage() throws Exception {
        CallResult result = rename(client, "nope");

        assertThat(result.outcome()).isEqualTo(CallClass.PERMANENT);
        assertThat(result.vendorCode()).isEqualTo(1004);
        assertThat(result.httpStatus()).isEqualTo(200);
        assertThat(result.message()).matches("operationID gs[0-9a-f]{8}-\\d+: \\[1004] RecordNotFoundError"
                + " \\(: \\[1004]RecordNotFoundError\\)");
    }

    @Test
    void theOperationIdSentIsTheResultsRequestId() throws Exception {
        CallResult result = rename(client, "nope");

        assertThat(result.requestId()).matches("gs[0-9a-f]{8}-\\d+");
        assertThat(result.message()).startsWith("operationID " + result.requestId() + ": ");
    }

    @Test
    void aDismissedGroupIsPermanent() throws Exception {
        openIm.dismissGroup("g1");

        CallResult result = rename(client, "g1");

        assertThat(result.outcome()).isEqualTo(CallClass.PERMANENT);
        assertThat(result.vendorCode()).isEqualTo(1204);
    }

    @Test
    void aCustomDataKeyJacksonCannotReadBackIsPermanentAndNothingIsSent() throws Exception {
        VendorCall call = client.plan("g1", Target.group(), Patch.empty().putCustom("k".repeat(60_000), "v"),
                PlanContext.NONE, 0).get(0);
        int before = openIm.calls().count();

        CallResult result = client.send(call).get(5, SECONDS);

        assertThat(result.outcome()).isEqualTo(CallClass.PERMANENT);
        assertThat(result.message()).startsWith("the planned group/set_group_info_ex request cannot be read back: ")
                .contains("exceeds the maximum allowed");
        assertThat(openIm.calls().count()).isEqualTo(before);
    }

    @Test
    void theServersInternalErrorIsTransient() throws Exception {
        warmUp();
        openIm.faults().forceNext(Fault.VENDOR_TRANSIENT, 1);

        CallResult result = rename(client, "g1");

        assertThat(result.outcome()).isEqualTo(CallClass.TRANSIENT);
        assertThat(result.vendorCode()).isEqualTo(500);
    }

    /** A restarting or slow RPC service is answered with its gRPC status as errCode: none of it is permanent. */
    @Test
    void theGatewaysGrpcStatusesAreTransientNotPermanent() throws Exception {
        warmUp();
        openIm.faults().forceNext(Fault.VENDOR_TRANSIENT, 3);

        List<CallResult> results = List.of(rename(client, "g1"), rename(client, "g1"), rename(client, "g1"));

        assertThat(results).extracting(CallResult::vendorCode).containsExactly(500, 14, 4);
        assertThat(results).extracting(CallResult::outcome).containsOnly(CallClass.TRANSIENT);
    }

    @Test
    void mainsRpcLimiterIsAThrottle() throws Exception {
        openIm.setVersion(io.groupsync.testkit.emulator.openim.OpenImVersion.MAIN);
        warmUp();
        openIm.faults().forceNext(Fault.VENDOR_TRANSIENT, 1);

        CallResult result = rename(client, "g1");

        assertThat(result.vendorCode()).isEqualTo(8);
        assertThat(result.outcome()).isEqualTo(CallClass.THROTTLED);
    }

    @Test
    void anHttp5xxWithoutAnEnvelopeIsTransient() throws Exception {
        warmUp();
        openIm.faults().forceNext(Fault.SERVER_ERROR, 1);

        CallResult result = rename(client, "g1");

        assertThat(result.outcome()).isEqualTo(CallClass.TRANSIENT);
        assertThat(result.httpStatus()).isEqualTo(503);
        assertThat(result.vendorCode()).isNull();
        assertThat(result.message()).endsWith(": HTTP 503 Service Unavailable");
    }

    @Test
    void http429IsThrottledWithTheWaitFromRetryAfter() throws Exception {
        warmUp();
        openIm.setRetryAfterSeconds(7);
        openIm.faults().forceNext(Fault.THROTTLE, 1);

        CallResult result = rename(client, "g1");

        assertThat(result.outcome()).isEqualTo(CallClass.THROTTLED);
        assertThat(result.httpStatus()).isEqualTo(429);
        assertThat(result.retryAfter()).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void aDroppedConnectionOrATimeoutIsTransientWithTheFailureNamed() throws Exception {
        warmUp();
        openIm.setTimeoutHold(Duration.ofSeconds(1));
        // Without OkHttp's own silent retry of a request that failed on a pooled connection, so the drop shows.
        OkHttpClient impatient = fx.http.newBuilder().readTimeout(Duration.ofMillis(300))
                .retryOnConnectionFailure(false).build();
        OpenImClient quick = fx.client(impatient, OpenImFixture.SECRET);
        assertThat(rename(quick, "g1").isOk()).isTrue();

        openIm.faults().forceNext(Fault.DROP, 1);
        CallResult dropped = rename(quick, "g1");
        openIm.faults().forceNext(Fault.TIMEOUT, 1);
        CallResult timedOut = rename(quick, "g1");

        assertThat(dropped.outcome()).isEqualTo(CallClass.TRANSIENT);
        assertThat(dropped.failure()).isNotNull();
        assertThat(dropped.message()).startsWith("operationID ");
        assertThat(timedOut.outcome()).isEqualTo(CallClass.TRANSIENT);
        assertThat(timedOut.failure()).contains("SocketTimeoutException");
    }

    @Test
    void aWrongSecretIsPermanentAndRetriedOnTheNextCallNotInALoop() throws Exception {
        OpenImClient wrong = fx.client(fx.http, "not-the-secret");

        CallResult first = rename(wrong, "g1");
        CallResult second = rename(wrong, "g1");

        assertThat(first.outcome()).isEqualTo(CallClass.PERMANENT);
        assertThat(first.vendorCode()).isEqualTo(1002);
        assertThat(first.message()).startsWith("auth/get_admin_token failed: operationID ");
        assertThat(second.outcome()).isEqualTo(CallClass.PERMANENT);
        assertThat(openIm.calls().count(OpenImClient.GET_ADMIN_TOKEN)).isEqualTo(2);
        assertThat(openIm.calls().count(OpenImEmulator.SET_GROUP_INFO_EX)).isZero();
    }

    @Test
    void aTransientFailureOfTheTokenFetchIsTransientAndTheNextCallFetchesAgain() throws Exception {
        openIm.faults().forceNext(Fault.SERVER_ERROR, 1);

        CallResult first = rename(client, "g1");
        CallResult second = rename(client, "g1");

        assertThat(first.outcome()).isEqualTo(CallClass.TRANSIENT);
        assertThat(first.message()).startsWith("auth/get_admin_token failed: ");
        assertThat(second.isOk()).isTrue();
        assertThat(openIm.issuedTokenCount()).isEqualTo(1);
    }

    @Test
    void neitherTheSecretNorAnyTokenAppearsInResultsRequestsOrLogs() throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger(OpenImClient.class);
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        logger.addAppender(logs);
        try {
            List<String> seen = new ArrayList<>();
            VendorCall call = client.plan("g1", Target.group(), Patch.empty().set(Field.NAME, "x")
                    .putCustom("k", "v"), PlanContext.NONE, 0).get(0);
            seen.add(call.redacted());
            seen.add(new String(call.body(), java.nio.charset.StandardCharsets.UTF_8));
            seen.add(client.send(call).get(5, SECONDS).message());
            openIm.faults().forceNext(Fault.AUTH_EXPIRED, 1);
            seen.add(client.send(call).get(5, SECONDS).message());
            openIm.setTokenLifetime(Duration.ZERO);
            openIm.faults().forceNext(Fault.AUTH_EXPIRED, 1);
            seen.add(client.send(call).get(5, SECONDS).message());
            seen.add(rename(fx.client(fx.http, OpenImFixture.SECRET + "x"), "g1").message());
            logs.list.forEach(e -> seen.add(e.getFormattedMessage()));

            assertThat(logs.list).isNotEmpty();
            assertThat(openIm.issuedTokenCount()).isGreaterThanOrEqualTo(3);
            // Every admin token is a JWT with the same header, whose Base64 starts with "eyJ".
            assertThat(seen).allSatisfy(text -> assertThat(text)
                    .doesNotContain(OpenImFixture.SECRET).doesNotContain("eyJ"));
        } finally {
            logger.detachAppender(logs);
        }
    }
}
