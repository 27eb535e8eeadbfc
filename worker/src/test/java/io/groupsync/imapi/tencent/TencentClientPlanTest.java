package io.groupsync.imapi.tencent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.groupsync.event.GroupType;
import io.groupsync.event.InviteOption;
import io.groupsync.event.JoinOption;
import io.groupsync.event.MsgFlag;
import io.groupsync.event.Vendor;
import io.groupsync.model.Field;
import io.groupsync.model.MuteDeadline;
import io.groupsync.model.Patch;
import io.groupsync.model.Target;
import io.groupsync.time.ManualClock;
import io.groupsync.model.PlanContext;
import io.groupsync.imapi.VendorCall;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Random;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What Tencent offers, which API a patch goes to, and the request details the seed samples do not show. */
class TencentClientPlanTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final long NOW = 1_700_000_000_000L;
    static final OkHttpClient HTTP = new OkHttpClient();
    static final TencentClient CLIENT = new TencentClient(HTTP, URI.create("https://console.tim.qq.com"),
            TencentTestKit.APP, TencentTestKit.ADMIN, TencentTestKit.KEY, TencentTestKit.TTL, new ManualClock(NOW),
            new Random(1));

    @AfterAll
    static void closeHttp() {
        TencentTestKit.shutdown(HTTP);
    }

    @Test
    void isTencentWithTheTwoProfileCommandsAndForbidSendMsgAsItsApis() {
        assertThat(CLIENT.vendor()).isEqualTo(Vendor.TENCENT);
        assertThat(CLIENT.apis()).containsExactly("modify_group_base_info", "modify_group_member_info",
                "forbid_send_msg");
    }

    @Test
    void openImAndRongCloudSettingsAreUnsupportedWithAReason() {
        Patch patch = Patch.empty().set(Field.NAME, "n").set(Field.OPENIM_LOOK_MEMBER_INFO, 1)
                .set(Field.RONGCLOUD_INVITE_PERM, 0);

        assertThat(CLIENT.unsupported(Target.group(), patch)).containsExactly(
                entry(Field.OPENIM_LOOK_MEMBER_INFO,
                        "Tencent has no such setting: openIm.lookMemberInfo is an OpenIM group setting"),
                entry(Field.RONGCLOUD_INVITE_PERM,
                        "Tencent has no such setting: rongCloud.invitePerm is a RongCloud group permission"));
    }

    @Test
    void everyOtherCanonicalFieldIsSupported() {
        Patch group = SeedSample.ALL_IN_ONE.patch(NOW).set(Field.INVITE_OPTION, InviteOption.FREE_ACCESS);
        Patch member = Patch.empty().set(Field.NAME_CARD, "b").set(Field.MSG_FLAG, MsgFlag.DISCARD)
                .set(Field.MUTE, MuteDeadline.FOREVER).putCustom("k", "v");

        assertThat(CLIENT.unsupported(Target.group(), group)).isEmpty();
        assertThat(CLIENT.unsupported(Target.member("bob"), member)).isEmpty();
        assertThat(SeedSample.SET_ADMIN.patch(NOW).fields(Target.member("bob").kind()))
                .allMatch(TencentFields.SUPPORTED::contains);
    }

    @Test
    void theOperatorOfTheEventIsSentAsFromAccount() {
        VendorCall call = plan(Target.group(), Patch.empty().set(Field.NAME, "n"), new PlanContext(null, "alice"));

        assertThat(body(call).get("From_Account").asText()).isEqualTo("alice");
        assertThat(body(plan(Target.group(), Patch.empty().set(Field.NAME, "n"), PlanContext.NONE))
                .has("From_Account")).isFalse();
    }

    @Test
    void aMuteIsSentAsTheWholeSecondsLeftAtPlanningTime() {
        Patch mute = Patch.empty().set(Field.MUTE, MuteDeadline.of(NOW - 1_500, 60));

        assertThat(body(plan(Target.member("bob"), mute, PlanContext.NONE)).get("MuteTime").asLong())
                .as("1.5 s of the minute have passed; the half second left over is rounded up").isEqualTo(59);
    }

    @Test
    void aMuteForEverIs4294967295AndAPassedDeadlineUnmutes() {
        Patch forever = Patch.empty().set(Field.MUTE, MuteDeadline.FOREVER);
        Patch passed = Patch.empty().set(Field.MUTE, MuteDeadline.of(NOW - 120_000, 60));

        assertThat(body(plan(Target.member("bob"), forever, PlanContext.NONE)).get("MuteTime").asLong())
                .isEqualTo(4_294_967_295L);
        assertThat(body(plan(Target.member("bob"), passed, PlanContext.NONE)).get("MuteTime").asLong()).isZero();
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({"FREE_ACCESS, FreeAccess", "NEED_PERMISSION, NeedPermission", "DISABLE_APPLY, DisableApply"})
    void joinOptionIsTencentsApplyJoinOption(JoinOption option, String tencent) {
        VendorCall call = plan(Target.group(), Patch.empty().set(Field.JOIN_OPTION, option), PlanContext.NONE);

        assertThat(body(call).get("ApplyJoinOption").asText()).isEqualTo(tencent);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({"FREE_ACCESS, FreeAccess", "NEED_PERMISSION, NeedPermission", "DISABLE_INVITE, DisableInvite"})
    void inviteOptionIsTencentsInviteJoinOption(InviteOption option, String tencent) {
        VendorCall call = plan(Target.group(), Patch.empty().set(Field.INVITE_OPTION, option), PlanContext.NONE);

        assertThat(body(call).get("InviteJoinOption").asText()).isEqualTo(tencent);
        assertThat(call.fields()).containsExactly(Field.INVITE_OPTION);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({"ACCEPT_AND_NOTIFY, AcceptAndNotify", "ACCEPT_NOT_NOTIFY, AcceptNotNotify", "DISCARD, Discard",
            "ACCEPT_NOT_NOTIFY_EXCEPT_AT, AcceptNotNotifyExceptAt"})
    void msgFlagIsTencentsMsgFlag(MsgFlag flag, String tencent) {
        VendorCall call = plan(Target.member("bob"), Patch.empty().set(Field.MSG_FLAG, flag), PlanContext.NONE);

        assertThat(body(call).get("MsgFlag").asText()).isEqualTo(tencent);
    }

    @Test
    void muteAllFalseIsOff() {
        VendorCall call = plan(Target.group(), Patch.empty().set(Field.MUTE_ALL, false), PlanContext.NONE);

        assertThat(body(call).get("MuteAllMember").asText()).isEqualTo("Off");
    }

    @Test
    void theGroupTypeChangesNothingInTheRequest() {
        Patch patch = SeedSample.BASIC_INFO.patch(NOW);

        assertThat(plan(Target.group(), patch, new PlanContext(GroupType.AVCHATROOM, null)).body())
                .isEqualTo(plan(Target.group(), patch, PlanContext.NONE).body());
    }

    @Test
    void redactedShowsMethodPathQueryAndBodyButNoUserSig() {
        VendorCall call = plan(Target.member("bob"), SeedSample.NAME_CARD.patch(NOW), PlanContext.NONE);

        assertThat(call.redacted()).isEqualTo("POST /v4/group_open_http_svc/modify_group_member_info"
                + "?sdkappid=1400000001&identifier=administrator&usersig=<redacted>&random=<random>&contenttype=json\n"
                + "{\"GroupId\":\"g1\",\"Member_Account\":\"bob\",\"NameCard\":\"bob\"}");
    }

    @Test
    void aBaseUriWithAPathKeepsIt() {
        OkHttpClient http = new OkHttpClient();
        TencentClient behindProxy = new TencentClient(http, URI.create("http://proxy.internal:8080/tencent/"),
                TencentTestKit.APP, TencentTestKit.ADMIN, TencentTestKit.KEY, TencentTestKit.TTL, new ManualClock(),
                new Random(1));
        try {
            assertThat(behindProxy.plan("g1", Target.group(), Patch.empty().set(Field.NAME, "n"), PlanContext.NONE,
                    NOW).get(0).redacted()).startsWith("POST /tencent/v4/group_open_http_svc/modify_group_base_info?");
        } finally {
            TencentTestKit.shutdown(http);
        }
    }

    @Test
    void theClientDescribesItselfWithoutItsSecret() {
        assertThat(CLIENT.toString()).contains("1400000001", "administrator").doesNotContain(TencentTestKit.KEY);
    }

    private static VendorCall plan(Target target, Patch patch, PlanContext context) {
        return CLIENT.plan("g1", target, patch, context, NOW).get(0);
    }

    private static JsonNode body(VendorCall call) {
        try {
            return JSON.readTree(call.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
