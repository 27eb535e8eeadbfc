package io.groupsync.imapi.openim;

import static org.assertj.core.api.Assertions.assertThat;

import io.groupsync.event.MemberRole;
import io.groupsync.model.Field;
import io.groupsync.model.Patch;
import io.groupsync.model.Target;
import io.groupsync.testkit.emulator.openim.OpenImEmulator;
import io.groupsync.imapi.CallClass;
import io.groupsync.imapi.CallResult;
import io.groupsync.model.PlanContext;
import io.groupsync.imapi.VendorCall;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Members of several groups in one set_group_member_info, as the dispatcher batches them. */
class OpenImClientBatchTest {

    private final OpenImFixture fx = new OpenImFixture();
    private final OpenImEmulator openIm = fx.openIm;
    private final OpenImClient client = fx.client();

    @AfterEach
    void stop() {
        fx.close();
    }

    @Test
    void membersOfSeveralGroupsTravelInOneCallAndAreAllApplied() throws Exception {
        openIm.seedGroup("g1").seedGroup("g2").seedMember("g1", "u1").seedMember("g1", "u2").seedMember("g2", "u3");
        VendorCall u1 = memberCall("g1", "u1", Patch.empty().set(Field.NAME_CARD, "one"));
        VendorCall u2 = memberCall("g1", "u2", Patch.empty().set(Field.ROLE, MemberRole.ADMIN));
        VendorCall u3 = memberCall("g2", "u3", Patch.empty().set(Field.NAME_CARD, "three").putCustom("k", "v"));
        assertThat(List.of(u1, u2, u3)).allSatisfy(c -> assertThat(client.maxBatch(c)).isEqualTo(1000));

        VendorCall batch = client.batch(List.of(u1, u2, u3));
        CallResult result = client.send(batch).get(5, TimeUnit.SECONDS);

        assertThat(result.outcome()).isEqualTo(CallClass.OK);
        assertThat(openIm.calls().count(OpenImEmulator.SET_GROUP_MEMBER_INFO)).isEqualTo(1);
        assertThat(openIm.member("g1", "u1").orElseThrow().nickname()).isEqualTo("one");
        assertThat(openIm.member("g1", "u2").orElseThrow().roleLevel()).isEqualTo(60);
        assertThat(openIm.member("g2", "u3").orElseThrow().nickname()).isEqualTo("three");
        assertThat(openIm.member("g2", "u3").orElseThrow().ex()).isEqualTo("{\"k\":\"v\"}");
        assertThat(batch.fields()).contains(Field.NAME_CARD, Field.ROLE, Field.MEMBER_CUSTOM_DATA);
    }

    @Test
    void aMemberWhoseCustomDataIsMergedTravelsOnlyWithMembersOfTheFirstOnesGroup() {
        VendorCall first = memberCall("g1", "u1", Patch.empty().set(Field.NAME_CARD, "one"));
        VendorCall sameGroupWithEx = memberCall("g1", "u2", Patch.empty().putCustom("k", "v"));
        VendorCall otherGroupWithEx = memberCall("g2", "u3", Patch.empty().putCustom("k", "v"));
        VendorCall otherGroupPlain = memberCall("g2", "u4", Patch.empty().set(Field.NAME_CARD, "four"));

        assertThat(client.batchesWith(first, sameGroupWithEx)).isTrue();
        assertThat(client.batchesWith(first, otherGroupPlain)).isTrue();
        assertThat(client.batchesWith(first, otherGroupWithEx)).as("its read would be a second one").isFalse();
        assertThat(client.batchesWith(sameGroupWithEx, otherGroupWithEx)).isFalse();
    }

    @Test
    void oneBadMemberMakesOpenImRefuseTheWholeCall() throws Exception {
        openIm.seedGroup("g1").seedMember("g1", "u1");
        VendorCall batch = client.batch(List.of(
                memberCall("g1", "u1", Patch.empty().set(Field.NAME_CARD, "fine")),
                memberCall("g1", "stranger", Patch.empty().set(Field.NAME_CARD, "not a member"))));

        CallResult result = client.send(batch).get(5, TimeUnit.SECONDS);

        assertThat(result.outcome()).as("the dispatcher then retries each alone").isEqualTo(CallClass.PERMANENT);
        assertThat(openIm.member("g1", "u1").orElseThrow().nickname()).as("all or nothing").isNotEqualTo("fine");
    }

    @Test
    void otherApisAreNeverBatched() {
        List<VendorCall> group = client.plan("g1", Target.group(), Patch.empty().set(Field.NAME, "n")
                .set(Field.MUTE_ALL, true), PlanContext.NONE, 0);
        assertThat(group).allSatisfy(c -> assertThat(client.maxBatch(c)).isEqualTo(1));
    }

    private VendorCall memberCall(String group, String user, Patch patch) {
        List<VendorCall> plan = client.plan(group, Target.member(user), patch, PlanContext.NONE, 0);
        assertThat(plan).singleElement();
        return plan.get(0);
    }
}
