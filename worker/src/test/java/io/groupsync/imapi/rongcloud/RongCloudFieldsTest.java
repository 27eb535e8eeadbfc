package io.groupsync.imapi.rongcloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.groupsync.event.InviteOption;
import io.groupsync.event.JoinOption;
import io.groupsync.event.MemberRole;
import io.groupsync.event.MsgFlag;
import io.groupsync.event.OpenImPermission;
import io.groupsync.event.RongCloudInviteConsent;
import io.groupsync.event.RongCloudManagerScope;
import io.groupsync.event.RongCloudMemberProfileScope;
import io.groupsync.model.Field;
import io.groupsync.model.MuteDeadline;
import io.groupsync.model.Patch;
import io.groupsync.model.Target;
import io.groupsync.time.ManualClock;
import io.groupsync.model.PlanContext;
import io.groupsync.imapi.VendorCall;
import java.net.URI;
import java.util.Map;
import java.util.Random;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which canonical fields reach RongCloud, which are skipped and why, and how values are mapped. */
class RongCloudFieldsTest {

    private static final OkHttpClient HTTP = new OkHttpClient();
    private static final RongCloudClient CLIENT = new RongCloudClient(HTTP, URI.create("https://api.rong-api.com"),
            null, RongCloudTestKit.APP_KEY, RongCloudTestKit.APP_SECRET, new ManualClock(), new Random(1));
    private static final Target MEMBER = Target.member("user01");

    @AfterAll
    static void closeHttp() {
        RongCloudTestKit.shutdown(HTTP);
    }

    @Test
    void groupFieldsRongCloudLacksAreSkippedEachWithItsReason() {
        Patch patch = Patch.empty().set(Field.NAME, "n").set(Field.MAX_MEMBER_NUM, 200)
                .set(Field.INVITE_OPTION, InviteOption.FREE_ACCESS).set(Field.MUTE_ALL, true)
                .set(Field.OPENIM_LOOK_MEMBER_INFO, OpenImPermission.ALLOWED)
                .set(Field.OPENIM_APPLY_MEMBER_FRIEND, OpenImPermission.NOT_ALLOWED);

        Map<Field, String> skipped = CLIENT.unsupported(Target.group(), patch);

        assertThat(skipped).containsOnlyKeys(Field.MAX_MEMBER_NUM, Field.INVITE_OPTION, Field.MUTE_ALL,
                Field.OPENIM_LOOK_MEMBER_INFO, Field.OPENIM_APPLY_MEMBER_FRIEND);
        assertThat(skipped.get(Field.MAX_MEMBER_NUM)).contains("member limit");
        assertThat(skipped.get(Field.INVITE_OPTION)).contains("invitePerm");
        assertThat(skipped.get(Field.MUTE_ALL)).contains("mute");
        assertThat(skipped.get(Field.OPENIM_LOOK_MEMBER_INFO)).contains("OpenIM");
    }

    @Test
    void everyRongCloudGroupFieldIsKept() {
        Patch patch = RongCloudSample.EVERY_GROUP_FIELD.patch();

        assertThat(CLIENT.unsupported(Target.group(), patch)).isEmpty();
    }

    @Test
    void memberFieldsRongCloudLacksAreSkippedEachWithItsReason() {
        Patch patch = Patch.empty().set(Field.NAME_CARD, "Nick").set(Field.ROLE, MemberRole.ADMIN)
                .set(Field.MSG_FLAG, MsgFlag.DISCARD).set(Field.MUTE, MuteDeadline.FOREVER);

        Map<Field, String> skipped = CLIENT.unsupported(MEMBER, patch);

        assertThat(skipped).containsOnlyKeys(Field.ROLE, Field.MSG_FLAG, Field.MUTE);
        assertThat(skipped.get(Field.ROLE)).contains("role");
        assertThat(skipped.get(Field.MSG_FLAG)).contains("message");
        assertThat(skipped.get(Field.MUTE)).contains("mute");
    }

    @Test
    void aMemberEditWithoutNameCardKeepsItsCustomDataAndIsPlannedAsAReadBack() {
        Patch patch = Patch.empty().set(Field.ROLE, MemberRole.ADMIN).putCustom("extra", "x");

        Map<Field, String> skipped = CLIENT.unsupported(MEMBER, patch);

        assertThat(skipped).containsOnlyKeys(Field.ROLE);
        Patch supported = patch.copy().without(Field.ROLE);
        VendorCall call = plan(MEMBER, supported);
        assertThat(call.payload()).isInstanceOf(MemberReadBack.class);
        assertThat(call.fields()).containsExactly(Field.MEMBER_CUSTOM_DATA);
    }

    @Test
    void memberCustomKeysOtherThanExtraAreKeptToBeMergedIntoIt() {
        Patch otherKeys = Patch.empty().set(Field.NAME_CARD, "Nick").putCustom("team", "blue")
                .putCustom("level", null);

        Map<String, String> keys = new java.util.LinkedHashMap<>();
        keys.put("team", "blue");
        keys.put("level", null);

        assertThat(CLIENT.unsupported(MEMBER, otherKeys)).isEmpty();
        assertThat(plan(MEMBER, otherKeys).payload())
                .isEqualTo(new MemberReadBack("testGroupId", "user01", "Nick", null, keys));
    }

    @ParameterizedTest(name = "joinOption {0} is joinPerm {1}")
    @CsvSource({"FREE_ACCESS, 1", "NEED_PERMISSION, 2", "DISABLE_APPLY, 3"})
    void joinOptionMapsOntoJoinPerm(JoinOption option, int joinPerm) {
        JsonNode permissions = planGroup(Patch.empty().set(Field.JOIN_OPTION, option)).get("permissions");

        assertThat(permissions.toString()).isEqualTo("{\"joinPerm\":" + joinPerm + "}");
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({"OWNER, 0", "OWNER_AND_ADMINS, 1", "ALL_MEMBERS, 2"})
    void managerScopesMapOntoRemoveMemInviteAndProfilePerm(RongCloudManagerScope scope, int value) {
        Patch patch = Patch.empty().set(Field.RONGCLOUD_REMOVE_PERM, scope)
                .set(Field.RONGCLOUD_MEM_INVITE_PERM, scope).set(Field.RONGCLOUD_PROFILE_PERM, scope);

        JsonNode permissions = planGroup(patch).get("permissions");

        assertThat(permissions.get("removePerm").intValue()).isEqualTo(value);
        assertThat(permissions.get("memInvitePerm").intValue()).isEqualTo(value);
        assertThat(permissions.get("profilePerm").intValue()).isEqualTo(value);
    }

    @ParameterizedTest(name = "{0} is invitePerm {1}")
    @CsvSource({"NOT_REQUIRED, 0", "REQUIRED, 1"})
    void inviteConsentMapsOntoInvitePerm(RongCloudInviteConsent consent, int value) {
        JsonNode permissions = planGroup(Patch.empty().set(Field.RONGCLOUD_INVITE_PERM, consent)).get("permissions");

        assertThat(permissions.get("invitePerm").intValue()).isEqualTo(value);
    }

    @ParameterizedTest(name = "{0} is memProfilePerm {1}")
    @CsvSource({"OWNER_ADMINS_AND_SELF, 0", "OWNER_AND_SELF, 1", "SELF_ONLY, 2"})
    void memberProfileScopeMapsOntoMemProfilePerm(RongCloudMemberProfileScope scope, int value) {
        JsonNode permissions = planGroup(Patch.empty().set(Field.RONGCLOUD_MEM_PROFILE_PERM, scope))
                .get("permissions");

        assertThat(permissions.get("memProfilePerm").intValue()).isEqualTo(value);
    }

    @Test
    void customKeysGetTheExtPrefixUnlessTheyAlreadyHaveIt() {
        Patch patch = Patch.empty().putCustom("level", "1").putCustom("ext_tier", "2").putCustom("extension", "3")
                .putCustom("Ext_case", "4");

        JsonNode ext = planGroup(patch).get("groupExtProfile");

        assertThat(ext.toString()).isEqualTo(
                "{\"ext_level\":\"1\",\"ext_tier\":\"2\",\"ext_extension\":\"3\",\"ext_Ext_case\":\"4\"}");
    }

    @Test
    void whenMergedKeysNameOneExtKeyTheLaterEditWins() {
        Patch plainThenPrefixed = Patch.empty().putCustom("level", "first").merge(
                Patch.empty().putCustom("ext_level", "second"));
        Patch prefixedThenPlain = Patch.empty().putCustom("ext_level", "first").merge(
                Patch.empty().putCustom("level", "second"));

        assertThat(planGroup(plainThenPrefixed).get("groupExtProfile").toString())
                .isEqualTo("{\"ext_level\":\"second\"}");
        assertThat(planGroup(prefixedThenPlain).get("groupExtProfile").toString())
                .isEqualTo("{\"ext_level\":\"second\"}");
    }

    @Test
    void onlyTheJsonFieldsThatHaveSomethingAreSent() {
        VendorCall call = plan(Target.group(), Patch.empty().set(Field.FACE_URL, "https://x/y.png"));

        assertThat(RongCloudSample.decode(call.body())).containsOnlyKeys("groupId", "groupProfile");
        assertThat(call.fields()).containsExactly(Field.FACE_URL);
    }

    @Test
    void planRefusesWhatThePipelineNeverHandsItRatherThanSendAnEmptyCall() {
        assertThatThrownBy(() -> plan(MEMBER, Patch.empty().set(Field.ROLE, MemberRole.ADMIN)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no field RongCloud offers");
        assertThatThrownBy(() -> plan(Target.group(), Patch.empty().set(Field.MUTE_ALL, true)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("muteAll");
    }

    @Test
    void eachTargetKindHasItsOwnApi() {
        assertThat(CLIENT.apis()).containsExactly("group/profile/update", "group/member/set",
                "group/member/specific/query");
        assertThat(CLIENT.firstApi(Target.group(), Patch.empty().set(Field.NAME, "n")))
                .isEqualTo("group/profile/update");
        assertThat(CLIENT.firstApi(MEMBER, Patch.empty().set(Field.NAME_CARD, "n"))).isEqualTo("group/member/set");
        assertThat(CLIENT.vendor()).hasToString("RONGCLOUD");
    }

    private static JsonNode planGroup(Patch patch) {
        Map<String, String> form = RongCloudSample.decode(plan(Target.group(), patch).body());
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        form.forEach((name, value) -> out.set(name, RongCloudSample.JSON_FIELDS.contains(name)
                ? RongCloudSample.tree(value) : out.textNode(value)));
        return out;
    }

    private static VendorCall plan(Target target, Patch patch) {
        return CLIENT.plan("testGroupId", target, patch, PlanContext.NONE, 0).get(0);
    }
}
