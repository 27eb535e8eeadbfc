package io.groupsync.imapi.rongcloud;

import static org.assertj.core.api.Assertions.assertThat;

import io.groupsync.imapi.CallClass;
import io.groupsync.imapi.CallResult;
import io.groupsync.imapi.VendorCall;
import io.groupsync.model.Field;
import io.groupsync.model.Patch;
import io.groupsync.model.PlanContext;
import io.groupsync.model.Target;
import io.groupsync.testkit.emulator.Fault;
import io.groupsync.testkit.emulator.rongcloud.MemberState;
import io.groupsync.testkit.emulator.rongcloud.RongCloudEmulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Member edits that read back what RongCloud holds: the nickname to resend, the extra to merge keys into. */
class RongCloudReadBackTest {

    private static final String GROUP = "group1";
    private static final String USER = "user01";

    private RongCloudTestKit kit;

    @BeforeEach
    void start() throws Exception {
        kit = new RongCloudTestKit(false);
        kit.emulator.seedGroup(GROUP, "Group one");
        kit.emulator.seedMember(GROUP, USER);
        assertThat(send(Patch.empty().set(Field.NAME_CARD, "Held").putCustom("extra", "{\"title\":\"lead\"}"))
                .isOk()).isTrue();
    }

    @AfterEach
    void stop() {
        kit.close();
    }

    private CallResult send(Patch patch) throws Exception {
        VendorCall call = kit.client.plan(GROUP, Target.member(USER), patch, PlanContext.NONE, 0).get(0);
        return kit.send(call);
    }

    private MemberState held() {
        return kit.emulator.member(GROUP, USER);
    }

    @Test
    void anEditWithoutANicknameResendsTheOneRongCloudHolds() throws Exception {
        CallResult result = send(Patch.empty().putCustom("extra", "{\"title\":\"chief\"}"));

        assertThat(result.isOk()).as(result.message()).isTrue();
        assertThat(held()).isEqualTo(new MemberState(GROUP, USER, "Held", "{\"title\":\"chief\"}"));
        assertThat(kit.emulator.calls().count(RongCloudEmulator.MEMBER_QUERY)).as("one read, its own API").isOne();
    }

    @Test
    void keysOtherThanExtraAreMergedIntoTheHeldExtraAsAJsonObject() throws Exception {
        CallResult result = send(Patch.empty().set(Field.NAME_CARD, "Nick").putCustom("team", "blue")
                .putCustom("title", null));

        assertThat(result.isOk()).as(result.message()).isTrue();
        assertThat(held()).isEqualTo(new MemberState(GROUP, USER, "Nick", "{\"team\":\"blue\"}"));
    }

    @Test
    void anExtraLeftEmptyIsWrittenAsAnEmptyObjectForRongCloudTakesNoEmptyExtra() throws Exception {
        assertThat(send(Patch.empty().putCustom("title", null)).isOk()).isTrue();
        assertThat(held().extra()).isEqualTo("{}");

        assertThat(send(Patch.empty().set(Field.NAME_CARD, "Again").putCustom("extra", null)).isOk()).isTrue();
        assertThat(held().extra()).isEqualTo("{}");
    }

    @Test
    void anExtraThatIsNotAJsonObjectIsNeverOverwrittenByKeys() throws Exception {
        assertThat(send(Patch.empty().putCustom("extra", "plain words")).isOk()).isTrue();

        CallResult result = send(Patch.empty().putCustom("team", "blue"));

        assertThat(result.outcome()).isEqualTo(CallClass.PERMANENT);
        assertThat(result.message()).contains("not a JSON object");
        assertThat(held().extra()).isEqualTo("plain words");
    }

    @Test
    void aUserRongCloudDoesNotHoldAsAMemberIsPermanentWithoutAWrite() throws Exception {
        int writes = kit.emulator.calls().count(RongCloudEmulator.MEMBER_SET);

        CallResult result = kit.send(kit.client.plan(GROUP, Target.member("stranger"),
                Patch.empty().putCustom("team", "blue"), PlanContext.NONE, 0).get(0));

        assertThat(result.outcome()).isEqualTo(CallClass.PERMANENT);
        assertThat(result.message()).contains("no member stranger");
        assertThat(kit.emulator.calls().count(RongCloudEmulator.MEMBER_SET)).isEqualTo(writes);
    }

    @Test
    void aThrottledReadMakesTheEditThrottledAndWritesNothing() throws Exception {
        kit.emulator.faults().forceNext(Fault.THROTTLE, 1);

        CallResult result = send(Patch.empty().putCustom("team", "blue"));

        assertThat(result.outcome()).isEqualTo(CallClass.THROTTLED);
        assertThat(result.message()).startsWith("reading the member back first: ");
        assertThat(held().extra()).isEqualTo("{\"title\":\"lead\"}");
    }
}
