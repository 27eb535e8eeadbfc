package io.groupsync.imapi.rongcloud;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.groupsync.testkit.emulator.rongcloud.GroupState;
import io.groupsync.testkit.emulator.rongcloud.MemberState;
import io.groupsync.testkit.emulator.rongcloud.RongCloudEmulator;
import io.groupsync.imapi.CallResult;
import io.groupsync.model.PlanContext;
import io.groupsync.imapi.VendorCall;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Each golden request, sent by the client over HTTP, is accepted by the emulator and leaves what it says. */
class RongCloudSamplesAcceptedTest {

    private RongCloudTestKit kit;

    @BeforeEach
    void start() {
        kit = new RongCloudTestKit();
        kit.emulator.backend().seedGroup(new GroupState(RongCloudSample.GROUP_ID,
                new GroupState.GroupProfile("Seeded", null, null, null), GroupState.Permissions.DEFAULTS,
                new TreeMap<>(Map.of("ext_level", "silver", "ext_region", "us"))));
        kit.emulator.seedMember(RongCloudSample.GROUP_ID, RongCloudSample.USER_ID);
    }

    @AfterEach
    void stop() {
        kit.close();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(RongCloudSample.class)
    void theEmulatorAcceptsTheSampleAndHoldsWhatItSays(RongCloudSample sample) throws Exception {
        VendorCall call = kit.client.plan(RongCloudSample.GROUP_ID, sample.target, sample.patch(), PlanContext.NONE,
                kit.clock.currentTimeMillis()).get(0);

        CallResult result = kit.send(call);

        assertThat(result.isOk()).as(result.message()).isTrue();
        assertThat(result.vendorCode()).isEqualTo(200);
        assertThat(kit.emulator.calls().of(call.api())).singleElement()
                .satisfies(c -> assertThat(c.vendorCode()).isEqualTo(200));
        Map<String, String> form = sample.expectedForm();
        if (call.api().equals(RongCloudEmulator.PROFILE_UPDATE)) {
            assertGroupHolds(kit.emulator.group(RongCloudSample.GROUP_ID), form);
        } else {
            MemberState member = kit.emulator.member(RongCloudSample.GROUP_ID, RongCloudSample.USER_ID);
            assertThat(member.nickname()).isEqualTo(form.get("nickname"));
            assertThat(member.extra()).isEqualTo(form.get("extra"));
        }
    }

    private static void assertGroupHolds(GroupState group, Map<String, String> form) {
        if (form.containsKey("groupProfile")) {
            GroupState.GroupProfile profile = group.groupProfile();
            Map<String, String> held = new TreeMap<>();
            held.put("name", profile.name());
            held.put("introduction", profile.introduction());
            held.put("announcement", profile.announcement());
            held.put("portraitUrl", profile.portraitUrl());
            RongCloudSample.tree(form.get("groupProfile")).properties()
                    .forEach(e -> assertThat(held.get(e.getKey())).as(e.getKey()).isEqualTo(e.getValue().asText()));
        }
        if (form.containsKey("permissions")) {
            GroupState.Permissions p = group.permissions();
            Map<String, Integer> held = Map.of("joinPerm", p.joinPerm(), "removePerm", p.removePerm(),
                    "memInvitePerm", p.memInvitePerm(), "invitePerm", p.invitePerm(), "profilePerm", p.profilePerm(),
                    "memProfilePerm", p.memProfilePerm());
            RongCloudSample.tree(form.get("permissions")).properties()
                    .forEach(e -> assertThat(held.get(e.getKey())).as(e.getKey()).isEqualTo(e.getValue().asInt()));
        }
        if (form.containsKey("groupExtProfile")) {
            for (Map.Entry<String, JsonNode> e : RongCloudSample.tree(form.get("groupExtProfile")).properties()) {
                String value = e.getValue().asText();
                if (value.isEmpty()) {
                    assertThat(group.groupExtProfile()).as("deleted").doesNotContainKey(e.getKey());
                } else {
                    assertThat(group.groupExtProfile()).containsEntry(e.getKey(), value);
                }
            }
        }
    }
}
