package io.groupsync.imapi.tencent;

import static org.assertj.core.api.Assertions.assertThat;

import io.groupsync.model.Field;
import io.groupsync.model.Patch;
import io.groupsync.model.Target;
import io.groupsync.testkit.emulator.Call;
import io.groupsync.testkit.emulator.Fault;
import io.groupsync.testkit.emulator.tencent.GroupType;
import io.groupsync.testkit.emulator.tencent.TencentEmulator;
import io.groupsync.imapi.CallClass;
import io.groupsync.imapi.CallResult;
import io.groupsync.model.PlanContext;
import io.groupsync.imapi.VendorCall;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** send() against the Tencent emulator: classified answers, injected faults, and the UserSig's life. */
class TencentClientSendTest {

    static final String GROUP = "@TGS#1NVTZEAE4";

    private TencentTestKit kit;

    @BeforeEach
    void start() {
        kit = new TencentTestKit();
        kit.emulator.seedGroup(GROUP, GroupType.PUBLIC, "owner");
    }

    @AfterEach
    void stop() {
        kit.close();
    }

    @Test
    void anExpiredUserSigIsRenewedAndTheCallRetriedOnceInsideTheClient() throws Exception {
        kit.clock.advance(Duration.ofHours(1)); // the UserSig was issued an hour ago, so a new one differs
        kit.emulator.faults().forceNext(Fault.AUTH_EXPIRED, 1);

        CallResult result = kit.send(rename("Renewed"));

        assertThat(result).isEqualTo(CallResult.ok(0, 200));
        assertThat(kit.emulator.calls().all()).extracting(Call::vendorCode).containsExactly(70001, 0);
        assertThat(kit.userSigsOnTheWire()).hasSize(2).doesNotHaveDuplicates();
        assertThat(kit.emulator.group(GROUP).name()).isEqualTo("Renewed");
    }

    @Test
    void theRetryWithARenewedUserSigPassesTheRateLimitGateAgain() throws Exception {
        kit.emulator.faults().forceNext(Fault.AUTH_EXPIRED, 1);
        List<String> passed = new CopyOnWriteArrayList<>();

        CallResult result = kit.client.send(rename("Twice"), (api, unplanned) -> passed.add(api
                + (unplanned ? " with a token of its own" : ""))).get(5, TimeUnit.SECONDS);

        assertThat(result.isOk()).isTrue();
        assertThat(passed).as("the vendor counts both requests, so both are paced")
                .containsExactly(TencentRequests.MODIFY_GROUP_BASE_INFO,
                        TencentRequests.MODIFY_GROUP_BASE_INFO + " with a token of its own");
    }

    @Test
    void aSecondExpiryInARowSurfacesAsTransientAndTheRenewedUserSigIsKept() throws Exception {
        kit.clock.advance(Duration.ofHours(1));
        kit.emulator.faults().forceNext(Fault.AUTH_EXPIRED, 2);

        CallResult result = kit.send(rename("Twice"));

        assertThat(result.outcome()).isEqualTo(CallClass.TRANSIENT);
        assertThat(result.vendorCode()).isEqualTo(70001);
        assertThat(result.httpStatus()).isEqualTo(200);
        assertThat(result.message()).startsWith("after renewing the UserSig: ");
        assertThat(kit.emulator.calls().count()).as("one retry, not more").isEqualTo(2);

        assertThat(kit.send(rename("Later"))).isEqualTo(CallResult.ok(0, 200));
        assertThat(kit.userSigsOnTheWire()).as("renewed once, then reused").hasSize(3)
                .satisfies(sigs -> assertThat(sigs.get(1)).isNotEqualTo(sigs.get(0)).isEqualTo(sigs.get(2)));
    }

    @Test
    void theUserSigIsRenewedBeforeItExpiresSoTencentNeverRefusesIt() throws Exception {
        assertThat(kit.send(rename("One"))).isEqualTo(CallResult.ok(0, 200));
        kit.clock.advance(Duration.ofHours(19).plusMinutes(11));
        assertThat(kit.send(rename("Two"))).isEqualTo(CallResult.ok(0, 200));
        kit.clock.advance(Duration.ofMinutes(1)); // 80 % of the one-day TTL
        assertThat(kit.send(rename("Three"))).isEqualTo(CallResult.ok(0, 200));
        kit.clock.advance(Duration.ofHours(23)); // past the first UserSig's expiry
        assertThat(kit.send(rename("Four"))).isEqualTo(CallResult.ok(0, 200));

        var sigs = kit.userSigsOnTheWire();
        assertThat(sigs.get(1)).isEqualTo(sigs.get(0));
        assertThat(sigs.get(2)).isNotEqualTo(sigs.get(1));
        assertThat(sigs.get(3)).isNotEqualTo(sigs.get(2));
        assertThat(kit.emulator.calls().all()).extracting(Call::vendorCode).containsOnly(0);
    }

    @Test
    void aWrongSecretKeyIsPermanentWithoutARenewal() throws Exception {
        TencentClient wrongKey = new TencentClient(kit.http, kit.emulator.baseUri(), TencentTestKit.APP,
                TencentTestKit.ADMIN, "not-the-key", TencentTestKit.TTL, kit.clock, new Random(3));

        CallResult result = wrongKey.send(rename("x")).get(5, TimeUnit.SECONDS);

        assertThat(result.outcome()).isEqualTo(CallClass.PERMANENT);
        assertThat(result.vendorCode()).isEqualTo(70009);
        assertThat(kit.emulator.calls().count()).as("70009 is configuration: no renewal").isEqualTo(1);
    }

    @Test
    void anUnknownSdkAppIdIsPermanent() throws Exception {
        TencentClient wrongApp = new TencentClient(kit.http, kit.emulator.baseUri(), TencentTestKit.APP + 1,
                TencentTestKit.ADMIN, TencentTestKit.KEY, TencentTestKit.TTL, kit.clock, new Random(3));

        CallResult result = wrongApp.send(rename("x")).get(5, TimeUnit.SECONDS);

        assertThat(result.outcome()).isEqualTo(CallClass.PERMANENT);
        assertThat(result.vendorCode()).isEqualTo(60006);
    }

    @Test
    void aDroppedConnectionIsTransientWithTheExceptionClass() throws Exception {
        kit.emulator.faults().forceNext(Fault.DROP, 1);

        CallResult result = kit.send(rename("x"));

        assertThat(result.outcome()).isEqualTo(CallClass.TRANSIENT);
        assertThat(result.httpStatus()).isNull();
        assertThat(result.vendorCode()).isNull();
        assertThat(Class.forName(result.failure())).isAssignableTo(IOException.class);
        assertThat(kit.emulator.group(GROUP).name()).isEqualTo(GROUP);
    }

    @Test
    void aTimeoutIsTransientWithTheExceptionClass() throws Exception {
        kit.emulator.setTimeoutHold(TencentTestKit.READ_TIMEOUT.multipliedBy(3));
        kit.emulator.faults().forceNext(Fault.TIMEOUT, 1);

        CallResult result = kit.send(rename("x"));

        assertThat(result.outcome()).isEqualTo(CallClass.TRANSIENT);
        assertThat(result.httpStatus()).isNull();
        assertThat(Class.forName(result.failure())).isAssignableTo(IOException.class);
        // okhttp says "timeout" when its call timeout fires first, the socket "Read timed out" when the read one does.
        assertThat(result.message().toLowerCase(java.util.Locale.ROOT)).containsAnyOf("timeout", "timed out");
    }

    @Test
    void aServerErrorIsTransientWithItsHttpStatus() throws Exception {
        kit.emulator.faults().forceNext(Fault.SERVER_ERROR, 1);

        CallResult result = kit.send(rename("x"));

        assertThat(result.outcome()).isEqualTo(CallClass.TRANSIENT);
        assertThat(result.httpStatus()).isEqualTo(503);
        assertThat(result.vendorCode()).isNull();
        assertThat(result.message()).isEqualTo("HTTP 503 without Tencent's envelope");
    }

    @Test
    void tencentsFrequencyLimitAnswersAreThrottled() throws Exception {
        kit.emulator.faults().forceNext(Fault.THROTTLE, 1);
        CallResult rest = kit.send(rename("x"));
        kit.emulator.setThrottleCode(TencentEmulator.GROUP_FREQUENCY_LIMIT);
        kit.emulator.faults().forceNext(Fault.THROTTLE, 1);
        CallResult group = kit.send(rename("x"));

        assertThat(rest.outcome()).isEqualTo(CallClass.THROTTLED);
        assertThat(rest.vendorCode()).isEqualTo(60007);
        assertThat(group.outcome()).isEqualTo(CallClass.THROTTLED);
        assertThat(group.vendorCode()).isEqualTo(10006);
    }

    @Test
    void tencentsInternalError10002IsTransient() throws Exception {
        kit.emulator.faults().forceNext(Fault.VENDOR_TRANSIENT, 1);

        CallResult result = kit.send(rename("x"));

        assertThat(result.outcome()).isEqualTo(CallClass.TRANSIENT);
        assertThat(result.vendorCode()).isEqualTo(10002);
        assertThat(kit.emulator.calls().count()).isEqualTo(1);
    }

    @Test
    void aRefusedEditIsPermanentWithTencentsErrorInfo() throws Exception {
        CallResult result = kit.send(kit.client.plan("@TGS#missing", Target.group(),
                Patch.empty().set(Field.NAME, "x"), PlanContext.NONE, kit.clock.currentTimeMillis()).get(0));

        assertThat(result.outcome()).isEqualTo(CallClass.PERMANENT);
        assertThat(result.vendorCode()).isEqualTo(10010);
        assertThat(result.message()).contains("@TGS#missing");
    }

    @Test
    void randomIsAFreshUint32OnEveryCall() throws Exception {
        for (int i = 0; i < 20; i++) {
            assertThat(kit.send(rename("n" + i)).isOk()).isTrue();
        }

        var randoms = kit.wire.stream().map(url -> Long.parseLong(url.queryParameter("random"))).toList();
        assertThat(randoms).hasSize(20).doesNotHaveDuplicates()
                .allSatisfy(r -> assertThat(r).isBetween(0L, 4_294_967_295L));
    }

    @Test
    void randomReachesBothEndsOfTheUint32RangeAndTencentTakesThem() throws Exception {
        TencentClient lowest = new TencentClient(kit.http, kit.emulator.baseUri(), TencentTestKit.APP,
                TencentTestKit.ADMIN, TencentTestKit.KEY, TencentTestKit.TTL, kit.clock, () -> 0L);
        TencentClient highest = new TencentClient(kit.http, kit.emulator.baseUri(), TencentTestKit.APP,
                TencentTestKit.ADMIN, TencentTestKit.KEY, TencentTestKit.TTL, kit.clock, () -> -1L);

        assertThat(lowest.send(rename("low")).get(5, TimeUnit.SECONDS).isOk()).isTrue();
        assertThat(highest.send(rename("high")).get(5, TimeUnit.SECONDS).isOk()).isTrue();

        assertThat(kit.wire).extracting(url -> url.queryParameter("random")).containsExactly("0", "4294967295");
    }

    @Test
    void theUrlCarriesTencentsFiveParametersInTheDocumentedOrder() throws Exception {
        kit.send(rename("x"));

        HttpUrl url = kit.wire.get(0);
        assertThat(url.encodedPath()).isEqualTo("/v4/group_open_http_svc/modify_group_base_info");
        assertThat(url.queryParameterNames()).containsExactly("sdkappid", "identifier", "usersig", "random",
                "contenttype");
        assertThat(url.queryParameter("sdkappid")).isEqualTo("1400000001");
        assertThat(url.queryParameter("identifier")).isEqualTo("administrator");
        assertThat(url.queryParameter("contenttype")).isEqualTo("json");
    }

    private VendorCall rename(String name) {
        return kit.client.plan(GROUP, Target.group(), Patch.empty().set(Field.NAME, name), PlanContext.NONE,
                kit.clock.currentTimeMillis()).get(0);
    }
}
