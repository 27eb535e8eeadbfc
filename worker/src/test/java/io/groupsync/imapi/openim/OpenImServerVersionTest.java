package io.groupsync.imapi.openim;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import io.groupsync.imapi.CallClass;
import io.groupsync.imapi.CallResult;
import io.groupsync.imapi.VendorCall;
import io.groupsync.model.Field;
import io.groupsync.model.Patch;
import io.groupsync.model.PlanContext;
import io.groupsync.model.Target;
import io.groupsync.testkit.emulator.openim.GroupState;
import io.groupsync.testkit.emulator.openim.OpenImEmulator;
import io.groupsync.testkit.emulator.openim.OpenImVersion;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** An open-im-server v3.8.0, which has no set_group_info_ex: group edits fall back to set_group_info. */
class OpenImServerVersionTest {

    private final OpenImFixture fx = new OpenImFixture();
    private final OpenImEmulator openIm = fx.openIm.seedGroup(new GroupState("g1", "name", "notice", "intro",
            "face", "", 2, 0, 0, GroupState.STATUS_OK));
    private final OpenImClient client = fx.client();

    @AfterEach
    void stop() {
        fx.close();
    }

    private CallResult send(Patch patch) throws Exception {
        VendorCall call = client.plan("g1", Target.group(), patch, PlanContext.NONE, 0).get(0);
        return client.send(call).get(5, SECONDS);
    }

    @Test
    void onV380AGroupEditFallsBackToSetGroupInfoAndIsApplied() throws Exception {
        openIm.setVersion(OpenImVersion.V3_8_0);

        CallResult first = send(Patch.empty().set(Field.NAME, "renamed").putCustom("k", "v"));
        CallResult second = send(Patch.empty().set(Field.INTRODUCTION, "about"));

        assertThat(first.outcome()).as(first.message()).isEqualTo(CallClass.OK);
        assertThat(second.outcome()).as(second.message()).isEqualTo(CallClass.OK);
        GroupState held = openIm.group("g1").orElseThrow();
        assertThat(held.groupName()).isEqualTo("renamed");
        assertThat(held.introduction()).isEqualTo("about");
        assertThat(held.ex()).isEqualTo("{\"k\":\"v\"}");
        assertThat(openIm.calls().count(OpenImEmulator.SET_GROUP_INFO)).isEqualTo(2);
    }

    @Test
    void onV380AnEditThatClearsATextIsPermanentNamingTheSupportedVersions() throws Exception {
        openIm.setVersion(OpenImVersion.V3_8_0);

        CallResult result = send(Patch.empty().set(Field.NOTIFICATION, ""));

        assertThat(result.outcome()).isEqualTo(CallClass.PERMANENT);
        assertThat(result.message()).contains("cannot clear").contains("v3.8.1 to v3.8.3");
        assertThat(openIm.group("g1").orElseThrow().notification()).isEqualTo("notice");
    }

    @Test
    void fromV381TheEditGoesAsSetGroupInfoExOnly() throws Exception {
        openIm.setVersion(OpenImVersion.V3_8_1);

        assertThat(send(Patch.empty().set(Field.NOTIFICATION, "")).isOk()).isTrue();

        assertThat(openIm.calls().count(OpenImEmulator.SET_GROUP_INFO)).isZero();
        assertThat(openIm.group("g1").orElseThrow().notification()).isEmpty();
    }
}
