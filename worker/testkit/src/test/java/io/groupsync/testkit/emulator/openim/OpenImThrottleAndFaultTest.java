package io.groupsync.testkit.emulator.openim;

import static io.groupsync.testkit.emulator.openim.OpenImEmulator.GET_ADMIN_TOKEN;
import static io.groupsync.testkit.emulator.openim.OpenImEmulator.MUTE_GROUP;
import static io.groupsync.testkit.emulator.openim.OpenImEmulator.SET_GROUP_INFO_EX;
import static io.groupsync.testkit.emulator.openim.OpenImHttp.SECRET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.groupsync.testkit.emulator.Call;
import io.groupsync.testkit.emulator.Fault;
import io.groupsync.testkit.emulator.ManualEmulatorClock;
import io.groupsync.testkit.emulator.openim.OpenImHttp.Reply;
import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OpenImThrottleAndFaultTest {

    private static final Map<String, Object> EDIT = Map.of("groupID", "g1", "ex", "x");

    private final ManualEmulatorClock clock = new ManualEmulatorClock();
    private OpenImEmulator openIm;
    private OpenImHttp client;
    private String token;

    @BeforeEach
    void start() throws Exception {
        openIm = new OpenImEmulator(clock, SECRET).start().seedGroup("g1");
        client = new OpenImHttp(openIm.baseUri());
        token = client.adminToken();
    }

    @AfterEach
    void stop() {
        openIm.close();
    }

    @Test
    void limitsEachApiToOneHundredCallsPerSecondByDefault() {
        assertThat(openIm.limiter().limit(SET_GROUP_INFO_EX)).isEqualTo(100);
    }

    @Test
    void answersACallOverTheLimitWithinASlidingSecondWith429RetryAfterAndErrCode429() throws Exception {
        openIm.limiter().setLimit(SET_GROUP_INFO_EX, 3);
        for (int i = 0; i < 3; i++) {
            assertThat(client.post(SET_GROUP_INFO_EX, token, EDIT).status()).isEqualTo(200);
        }
        clock.advance(Duration.ofMillis(999));

        Reply throttled = client.post(SET_GROUP_INFO_EX, token, EDIT);

        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.headers().firstValue("Retry-After")).contains("1");
        assertThat(throttled.errCode()).isEqualTo(429);
        assertThat(client.post(MUTE_GROUP, token, Map.of("groupID", "g1")).status())
                .as("another API has its own window").isEqualTo(200);
        clock.advance(Duration.ofMillis(1));
        assertThat(client.post(SET_GROUP_INFO_EX, token, EDIT).errCode()).as("the window slid").isZero();
        assertThat(openIm.calls().throttled()).isEqualTo(1);
        assertThat(openIm.calls().busiestSecond(SET_GROUP_INFO_EX)).isEqualTo(4);
    }

    @Test
    void sendsTheRetryAfterItWasSetTo() throws Exception {
        openIm.setRetryAfterSeconds(7);
        openIm.faults().forceNext(Fault.THROTTLE, 1);

        Reply throttled = client.post(SET_GROUP_INFO_EX, token, EDIT);

        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.headers().firstValue("Retry-After")).contains("7");
        assertThat(openIm.group("g1").orElseThrow().ex()).isEmpty();
    }

    @Test
    void logsCallsUnderThePathWithoutTheLeadingSlash() throws Exception {
        client.post(SET_GROUP_INFO_EX, token, EDIT);

        assertThat(openIm.calls().all()).extracting(Call::api)
                .containsExactly("auth/get_admin_token", "group/set_group_info_ex");
        assertThat(openIm.calls().of(SET_GROUP_INFO_EX)).singleElement()
                .satisfies(call -> assertThat(call.vendorCode()).isZero());
    }

    @Test
    void answersAPathItDoesNotServeWith404() throws Exception {
        assertThat(client.post("group/dismiss_group", token, Map.of("groupID", "g1")).status()).isEqualTo(404);
    }

    @Test
    void aDroppedCallReachesTheClientAsAClosedConnection() {
        openIm.faults().forceNext(Fault.DROP, 1);

        assertThatThrownBy(() -> client.post(SET_GROUP_INFO_EX, token, EDIT)).isInstanceOf(IOException.class);
        assertThat(openIm.group("g1").orElseThrow().ex()).isEmpty();
    }

    @Test
    void aHeldCallRunsIntoTheClientReadTimeout() {
        openIm.setTimeoutHold(Duration.ofSeconds(2));
        openIm.faults().forceNext(Fault.TIMEOUT, 1);
        OpenImHttp impatient = new OpenImHttp(openIm.baseUri()).readTimeout(Duration.ofMillis(300));

        assertThatThrownBy(() -> impatient.post(SET_GROUP_INFO_EX, token, EDIT))
                .isInstanceOf(HttpTimeoutException.class);
        assertThat(openIm.group("g1").orElseThrow().ex()).isEmpty();
    }

    @Test
    void aServerErrorIsA503WithoutTheOpenImEnvelope() throws Exception {
        openIm.faults().forceNext(Fault.SERVER_ERROR, 1);

        Reply reply = client.post(SET_GROUP_INFO_EX, token, EDIT);

        assertThat(reply.status()).isEqualTo(503);
        assertThat(reply.body()).isNull();
    }

    @Test
    void aVendorTransientIsErrCode500InAnHttp200Envelope() throws Exception {
        openIm.faults().forceNext(Fault.VENDOR_TRANSIENT, 1);

        Reply reply = client.post(SET_GROUP_INFO_EX, token, EDIT);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.errCode()).isEqualTo(500);
        assertThat(reply.body().path("errMsg").asText()).isEqualTo("ServerInternalError");
        assertThat(client.post(SET_GROUP_INFO_EX, token, EDIT).errCode()).as("a retry goes through").isZero();
    }

    @Test
    void anInjectedExpiryAnswers1501AndExpiresThePresentedTokenUntilANewOneIsFetched() throws Exception {
        openIm.faults().forceNext(Fault.AUTH_EXPIRED, 1);

        Reply expired = client.post(SET_GROUP_INFO_EX, token, EDIT);

        assertThat(expired.status()).isEqualTo(200);
        assertThat(expired.errCode()).isEqualTo(1501);
        assertThat(client.post(SET_GROUP_INFO_EX, token, EDIT).errCode()).as("same token again").isEqualTo(1501);
        String fresh = client.adminToken();
        assertThat(client.post(SET_GROUP_INFO_EX, fresh, EDIT).errCode()).isZero();
        assertThat(openIm.issuedTokenCount()).isEqualTo(2);
    }

    @Test
    void recordsTheOperationIdOfThrottledAndFaultedCallsToo() throws Exception {
        openIm.faults().forceNext(Fault.THROTTLE, 1).forceNext(Fault.VENDOR_TRANSIENT, 1);

        client.post(SET_GROUP_INFO_EX, token, EDIT);
        client.post(SET_GROUP_INFO_EX, token, EDIT);

        assertThat(openIm.operationIDs()).containsExactly("op-1", "op-2", "op-3");
        assertThat(openIm.calls().count(GET_ADMIN_TOKEN)).isEqualTo(1);
    }
}
