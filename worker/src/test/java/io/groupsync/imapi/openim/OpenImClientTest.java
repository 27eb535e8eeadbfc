package io.groupsync.imapi.openim;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import io.groupsync.event.MemberRole;
import io.groupsync.event.Vendor;
import io.groupsync.model.Field;
import io.groupsync.model.MuteDeadline;
import io.groupsync.model.Patch;
import io.groupsync.model.Target;
import io.groupsync.testkit.emulator.openim.GroupState;
import io.groupsync.testkit.emulator.openim.MemberState;
import io.groupsync.testkit.emulator.openim.OpenImEmulator;
import io.groupsync.imapi.CallClass;
import io.groupsync.imapi.CallResult;
import io.groupsync.model.PlanContext;
import io.groupsync.imapi.VendorCall;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The client against the OpenIM emulator over real HTTP: mappings applied, ex merged, operationIDs. */
class OpenImClientTest {

    private final OpenImFixture fx = new OpenImFixture();
    private final OpenImEmulator openIm = fx.openIm;
    private final OpenImClient client = fx.client();

    @AfterEach
    void stop() {
        fx.close();
    }

    @Test
    void namesItsVendorAndTheEightRateLimitedApisTheEmulatorServesReadsIncluded() {
        assertThat(client.vendor()).isEqualTo(Vendor.OPENIM);
        assertThat(client.apis()).containsExactlyInAnyOrder(OpenImEmulator.SET_GROUP_INFO_EX,
                OpenImEmulator.SET_GROUP_MEMBER_INFO, OpenImEmulator.MUTE_GROUP, OpenImEmulator.CANCEL_MUTE_GROUP,
                OpenImEmulator.MUTE_GROUP_MEMBER, OpenImEmulator.CANCEL_MUTE_GROUP_MEMBER,
                OpenImEmulator.GET_GROUPS_INFO, OpenImEmulator.GET_GROUP_MEMBERS_INFO);
    }

    @Test
    void thePageSampleMadeFromAPatchIsAcceptedAndHeld() throws Exception {
        openIm.seedGroup("xadxwr24");

        List<CallResult> results = fx.apply(client, "xadxwr24", Target.group(), OpenImRequestsTest.pageSample());

        assertThat(results).singleElement().satisfies(r -> assertThat(r.outcome()).isEqualTo(CallClass.OK));
        assertThat(openIm.group("xadxwr24")).contains(new GroupState("xadxwr24", "new name", "new notification",
                "new introduction", "www.newfaceURL.com", "{\"note\":\"new ex\"}", 1, 1, 1, GroupState.STATUS_OK));
    }

    @Test
    void mutesTheWholeGroupAfterTheProfileCallAndLiftsItAlone() throws Exception {
        openIm.seedGroup("g1");

        assertThat(fx.apply(client, "g1", Target.group(),
                Patch.empty().set(Field.INTRODUCTION, "hi").set(Field.MUTE_ALL, true)))
                .hasSize(2).allMatch(CallResult::isOk);
        assertThat(openIm.group("g1").orElseThrow().muted()).isTrue();
        assertThat(openIm.group("g1").orElseThrow().introduction()).isEqualTo("hi");

        assertThat(fx.apply(client, "g1", Target.group(), Patch.empty().set(Field.MUTE_ALL, false)))
                .singleElement().matches(CallResult::isOk);
        assertThat(openIm.group("g1").orElseThrow().muted()).isFalse();
    }

    @Test
    void theExReadPassesTheRateLimitGateUnderItsOwnApiBeforeTheWrite() throws Exception {
        openIm.seedGroup(new GroupState("g1", "n", "", "", "", "{}", 0, 0, 0, 0));
        VendorCall call = client.plan("g1", Target.group(), Patch.empty().putCustom("k", "v"), PlanContext.NONE,
                fx.clock.currentTimeMillis()).get(0);
        List<String> passed = new CopyOnWriteArrayList<>();

        assertThat(client.send(call, (api, unplanned) -> passed.add(api + (unplanned ? " unplanned" : "")))
                .get(5, SECONDS).isOk()).isTrue();

        assertThat(passed).containsExactly(ExMerge.GET_GROUPS_INFO + " unplanned", OpenImRequests.SET_GROUP_INFO_EX);
    }

    @Test
    void mergesCustomDataIntoTheJsonObjectInExKeyByKey() throws Exception {
        openIm.seedGroup(new GroupState("g1", "n", "", "", "", "{\"a\":\"1\",\"b\":\"2\",\"n\":7}", 0, 0, 0, 0));

        List<CallResult> results = fx.apply(client, "g1", Target.group(),
                Patch.empty().putCustom("b", null).putCustom("c", "3").putCustom("a", "one"));

        assertThat(results).singleElement().satisfies(r -> assertThat(r.message())
                .contains("ex merged after group/get_groups_info operationID"));
        assertThat(openIm.group("g1").orElseThrow().ex()).isEqualTo("{\"a\":\"one\",\"n\":7,\"c\":\"3\"}");
        assertThat(openIm.calls().count(ExMerge.GET_GROUPS_INFO)).isEqualTo(1);
    }

    @Test
    void refusesToOverwriteAnExThatIsNotAJsonObject() throws Exception {
        openIm.seedGroup(new GroupState("g1", "n", "", "", "", "plain text of another system", 0, 0, 0, 0));

        List<CallResult> results = fx.apply(client, "g1", Target.group(),
                Patch.empty().putCustom("k", "v").set(Field.INTRODUCTION, "not sent either"));

        assertThat(results).singleElement().satisfies(r -> {
            assertThat(r.outcome()).isEqualTo(CallClass.PERMANENT);
            assertThat(r.message()).contains("ex of group g1 at OpenIM is not a JSON object");
        });
        assertThat(openIm.group("g1").orElseThrow().ex()).isEqualTo("plain text of another system");
        assertThat(openIm.group("g1").orElseThrow().introduction()).isEmpty();
        assertThat(openIm.calls().count(OpenImEmulator.SET_GROUP_INFO_EX)).isZero();
    }

    @Test
    void failsPermanentlyWhenTheGroupWhoseExItMergesIsNotFound() throws Exception {
        List<CallResult> results = fx.apply(client, "nope", Target.group(), Patch.empty().putCustom("k", "v"));

        assertThat(results).singleElement().satisfies(r -> {
            assertThat(r.outcome()).isEqualTo(CallClass.PERMANENT);
            assertThat(r.message()).contains("did not return group nope");
        });
    }

    @Test
    void appliesAMemberPatchWithItsMuteFirstAndMergesTheMemberEx() throws Exception {
        openIm.seedGroup("g1").seedMember(new MemberState("g1", "ann", "", "", 20, "{\"x\":\"1\"}", 0));
        long now = fx.clock.currentTimeMillis();
        Patch patch = Patch.empty().set(Field.NAME_CARD, "Ann").set(Field.ROLE, MemberRole.ADMIN)
                .putCustom("team", "blue").set(Field.MUTE, MuteDeadline.of(now - 100_000, 700));

        List<CallResult> results = fx.apply(client, "g1", Target.member("ann"), patch);

        assertThat(results).hasSize(2).allMatch(CallResult::isOk);
        assertThat(openIm.member("g1", "ann")).contains(new MemberState("g1", "ann", "Ann", "", 60,
                "{\"x\":\"1\",\"team\":\"blue\"}", now + 600_000));
        assertThat(openIm.calls().count(ExMerge.GET_GROUP_MEMBERS_INFO)).isEqualTo(1);
    }

    @Test
    void liftsAMemberMuteWhoseDeadlineHasPassed() throws Exception {
        openIm.seedGroup("g1").seedMember(new MemberState("g1", "ann", "", "", 20, "", Long.MAX_VALUE));
        long now = fx.clock.currentTimeMillis();

        List<CallResult> results = fx.apply(client, "g1", Target.member("ann"),
                Patch.empty().set(Field.MUTE, MuteDeadline.of(now - 60_000, 60)));

        assertThat(results).singleElement().matches(CallResult::isOk);
        assertThat(openIm.member("g1", "ann").orElseThrow().muteEndTime()).isZero();
    }

    @Test
    void failsPermanentlyForAMemberWhoIsNotInTheGroup() throws Exception {
        openIm.seedGroup("g1");

        CallResult byName = fx.apply(client, "g1", Target.member("bob"), Patch.empty().set(Field.NAME_CARD, "B"))
                .get(0);
        CallResult byEx = fx.apply(client, "g1", Target.member("bob"), Patch.empty().putCustom("k", "v")).get(0);

        assertThat(byName.outcome()).isEqualTo(CallClass.PERMANENT);
        assertThat(byName.vendorCode()).isEqualTo(1001);
        assertThat(byEx.outcome()).isEqualTo(CallClass.PERMANENT);
        assertThat(byEx.message()).contains("did not return member bob of group g1");
    }

    @Test
    void sendsEveryRequestWithItsOwnOperationIdAndReportsItInTheResult() throws Exception {
        openIm.seedGroup("g1");
        List<CallResult> results = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            results.addAll(fx.apply(client, "g1", Target.group(), Patch.empty().set(Field.NAME, "n" + i)));
        }

        List<String> seen = openIm.operationIDs();
        assertThat(seen).hasSize(6).doesNotHaveDuplicates(); // one get_admin_token, five calls
        assertThat(new HashSet<>(seen)).hasSize(6);
        for (int i = 0; i < 5; i++) {
            assertThat(results.get(i).message()).isEqualTo("operationID " + seen.get(i + 1));
        }
        assertThat(seen).allMatch(id -> id.matches("gs[0-9a-f]{8}-\\d+"));
    }

    @Test
    void fetchesTheAdminTokenOnceAndKeepsUsingItAsLongAsTheServerTakesIt() throws Exception {
        openIm.seedGroup("g1");

        for (int day = 0; day < 5; day++) {
            assertThat(fx.apply(client, "g1", Target.group(), Patch.empty().set(Field.NAME, "d" + day)))
                    .allMatch(CallResult::isOk);
            fx.clock.advance(Duration.ofDays(1));
        }

        assertThat(openIm.issuedTokenCount()).isEqualTo(1);
        assertThat(openIm.calls().count(OpenImClient.GET_ADMIN_TOKEN)).isEqualTo(1);
    }

    @Test
    void acceptsAnApiAddressWithATrailingSlashOrAPathPrefix() throws Exception {
        openIm.seedGroup("g1");
        OpenImClient slash = new OpenImClient(fx.http, java.net.URI.create(openIm.baseUri() + "/"),
                OpenImEmulator.DEFAULT_ADMIN_USER_ID, OpenImFixture.SECRET, fx.clock, new java.util.Random(1));

        VendorCall call = slash.plan("g1", Target.group(), Patch.empty().set(Field.NAME, "s"), PlanContext.NONE,
                0).get(0);

        assertThat(slash.send(call).get(5, SECONDS).isOk()).isTrue();
        slash.close();
    }

    @Test
    void answersTransientOnceClosedWithoutSendingAnything() throws Exception {
        openIm.seedGroup("g1");
        VendorCall call = client.plan("g1", Target.group(), Patch.empty().set(Field.NAME, "late"),
                PlanContext.NONE, 0).get(0);
        client.close();

        CallResult result = client.send(call).get(5, SECONDS);

        assertThat(result.outcome()).isEqualTo(CallClass.TRANSIENT);
        assertThat(openIm.calls().count()).isZero();
    }
}
