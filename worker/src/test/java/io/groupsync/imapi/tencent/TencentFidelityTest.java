package io.groupsync.imapi.tencent;

import static org.assertj.core.api.Assertions.assertThat;

import io.groupsync.event.GroupType;
import io.groupsync.imapi.CallClass;
import io.groupsync.imapi.CallResult;
import io.groupsync.imapi.VendorCall;
import io.groupsync.model.Edit;
import io.groupsync.model.Field;
import io.groupsync.model.Patch;
import io.groupsync.model.PlanContext;
import io.groupsync.model.Target;
import io.groupsync.testkit.emulator.Call;
import io.groupsync.testkit.emulator.tencent.TencentEmulator;
import io.groupsync.time.ManualClock;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Issue 16's Tencent items, each against the emulator as Tencent behaves: 10008, MaxMemberNum, custom keys. */
class TencentFidelityTest {

    private static final String GROUP = "@TGS#fidelity";
    private final TencentTestKit kit = new TencentTestKit();

    @BeforeEach
    void start() {
        kit.emulator.seedGroup(GROUP, io.groupsync.testkit.emulator.tencent.GroupType.PUBLIC, "owner");
        kit.emulator.seedMember(GROUP, "bob");
    }

    @AfterEach
    void stop() {
        kit.close();
    }

    private List<CallResult> apply(Target target, Patch patch) throws Exception {
        List<CallResult> results = new ArrayList<>();
        for (VendorCall call : kit.client.plan(GROUP, target, patch, PlanContext.NONE, kit.clock.currentTimeMillis())) {
            results.add(kit.send(call));
        }
        return results;
    }

    @Test
    void a10008IsAnsweredByRenewingTheUserSigAndSendingOnceMore() throws Exception {
        kit.clock.advance(Duration.ofHours(1));
        kit.emulator.answerSignatureRetry(1);

        List<CallResult> results = apply(Target.group(), Patch.empty().set(Field.NAME, "Resigned"));

        assertThat(results).extracting(CallResult::outcome).containsExactly(CallClass.OK);
        assertThat(kit.emulator.calls().all()).extracting(Call::vendorCode)
                .containsExactly(TencentEmulator.SIGNATURE_RETRY, 0);
        assertThat(kit.userSigsOnTheWire()).hasSize(2).doesNotHaveDuplicates();
        assertThat(kit.emulator.group(GROUP).name()).isEqualTo("Resigned");
    }

    @Test
    void a10008AgainAfterTheRenewalIsTransient() throws Exception {
        kit.emulator.answerSignatureRetry(2);

        List<CallResult> results = apply(Target.group(), Patch.empty().set(Field.NAME, "Later"));

        assertThat(results).extracting(CallResult::outcome).containsExactly(CallClass.TRANSIENT);
    }

    /** Edits each within the 10 keys an app can configure, merged into 12 keys: Tencent refuses 11 in one request. */
    @Test
    void mergedGroupCustomDataBeyondTenKeysGoesAsSeveralRequestsAndIsAllApplied() throws Exception {
        Patch first = Patch.empty().set(Field.NAME, "Keys");
        Patch second = Patch.empty();
        for (int i = 0; i < 6; i++) {
            first.putCustom("a" + i, "v" + i);
            second.putCustom("b" + i, "w" + i);
        }

        List<CallResult> results = apply(Target.group(), first.copy().merge(second));

        assertThat(results).extracting(CallResult::outcome).containsOnly(CallClass.OK).hasSize(2);
        assertThat(kit.emulator.group(GROUP).appDefinedData()).hasSize(12).containsEntry("b5", "w5");
        assertThat(kit.emulator.group(GROUP).name()).isEqualTo("Keys");
    }

    @Test
    void mergedMemberCustomDataBeyondFiveKeysGoesAsSeveralRequests() throws Exception {
        Patch patch = Patch.empty().set(Field.NAME_CARD, "Bob");
        for (int i = 0; i < 7; i++) {
            patch.putCustom("k" + i, "v" + i);
        }

        List<CallResult> results = apply(Target.member("bob"), patch);

        assertThat(results).extracting(CallResult::outcome).containsOnly(CallClass.OK).hasSize(2);
        assertThat(kit.emulator.member(GROUP, "bob").appMemberDefinedData()).hasSize(7);
    }

    @Test
    void aMaxMemberNumTencentRefusesIsRefusedPerEditSoTheEditsMergedWithItAreKept() throws Exception {
        Patch oversized = Patch.empty().set(Field.MAX_MEMBER_NUM, 999_999);
        assertThat(violations(kit.client, GroupType.PUBLIC, oversized)).singleElement().asString()
                .contains("at most 6000");

        // What the emulator does with it, as Tencent: the whole request is refused.
        List<CallResult> sent = apply(Target.group(), oversized.copy().set(Field.NAME, "Kept?"));
        assertThat(sent).extracting(CallResult::vendorCode).containsExactly(10004);
        assertThat(kit.emulator.group(GROUP).name()).isNotEqualTo("Kept?");
    }

    @ParameterizedTest(name = "{0}: {1} accepted, {2} refused")
    @CsvSource({"WORK, 6000, 6001", "PUBLIC, 6000, 6001", "MEETING, 6000, 6001", "COMMUNITY, 100000, 100001",
            ", 100000, 100001"})
    void eachGroupTypeHasItsMaxMemberNumBound(GroupType type, int accepted, int refused) {
        assertThat(violations(kit.client, type, Patch.empty().set(Field.MAX_MEMBER_NUM, accepted))).isEmpty();
        assertThat(violations(kit.client, type, Patch.empty().set(Field.MAX_MEMBER_NUM, refused))).hasSize(1);
    }

    @Test
    void anAvChatRoomIgnoresMaxMemberNumSoNoneIsRefused() {
        assertThat(violations(kit.client, GroupType.AVCHATROOM, Patch.empty().set(Field.MAX_MEMBER_NUM, 999_999)))
                .isEmpty();
    }

    @Test
    void theRoutesPlanBoundsWorkPublicAndMeetingGroups() {
        TencentClient onAPlanOf500 = new TencentClient(kit.http, URI.create("https://console.tim.qq.com"),
                TencentTestKit.APP, TencentTestKit.ADMIN, TencentTestKit.KEY, TencentTestKit.TTL, new ManualClock(),
                new Random(1), new TencentOptions(500));

        assertThat(violations(onAPlanOf500, GroupType.MEETING, Patch.empty().set(Field.MAX_MEMBER_NUM, 500)))
                .isEmpty();
        assertThat(violations(onAPlanOf500, GroupType.MEETING, Patch.empty().set(Field.MAX_MEMBER_NUM, 501)))
                .singleElement().asString().contains("max-member-num");
        assertThat(violations(onAPlanOf500, GroupType.COMMUNITY, Patch.empty().set(Field.MAX_MEMBER_NUM, 501)))
                .isEmpty();
    }

    private static List<String> violations(TencentClient client, GroupType type, Patch patch) {
        return client.violations(new Edit("e1", 0, GROUP, type, null, null, Target.group(), patch, null), patch);
    }
}
