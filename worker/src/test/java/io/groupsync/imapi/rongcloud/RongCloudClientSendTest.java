package io.groupsync.imapi.rongcloud;

import static org.assertj.core.api.Assertions.assertThat;

import io.groupsync.model.Field;
import io.groupsync.model.Patch;
import io.groupsync.model.Target;
import io.groupsync.testkit.emulator.Fault;
import io.groupsync.testkit.emulator.rongcloud.RongCloudEmulator;
import io.groupsync.imapi.CallClass;
import io.groupsync.imapi.CallResult;
import io.groupsync.model.PlanContext;
import io.groupsync.imapi.VendorCall;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client against the RongCloud emulator over real HTTP: answers, faults and refusals, classified. */
class RongCloudClientSendTest {

    private static final String GROUP = "group1";
    private static final String USER = "user01";

    private RongCloudTestKit kit;

    @BeforeEach
    void start() {
        kit = new RongCloudTestKit(false);
        kit.emulator.seedGroup(GROUP, "Group one");
        kit.emulator.seedMember(GROUP, USER);
    }

    @AfterEach
    void stop() {
        kit.close();
    }

    @Test
    void aRenameIsAppliedAndAnsweredOk() throws Exception {
        CallResult result = kit.send(rename("Renamed"));

        assertThat(result).isEqualTo(CallResult.ok(200, 200));
        assertThat(kit.emulator.group(GROUP).groupProfile().name()).isEqualTo("Renamed");
    }

    @Test
    void everySendIsSignedAfreshSoTheSameCallSentTwiceIsNotAReplay() throws Exception {
        VendorCall call = rename("Twice");

        assertThat(kit.send(call).isOk()).isTrue();
        assertThat(kit.send(call).isOk()).as("a replayed nonce would be refused with 1004").isTrue();

        assertThat(kit.nonces).hasSize(2).doesNotHaveDuplicates();
    }

    @Test
    void aMemberNicknameAndExtraAreSetAndTheExtraClearedToAnEmptyObjectByDeletingTheKey() throws Exception {
        Patch set = Patch.empty().set(Field.NAME_CARD, "Nick").putCustom("extra", "{\"team\":\"blue\"}");
        Patch clear = Patch.empty().set(Field.NAME_CARD, "Nick 2").putCustom("extra", null);

        assertThat(kit.send(member(set)).isOk()).isTrue();
        assertThat(kit.emulator.member(GROUP, USER).extra()).isEqualTo("{\"team\":\"blue\"}");
        assertThat(kit.send(member(Patch.empty().set(Field.NAME_CARD, "Kept"))).isOk()).isTrue();
        assertThat(kit.emulator.member(GROUP, USER).extra()).as("absent extra is unchanged")
                .isEqualTo("{\"team\":\"blue\"}");
        assertThat(kit.send(member(clear)).isOk()).isTrue();

        assertThat(kit.emulator.member(GROUP, USER).nickname()).isEqualTo("Nick 2");
        assertThat(kit.emulator.member(GROUP, USER).extra()).as("RongCloud takes no empty extra")
                .isEqualTo("{}");
    }

    @Test
    void aDeletedCustomKeyIsRemovedFromTheGroup() throws Exception {
        assertThat(kit.send(group(Patch.empty().putCustom("level", "gold").putCustom("ext_tier", "1"))).isOk())
                .isTrue();
        assertThat(kit.emulator.group(GROUP).groupExtProfile()).containsOnlyKeys("ext_level", "ext_tier");

        assertThat(kit.send(group(Patch.empty().putCustom("level", null))).isOk()).isTrue();

        assertThat(kit.emulator.group(GROUP).groupExtProfile()).containsOnlyKeys("ext_tier");
    }

    @Test
    void theVendorsInternalErrorIsTransientWith1000() throws Exception {
        kit.emulator.faults().forceNext(Fault.VENDOR_TRANSIENT, 1);

        CallResult result = kit.send(rename("x"));

        assertThat(result.outcome()).isEqualTo(CallClass.TRANSIENT);
        assertThat(result.vendorCode()).isEqualTo(1000);
        assertThat(result.httpStatus()).isEqualTo(500);
        assertThat(result.message()).contains("internal server error");
    }

    @Test
    void theVendorsServiceTimeoutIsTransientWith1050() throws Exception {
        kit.emulator.setTransientAnswer(RongCloudEmulator.TransientAnswer.SERVICE_TIMEOUT);
        kit.emulator.faults().forceNext(Fault.VENDOR_TRANSIENT, 1);

        CallResult result = kit.send(rename("x"));

        assertThat(result.outcome()).isEqualTo(CallClass.TRANSIENT);
        assertThat(result.vendorCode()).isEqualTo(1050);
        assertThat(result.httpStatus()).isEqualTo(504);
    }

    @Test
    void aProxysServerErrorWithoutTheEnvelopeIsTransient() throws Exception {
        kit.emulator.faults().forceNext(Fault.SERVER_ERROR, 1);

        CallResult result = kit.send(rename("x"));

        assertThat(result.outcome()).isEqualTo(CallClass.TRANSIENT);
        assertThat(result.vendorCode()).isNull();
        assertThat(result.httpStatus()).isEqualTo(503);
    }

    @Test
    void theFrequencyLimitIsThrottledWith1008() throws Exception {
        kit.emulator.limiter().setLimit(RongCloudEmulator.PROFILE_UPDATE, 1);
        assertThat(kit.send(rename("first")).isOk()).isTrue();

        CallResult result = kit.send(rename("second"));

        assertThat(result.outcome()).isEqualTo(CallClass.THROTTLED);
        assertThat(result.vendorCode()).isEqualTo(1008);
        assertThat(result.httpStatus()).isEqualTo(429);
        assertThat(result.retryAfter()).as("the emulator sends no Retry-After").isNull();
        assertThat(kit.emulator.calls().throttled()).isEqualTo(1);
    }

    @Test
    void aBadSignatureIsPermanentWith1004() throws Exception {
        RongCloudClient wrongSecret = new RongCloudClient(kit.http, kit.emulator.baseUri(), null,
                RongCloudTestKit.APP_KEY, "not-the-secret", kit.clock, new Random(3));

        CallResult result = RongCloudTestKit.send(wrongSecret, rename("x"));

        assertThat(result.outcome()).isEqualTo(CallClass.PERMANENT);
        assertThat(result.vendorCode()).isEqualTo(1004);
        assertThat(result.httpStatus()).isEqualTo(401);
    }

    @Test
    void anAuthExpiredFaultIsABadSignatureAndPermanentSinceRongCloudHasNoExpiry() throws Exception {
        kit.emulator.faults().forceNext(Fault.AUTH_EXPIRED, 1);

        CallResult result = kit.send(rename("x"));

        assertThat(result.outcome()).isEqualTo(CallClass.PERMANENT);
        assertThat(result.vendorCode()).isEqualTo(1004);
    }

    @Test
    void profileHostingSwitchedOffIsPermanentWith1009() throws Exception {
        kit.emulator.setServiceEnabled(false);

        CallResult result = kit.send(rename("x"));

        assertThat(result.outcome()).isEqualTo(CallClass.PERMANENT);
        assertThat(result.vendorCode()).isEqualTo(1009);
        assertThat(result.httpStatus()).isEqualTo(430);
    }

    @Test
    void aGroupRongCloudDoesNotHostIsPermanentWith1002AndTheVendorsWords() throws Exception {
        VendorCall call = kit.client.plan("nosuchgroup", Target.group(), Patch.empty().set(Field.NAME, "n"),
                PlanContext.NONE, 0).get(0);

        CallResult result = kit.send(call);

        assertThat(result.outcome()).isEqualTo(CallClass.PERMANENT);
        assertThat(result.vendorCode()).isEqualTo(1002);
        assertThat(result.message()).contains("nosuchgroup");
    }

    @Test
    void aValueOverTheLimitThatSlippedPastTheChecksIsPermanentWith1005() throws Exception {
        CallResult result = kit.send(rename("n".repeat(65)));

        assertThat(result.outcome()).isEqualTo(CallClass.PERMANENT);
        assertThat(result.vendorCode()).isEqualTo(1005);
    }

    @Test
    void aCallToAnApiRongCloudDoesNotHaveIsPermanentAndNeverSent() throws Exception {
        VendorCall call = new VendorCall("group/dismiss", Set.of(), new byte[0], "POST ?", "text/plain");

        CallResult result = kit.send(call);

        assertThat(result.outcome()).isEqualTo(CallClass.PERMANENT);
        assertThat(result.message()).contains("group/dismiss");
        assertThat(kit.emulator.calls().count()).isZero();
    }

    @Test
    void aRequestThatCannotBeBuiltIsPermanentAndStillCompletesItsFuture() throws Exception {
        VendorCall call = new VendorCall(RongCloudRequests.PROFILE_UPDATE, Set.of(), new byte[0], "POST ?",
                "not a media type");

        CallResult result = kit.send(call);

        assertThat(result.outcome()).isEqualTo(CallClass.PERMANENT);
        assertThat(result.message()).startsWith("the request could not be built");
        assertThat(result.failure()).isEqualTo(IllegalArgumentException.class.getName());
    }

    private VendorCall rename(String name) {
        return group(Patch.empty().set(Field.NAME, name));
    }

    private VendorCall group(Patch patch) {
        return kit.client.plan(GROUP, Target.group(), patch, PlanContext.NONE, 0).get(0);
    }

    private VendorCall member(Patch patch) {
        return kit.client.plan(GROUP, Target.member(USER), patch, PlanContext.NONE, 0).get(0);
    }
}
