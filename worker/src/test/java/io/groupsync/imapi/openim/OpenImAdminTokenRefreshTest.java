package io.groupsync.imapi.openim;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import io.groupsync.model.Field;
import io.groupsync.model.Patch;
import io.groupsync.model.Target;
import io.groupsync.testkit.emulator.Fault;
import io.groupsync.testkit.emulator.openim.OpenImEmulator;
import io.groupsync.imapi.CallClass;
import io.groupsync.imapi.CallResult;
import io.groupsync.model.PlanContext;
import io.groupsync.imapi.VendorCall;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One admin token per client, fetched lazily, refreshed once for every caller the server refused it to. */
class OpenImAdminTokenRefreshTest {

    private static final int CONCURRENT = 10;

    private final OpenImFixture fx = new OpenImFixture();
    private final OpenImEmulator openIm = fx.openIm;
    private final OpenImClient client = fx.client();

    @AfterEach
    void stop() {
        fx.close();
    }

    private List<CallResult> renameAllAtOnce(List<String> groups) throws Exception {
        return renameAllAtOnce(client, groups);
    }

    /** Sends a rename of each group at once, without waiting between sends, and waits for every answer. */
    private static List<CallResult> renameAllAtOnce(OpenImClient client, List<String> groups) throws Exception {
        List<CallResult> results = new ArrayList<>();
        for (CompletableFuture<CallResult> result : sendRenames(client, groups)) {
            results.add(result.get(5, SECONDS));
        }
        return results;
    }

    private static List<CompletableFuture<CallResult>> sendRenames(OpenImClient client, List<String> groups) {
        List<CompletableFuture<CallResult>> sent = new ArrayList<>();
        for (String group : groups) {
            VendorCall call = client.plan(group, Target.group(), Patch.empty().set(Field.NAME, "renamed"),
                    PlanContext.NONE, 0).get(0);
            sent.add(client.send(call));
        }
        return sent;
    }

    private List<String> seedGroups() {
        List<String> groups = new ArrayList<>();
        for (int i = 0; i < CONCURRENT; i++) {
            openIm.seedGroup("g" + i);
            groups.add("g" + i);
        }
        return groups;
    }

    @Test
    void concurrentFirstCallsShareOneTokenFetch() throws Exception {
        List<CallResult> results = renameAllAtOnce(seedGroups());

        assertThat(results).allMatch(CallResult::isOk);
        assertThat(openIm.issuedTokenCount()).isEqualTo(1);
    }

    @Test
    void concurrentCallsRefusedADemotedTokenShareExactlyOneRefreshAndAllSucceed() throws Exception {
        List<String> groups = seedGroups();
        GatedExecutor gate = new GatedExecutor();
        OkHttpClient gated = fx.http.newBuilder().dispatcher(new Dispatcher(gate)).build();
        gated.dispatcher().setMaxRequestsPerHost(64);
        OpenImClient client = fx.client(gated, OpenImFixture.SECRET);
        try {
            assertThat(renameAllAtOnce(client, List.of("g0"))).allMatch(CallResult::isOk);
            // On main, another process with the same secret takes a token: ours is demoted, and after the grace
            // every call with it is answered 1507.
            openIm.setVersion(io.groupsync.testkit.emulator.openim.OpenImVersion.MAIN);
            openIm.setTokenGrace(Duration.ofSeconds(1));
            assertThat(renameAllAtOnce(fx.client(), List.of("g0"))).allMatch(CallResult::isOk);
            fx.clock.advance(Duration.ofSeconds(1));
            assertThat(openIm.issuedTokenCount()).isEqualTo(2);

            // All ten go on the wire together, so every one is refused the old token.
            gate.close();
            List<CompletableFuture<CallResult>> sent = sendRenames(client, groups);
            assertThat(gate.heldCount()).isEqualTo(CONCURRENT);
            gate.open();
            List<CallResult> results = new ArrayList<>();
            for (CompletableFuture<CallResult> result : sent) {
                results.add(result.get(5, SECONDS));
            }

            assertThat(results).allSatisfy(r -> {
                assertThat(r.outcome()).isEqualTo(CallClass.OK);
                assertThat(r.message()).contains("retried with a refreshed admin token after").contains("[1507]");
            });
            assertThat(openIm.calls().of(OpenImEmulator.SET_GROUP_INFO_EX))
                    .filteredOn(c -> Integer.valueOf(1507).equals(c.vendorCode())).hasSize(CONCURRENT);
            assertThat(openIm.issuedTokenCount()).isEqualTo(3);
            assertThat(openIm.calls().count(OpenImClient.GET_ADMIN_TOKEN)).isEqualTo(3);
            assertThat(openIm.groups().values()).allMatch(g -> g.groupName().equals("renamed"));
        } finally {
            gated.dispatcher().executorService().shutdown();
        }
    }

    @Test
    void anExpiredTokenIsRefreshedOnceAndTheCallRetriedWithANewOperationId() throws Exception {
        openIm.seedGroup("g1");
        renameAllAtOnce(List.of("g1"));
        openIm.faults().forceNext(Fault.AUTH_EXPIRED, 1);

        CallResult result = renameAllAtOnce(List.of("g1")).get(0);

        assertThat(result.isOk()).isTrue();
        assertThat(openIm.issuedTokenCount()).isEqualTo(2);
        List<String> ids = openIm.operationIDs();
        assertThat(ids).doesNotHaveDuplicates();
        assertThat(result.message()).startsWith("operationID " + ids.get(ids.size() - 1))
                .contains("operationID " + ids.get(ids.size() - 3) + ": [1501] TokenExpiredError");
    }

    @Test
    void aTokenRefusedAgainRightAfterTheRefreshIsPermanent() throws Exception {
        openIm.seedGroup("g1");
        // Every token the server issues now is expired at once: a refresh cannot help.
        openIm.setTokenLifetime(Duration.ZERO);

        CallResult result = renameAllAtOnce(List.of("g1")).get(0);

        assertThat(result.outcome()).isEqualTo(CallClass.PERMANENT);
        assertThat(result.vendorCode()).isEqualTo(1501);
        assertThat(result.message()).startsWith("the admin token was refused again right after a refresh");
        assertThat(openIm.issuedTokenCount()).isEqualTo(2);
        assertThat(openIm.calls().count(OpenImEmulator.SET_GROUP_INFO_EX)).isEqualTo(2);
    }

    @Test
    void theExReadAlsoRefreshesTheTokenWhenRefused() throws Exception {
        openIm.seedGroup("g1");
        renameAllAtOnce(List.of("g1"));
        openIm.faults().forceNext(Fault.AUTH_EXPIRED, 1);
        VendorCall call = client.plan("g1", Target.group(), Patch.empty().putCustom("k", "v"), PlanContext.NONE,
                0).get(0);

        CallResult result = client.send(call).get(5, SECONDS);

        assertThat(result.isOk()).isTrue();
        assertThat(openIm.group("g1").orElseThrow().ex()).isEqualTo("{\"k\":\"v\"}");
        assertThat(openIm.issuedTokenCount()).isEqualTo(2);
    }
}
