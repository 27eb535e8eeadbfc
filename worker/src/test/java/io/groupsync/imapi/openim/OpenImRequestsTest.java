package io.groupsync.imapi.openim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.groupsync.event.JoinOption;
import io.groupsync.event.MemberRole;
import io.groupsync.event.OpenImPermission;
import io.groupsync.model.Field;
import io.groupsync.model.MuteDeadline;
import io.groupsync.model.Patch;
import io.groupsync.model.Target;
import io.groupsync.imapi.CallResult;
import io.groupsync.imapi.VendorCall;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Golden bodies: each expected file in {@code resources/io/groupsync/imapi/openim/} is the vendor's documented
 * request, compared as a JSON tree with what the mapping makes from a Patch.
 */
class OpenImRequestsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long NOW = 1_700_000_000_000L;

    /**
     * The page's sample. Only {@code ex} differs from the page ({@code "new ex"}): groupsync keeps custom data in
     * {@code ex} as a JSON object, so the sample's value travels as one key of it.
     */
    static Patch pageSample() {
        return Patch.empty()
                .set(Field.NAME, "new name")
                .set(Field.NOTIFICATION, "new notification")
                .set(Field.INTRODUCTION, "new introduction")
                .set(Field.FACE_URL, "www.newfaceURL.com")
                .putCustom("note", "new ex")
                .set(Field.JOIN_OPTION, JoinOption.NEED_PERMISSION)
                .set(Field.OPENIM_LOOK_MEMBER_INFO, OpenImPermission.NOT_ALLOWED)
                .set(Field.OPENIM_APPLY_MEMBER_FRIEND, OpenImPermission.NOT_ALLOWED);
    }

    @Test
    void producesThePageSampleOfSetGroupInfoExFromAPatch() throws Exception {
        List<VendorCall> plan = OpenImRequests.plan("xadxwr24", Target.group(), pageSample(), NOW);

        assertThat(plan).extracting(VendorCall::api).containsExactly(OpenImRequests.SET_GROUP_INFO_EX);
        assertThat(wireBody(plan.get(0), "")).isEqualTo(golden("set_group_info_ex.json"));
        assertThat(plan.get(0).fields()).containsExactlyInAnyOrder(Field.NAME, Field.NOTIFICATION,
                Field.INTRODUCTION, Field.FACE_URL, Field.CUSTOM_DATA, Field.JOIN_OPTION,
                Field.OPENIM_LOOK_MEMBER_INFO, Field.OPENIM_APPLY_MEMBER_FRIEND);
        assertThat(plan.get(0).contentType()).isEqualTo("application/json");
    }

    @Test
    void plansCustomDataAsAMergePatchInPlaceOfTheExString() throws Exception {
        Patch patch = Patch.empty().putCustom("keep", "1").putCustom("drop", null);

        VendorCall call = OpenImRequests.plan("g1", Target.group(), patch, NOW).get(0);

        assertThat(JSON.readTree(call.body())).isEqualTo(JSON.readTree(
                "{\"groupID\":\"g1\",\"ex\":{\"keep\":\"1\",\"drop\":null}}"));
        assertThat(call.redacted()).isEqualTo("POST /group/set_group_info_ex "
                + "{\"groupID\":\"g1\",\"ex\":{\"keep\":\"1\",\"drop\":null}}");
    }

    @Test
    void producesTheDocumentedMemberBodyFromAPatch() throws Exception {
        Patch patch = Patch.empty().set(Field.NAME_CARD, "Ann in g1").set(Field.ROLE, MemberRole.ADMIN)
                .putCustom("team", "blue");

        List<VendorCall> plan = OpenImRequests.plan("g1", Target.member("ann"), patch, NOW);

        assertThat(plan).extracting(VendorCall::api).containsExactly(OpenImRequests.SET_GROUP_MEMBER_INFO);
        assertThat(wireBody(plan.get(0), "")).isEqualTo(golden("set_group_member_info.json"));
        assertThat(plan.get(0).fields()).containsExactlyInAnyOrder(Field.NAME_CARD, Field.ROLE,
                Field.MEMBER_CUSTOM_DATA);
    }

    @Test
    void buildsOneMemberInfoBodyForSeveralMembersOfSeveralGroups() throws Exception {
        ObjectNode body = OpenImRequests.memberInfo(List.of(
                new OpenImRequests.MemberEntry("g1", "ann", Patch.empty().set(Field.ROLE, MemberRole.MEMBER)),
                new OpenImRequests.MemberEntry("g2", "bob", Patch.empty().set(Field.NAME_CARD, ""))));

        assertThat(body).isEqualTo(JSON.readTree("{\"members\":[{\"groupID\":\"g1\",\"userID\":\"ann\","
                + "\"roleLevel\":20},{\"groupID\":\"g2\",\"userID\":\"bob\",\"nickname\":\"\"}]}"));
    }

    @Test
    void sendsAMuteWithTheSecondsThatRemainAtPlanTimeAndBeforeTheProfileCall() throws Exception {
        Patch patch = Patch.empty().set(Field.MUTE, MuteDeadline.of(NOW - 400_000, 1000))
                .set(Field.NAME_CARD, "Ann in g1");

        List<VendorCall> plan = OpenImRequests.plan("g1", Target.member("ann"), patch, NOW);

        assertThat(plan).extracting(VendorCall::api).containsExactly(OpenImRequests.MUTE_GROUP_MEMBER,
                OpenImRequests.SET_GROUP_MEMBER_INFO);
        assertThat(JSON.readTree(plan.get(0).body())).isEqualTo(golden("mute_group_member.json"));
        assertThat(plan.get(0).fields()).containsExactly(Field.MUTE);
        assertThat(plan.get(1).fields()).containsExactly(Field.NAME_CARD);
    }

    @Test
    void roundsAPartSecondUpSoAMuteIsNeverCutShort() throws Exception {
        Patch patch = Patch.empty().set(Field.MUTE, MuteDeadline.of(NOW - 400_500, 1000));

        VendorCall call = OpenImRequests.plan("g1", Target.member("ann"), patch, NOW).get(0);

        assertThat(JSON.readTree(call.body()).path("mutedSeconds").asLong()).isEqualTo(600);
    }

    @Test
    void cancelsAMuteThatIsZeroOrHasPassed() throws Exception {
        for (MuteDeadline mute : List.of(MuteDeadline.UNMUTED, MuteDeadline.of(NOW - 10_000, 10))) {
            Patch patch = Patch.empty().set(Field.MUTE, mute);

            List<VendorCall> plan = OpenImRequests.plan("g1", Target.member("ann"), patch, NOW);

            assertThat(plan).extracting(VendorCall::api).containsExactly(OpenImRequests.CANCEL_MUTE_GROUP_MEMBER);
            assertThat(JSON.readTree(plan.get(0).body())).isEqualTo(golden("cancel_mute_group_member.json"));
            assertThat(OpenImRequests.firstApi(Target.member("ann"), patch, NOW))
                    .isEqualTo(OpenImRequests.CANCEL_MUTE_GROUP_MEMBER);
        }
    }

    @Test
    void sendsAMuteForEverAsTheLargestUint32() throws Exception {
        VendorCall call = OpenImRequests.plan("g1", Target.member("ann"),
                Patch.empty().set(Field.MUTE, MuteDeadline.FOREVER), NOW).get(0);

        assertThat(JSON.readTree(call.body()).path("mutedSeconds").asLong()).isEqualTo(4_294_967_295L);
    }

    @Test
    void followsTheProfileCallWithTheGroupMuteOrSendsTheMuteAlone() throws Exception {
        List<VendorCall> both = OpenImRequests.plan("g1", Target.group(),
                Patch.empty().set(Field.INTRODUCTION, "hi").set(Field.MUTE_ALL, true), NOW);
        List<VendorCall> alone = OpenImRequests.plan("g1", Target.group(),
                Patch.empty().set(Field.MUTE_ALL, false), NOW);

        assertThat(both).extracting(VendorCall::api).containsExactly(OpenImRequests.SET_GROUP_INFO_EX,
                OpenImRequests.MUTE_GROUP);
        assertThat(JSON.readTree(both.get(1).body())).isEqualTo(golden("mute_group.json"));
        assertThat(both.get(1).fields()).containsExactly(Field.MUTE_ALL);
        assertThat(alone).extracting(VendorCall::api).containsExactly(OpenImRequests.CANCEL_MUTE_GROUP);
        assertThat(JSON.readTree(alone.get(0).body())).isEqualTo(golden("cancel_mute_group.json"));
    }

    @Test
    void firstApiNamesTheApiOfThePlansFirstCall() {
        assertThat(OpenImRequests.firstApi(Target.group(), pageSample().set(Field.MUTE_ALL, true), NOW))
                .isEqualTo(OpenImRequests.SET_GROUP_INFO_EX);
        assertThat(OpenImRequests.firstApi(Target.group(), Patch.empty().set(Field.MUTE_ALL, true), NOW))
                .isEqualTo(OpenImRequests.MUTE_GROUP);
        assertThat(OpenImRequests.firstApi(Target.member("ann"), Patch.empty().set(Field.NAME_CARD, "A"), NOW))
                .isEqualTo(OpenImRequests.SET_GROUP_MEMBER_INFO);
        assertThat(OpenImRequests.firstApi(Target.member("ann"),
                Patch.empty().set(Field.NAME_CARD, "A").set(Field.MUTE, MuteDeadline.of(NOW, 60)), NOW))
                .isEqualTo(OpenImRequests.MUTE_GROUP_MEMBER);
    }

    @Test
    void mapsJoinOptionsOntoTheUniformNeedVerificationValues() {
        assertThat(OpenImRequests.needVerification(JoinOption.FREE_ACCESS)).isEqualTo(2);
        assertThat(OpenImRequests.needVerification(JoinOption.NEED_PERMISSION)).isEqualTo(1);
        assertThat(OpenImRequests.permission(OpenImPermission.ALLOWED)).isZero();
        assertThat(OpenImRequests.permission(OpenImPermission.NOT_ALLOWED)).isEqualTo(1);
    }

    @Test
    void refusesToPlanWhatOpenImCannotTake() {
        assertThatThrownBy(() -> OpenImRequests.plan("g1", Target.group(),
                Patch.empty().set(Field.MAX_MEMBER_NUM, 10), NOW)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OpenImRequests.roleLevel(MemberRole.OWNER))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** The body as it goes on the wire: the planned ex merge patch merged into {@code currentEx}, by ExMerge. */
    static JsonNode wireBody(VendorCall call, String currentEx) throws Exception {
        ObjectNode planned = (ObjectNode) JSON.readTree(call.body());
        ExMerge merge = new ExMerge((api, read) -> {
            ObjectNode entry = JSON.createObjectNode().put("ex", currentEx);
            if (api.equals(ExMerge.GET_GROUPS_INFO)) {
                entry.put("groupID", read.path("groupIDs").get(0).asText());
                return ok("{\"groupInfos\":[" + entry + "]}");
            }
            entry.put("groupID", read.path("groupID").asText()).put("userID", read.path("userIDs").get(0).asText());
            return ok("{\"members\":[" + entry + "]}");
        });
        return merge.resolve(call.api(), planned).get().body();
    }

    private static CompletableFuture<OpenImReply> ok(String data) {
        try {
            return CompletableFuture.completedFuture(new OpenImReply(CallResult.ok(0, 200), JSON.readTree(data)));
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static JsonNode golden(String name) throws IOException {
        try (InputStream in = OpenImRequestsTest.class.getResourceAsStream(name)) {
            assertThat(in).as("golden file %s", name).isNotNull();
            return JSON.readTree(in);
        }
    }
}
