package io.groupsync.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.groupsync.event.DeadLetterReason;
import io.groupsync.event.GroupChange;
import io.groupsync.event.GroupProfilePatch;
import io.groupsync.event.SyncResult;
import io.groupsync.event.SyncStatus;
import io.groupsync.record.DeadLetterHeaders;
import io.groupsync.schemas.AvroCodec;
import io.groupsync.testkit.emulator.EmulatorClock;
import io.groupsync.testkit.emulator.Fault;
import io.groupsync.testkit.emulator.tencent.GroupType;
import io.groupsync.testkit.emulator.tencent.TencentEmulator;
import io.groupsync.testkit.workload.Convergence;
import io.groupsync.testkit.workload.EditStream;
import io.groupsync.testkit.workload.GroupFold;
import io.groupsync.time.Clock;
import io.groupsync.imapi.http.VendorHttp;
import io.groupsync.imapi.tencent.TencentClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import okhttp3.OkHttpClient;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The pipeline end to end on the real broker and the Tencent emulator: the guarantees of docs/design.md. */
class PipelineTencentTest {

    private static final long APP = 1_400_000_042L;
    private static final String ADMIN = "administrator";
    private static final String SECRET = "test-secret-key-0123456789abcdef";
    private static final String API = TencentEmulator.MODIFY_GROUP_BASE_INFO;

    private TencentEmulator tencent;
    private OkHttpClient http;
    private PipelineHarness harness;

    @BeforeEach
    void start() {
        tencent = new TencentEmulator(APP, ADMIN, SECRET, EmulatorClock.system());
        tencent.setAutoCreate(true, GroupType.PUBLIC);
        tencent.setTimeoutHold(Duration.ofSeconds(3));
        tencent.start();
        http = VendorHttp.client(Duration.ofSeconds(2), Duration.ofSeconds(2), 128);
        harness = new PipelineHarness(6);
    }

    @AfterEach
    void stop() throws InterruptedException {
        harness.close();
        VendorHttp.close(http);
        tencent.close();
    }

    @Test
    void twentyThousandEditsConvergeWithOneResultEachAndFarFewerCalls() throws Exception {
        EditStream stream = new EditStream(11, 200, "conv");
        List<GroupChange> edits = stream.next(20_000);
        GroupFold fold = fold(edits);
        harness.publish(edits);
        harness.start(List.of(route()), PipelineHarness.settings(), PipelineHarness.dispatch(10), "w1");

        harness.awaitOutputs(Duration.ofMinutes(3), () -> harness.results().size() >= edits.size());
        harness.stopWorker();

        assertExactlyOneResultPerEvent(edits, harness.results());
        assertThat(Convergence.tencent(fold, tencent)).isEmpty();
        // The rate limit itself is shown by the demo's and the benchmark's figures, not asserted here: on a loaded
        // machine the emulator's arrival times bunch, and a timed assertion would flake.
        assertThat(tencent.calls().count()).as("vendor calls").isLessThan(edits.size() / 5);
        assertThat(harness.deadLetters()).isEmpty();
        assertThat(harness.results()).extracting(SyncResult::getStatus)
                .containsOnly(SyncStatus.APPLIED, SyncStatus.STALE);
    }

    @Test
    void poisonPillsAreDeadLetteredUntouchedWithAReasonWhileTheEditsAroundThemApply() throws Exception {
        EditStream stream = new EditStream(12, 20, "pill");
        List<GroupChange> before = stream.next(300);
        List<GroupChange> after = stream.next(300);
        byte[] good = AvroCodec.groupChange().encode(after.get(0));
        byte[] random = new byte[200];
        new Random(5).nextBytes(random);
        byte[] truncated = Arrays.copyOf(good, good.length / 2);
        byte[] unknownFingerprint = good.clone();
        unknownFingerprint[4] ^= 0x11;
        byte[] key = "pill0".getBytes(StandardCharsets.UTF_8);

        harness.publish(before);
        harness.publishRaw(key, random);
        harness.publishRaw(key, truncated);
        harness.publishRaw(key, unknownFingerprint);
        harness.publish(after);
        harness.start(List.of(route()), PipelineHarness.settings(), PipelineHarness.dispatch(10), "w1");

        harness.awaitOutputs(Duration.ofMinutes(2),
                () -> harness.results().size() >= 600 && harness.deadLetters().size() >= 3);
        harness.stopWorker();

        List<ConsumerRecord<byte[], byte[]>> dead = harness.deadLetters();
        assertThat(dead).hasSize(3);
        assertThat(dead).extracting(ConsumerRecord::value).containsExactly(random, truncated, unknownFingerprint);
        assertThat(dead).allSatisfy(r -> {
            assertThat(r.key()).isEqualTo(key);
            assertThat(PipelineHarness.header(r, DeadLetterHeaders.REASON)).isEqualTo("UNDECODABLE");
            assertThat(PipelineHarness.header(r, DeadLetterHeaders.ORIGINAL_TOPIC)).isEqualTo(harness.input);
        });
        assertThat(dead).extracting(r -> PipelineHarness.header(r, DeadLetterHeaders.EXCEPTION_MESSAGE))
                .satisfiesExactly(m -> assertThat(m).startsWith("BAD_FRAMING"),
                        m -> assertThat(m).startsWith("TRUNCATED_BODY"),
                        m -> assertThat(m).startsWith("UNKNOWN_FINGERPRINT"));
        assertThat(PipelineHarness.detail(dead.get(0)).getReason()).isEqualTo(DeadLetterReason.UNDECODABLE);
        List<GroupChange> all = new java.util.ArrayList<>(before);
        all.addAll(after);
        assertExactlyOneResultPerEvent(all, harness.results());
        assertThat(Convergence.tencent(fold(all), tencent)).isEmpty();
    }

    @Test
    void withOneCallInFiveFailedOrThrottledEverythingStillConvergesAndNothingIsDeadLettered() throws Exception {
        tencent.faults().seed(3)
                .share(Fault.SERVER_ERROR, 0.06)
                .share(Fault.VENDOR_TRANSIENT, 0.05)
                .share(Fault.THROTTLE, 0.05)
                .share(Fault.DROP, 0.02)
                .share(Fault.TIMEOUT, 0.02);
        List<GroupChange> edits = new EditStream(13, 100, "flaky").next(5_000);
        harness.publish(edits);
        harness.start(List.of(route()), PipelineHarness.settings(), PipelineHarness.dispatch(30), "w1");

        harness.awaitOutputs(Duration.ofMinutes(3), () -> harness.results().size() >= edits.size());
        harness.stopWorker();

        assertThat(harness.deadLetters()).isEmpty();
        assertExactlyOneResultPerEvent(edits, harness.results());
        assertThat(Convergence.tencent(fold(edits), tencent)).isEmpty();
        assertThat(harness.results()).anySatisfy(r -> assertThat(r.getAttempts()).isGreaterThan(1));
    }

    @Test
    void anEditOverAVendorLimitIsRejectedAloneAndTheOthersOfItsGroupApply() throws Exception {
        GroupChange first = edit("e1", "lim1", GroupProfilePatch.newBuilder().setName("fine").build());
        GroupChange tooLong = edit("e2", "lim1", GroupProfilePatch.newBuilder()
                .setName("名".repeat(11)).setNotification("would be fine alone").build());
        GroupChange last = edit("e3", "lim1", GroupProfilePatch.newBuilder().setNotification("kept").build());
        harness.publish(List.of(first, tooLong, last));
        harness.start(List.of(route()), PipelineHarness.settings(), PipelineHarness.dispatch(10), "w1");

        harness.awaitOutputs(Duration.ofMinutes(1),
                () -> harness.results().size() >= 3 && !harness.deadLetters().isEmpty());
        harness.stopWorker();

        Map<String, SyncResult> byEvent = harness.results().stream()
                .collect(Collectors.toMap(SyncResult::getEventId, r -> r));
        assertThat(byEvent.get("e2").getStatus()).isEqualTo(SyncStatus.REJECTED);
        assertThat(byEvent.get("e2").getMessage()).containsIgnoringCase("name").contains("30");
        assertThat(byEvent.get("e1").getStatus()).isEqualTo(SyncStatus.APPLIED);
        assertThat(byEvent.get("e3").getStatus()).isEqualTo(SyncStatus.APPLIED);
        assertThat(harness.deadLetters()).singleElement().satisfies(r -> {
            assertThat(PipelineHarness.header(r, DeadLetterHeaders.REASON)).isEqualTo("REJECTED");
            assertThat(PipelineHarness.header(r, DeadLetterHeaders.ROUTE)).isEqualTo("tencent");
            assertThat(PipelineHarness.header(r, DeadLetterHeaders.EVENT_ID)).isEqualTo("e2");
        });
        assertThat(tencent.group("lim1").name()).isEqualTo("fine");
        assertThat(tencent.group("lim1").notification()).isEqualTo("kept");
    }

    @Test
    void aPermanentVendorRefusalIsDeadLetteredWithTheRequestAndNoSecret() throws Exception {
        tencent.setAutoCreate(false);
        tencent.seedGroup("known", GroupType.PUBLIC);
        GroupChange missing = edit("p1", "missing", GroupProfilePatch.newBuilder().setName("nobody home").build());
        GroupChange fine = edit("p2", "known", GroupProfilePatch.newBuilder().setName("here").build());
        harness.publish(List.of(missing, fine));
        harness.start(List.of(route()), PipelineHarness.settings(), PipelineHarness.dispatch(10), "w1");

        harness.awaitOutputs(Duration.ofMinutes(1),
                () -> harness.results().size() >= 2 && !harness.deadLetters().isEmpty());
        harness.stopWorker();

        Map<String, SyncResult> byEvent = harness.results().stream()
                .collect(Collectors.toMap(SyncResult::getEventId, r -> r));
        assertThat(byEvent.get("p1").getStatus()).isEqualTo(SyncStatus.FAILED);
        assertThat(byEvent.get("p1").getVendorCode()).isEqualTo(10010);
        assertThat(byEvent.get("p2").getStatus()).isEqualTo(SyncStatus.APPLIED);
        ConsumerRecord<byte[], byte[]> dead = harness.deadLetters().get(0);
        assertThat(PipelineHarness.header(dead, DeadLetterHeaders.REASON)).isEqualTo("VENDOR_PERMANENT");
        assertThat(PipelineHarness.header(dead, DeadLetterHeaders.VENDOR_CODE)).isEqualTo("10010");
        assertThat(dead.headers().lastHeader(DeadLetterHeaders.ORIGINAL_OFFSET).value())
                .as("a long in 8 bytes, as Spring writes it").hasSize(8);
        String request = PipelineHarness.header(dead, DeadLetterHeaders.FAILED_REQUEST);
        assertThat(request).contains("modify_group_base_info").contains("nobody home")
                .contains("usersig=<redacted>").doesNotContain(SECRET);
        assertThat(dead.value()).isEqualTo(AvroCodec.groupChange().encode(missing));
    }

    @Test
    void aLargeEventHeldWithoutItsValueIsDeadLetteredWithTheValueReadBackUntouched() throws Exception {
        tencent.setAutoCreate(false);
        Map<String, String> custom = new LinkedHashMap<>();
        for (int i = 0; i < 10; i++) {
            custom.put("k" + i, Character.toString('a' + i).repeat(500));
        }
        GroupChange large = edit("big1", "absent", GroupProfilePatch.newBuilder().setName("large")
                .setCustomData(custom).build());
        byte[] value = AvroCodec.groupChange().encode(large);
        assertThat(value.length).as("over what intake keeps").isGreaterThan(Pipeline.KEEP_VALUES_UP_TO);
        harness.publish(List.of(large));
        harness.start(List.of(route()), PipelineHarness.settings(), PipelineHarness.dispatch(10), "w1");

        harness.awaitOutputs(Duration.ofMinutes(1),
                () -> !harness.results().isEmpty() && !harness.deadLetters().isEmpty());
        harness.stopWorker();

        assertThat(harness.results()).singleElement().extracting(SyncResult::getStatus).isEqualTo(SyncStatus.FAILED);
        ConsumerRecord<byte[], byte[]> dead = harness.deadLetters().get(0);
        assertThat(PipelineHarness.header(dead, DeadLetterHeaders.REASON)).isEqualTo("VENDOR_PERMANENT");
        assertThat(dead.headers().lastHeader(DeadLetterHeaders.ORIGINAL_OMITTED)).isNull();
        assertThat(dead.value()).isEqualTo(value);
    }

    @Test
    void pastTheCapOnPendingKeysIntakePausesAndResumesAndEverythingStillConverges() throws Exception {
        List<GroupChange> edits = new EditStream(14, 400, "cap").next(4_000);
        harness.publish(edits);
        List<Boolean> pauses = new java.util.concurrent.CopyOnWriteArrayList<>();
        PipelineListener listener = new PipelineListener() {
            @Override
            public void paused(boolean paused) {
                pauses.add(paused);
            }
        };
        harness.start(List.of(route()), PipelineHarness.settings().withPendingKeys(50, 20),
                PipelineHarness.dispatch(10), "w1", listener);

        harness.awaitOutputs(Duration.ofMinutes(2), () -> harness.results().size() >= edits.size());
        harness.stopWorker();

        assertThat(pauses).as("paused and resumed, more than once").contains(true, false);
        assertExactlyOneResultPerEvent(edits, harness.results());
        assertThat(Convergence.tencent(fold(edits), tencent)).isEmpty();
    }

    private RouteSpec route() {
        TencentClient client = new TencentClient(http, tencent.baseUri(), APP, ADMIN, SECRET, Duration.ofHours(1),
                Clock.system(), new Random());
        return new RouteSpec("tencent", client, Map.of(API, 200, TencentEmulator.MODIFY_GROUP_MEMBER_INFO, 200,
                TencentEmulator.FORBID_SEND_MSG, 200));
    }

    private static GroupFold fold(List<GroupChange> edits) {
        GroupFold fold = new GroupFold();
        edits.forEach(fold::apply);
        return fold;
    }

    private static GroupChange edit(String id, String group, GroupProfilePatch patch) {
        return GroupChange.newBuilder().setEventId(id).setOccurredAt(Instant.now()).setGroupId(group)
                .setPatch(patch).build();
    }

    private static void assertExactlyOneResultPerEvent(List<GroupChange> edits, List<SyncResult> results) {
        Map<String, Long> perEvent = results.stream()
                .collect(Collectors.groupingBy(SyncResult::getEventId, Collectors.counting()));
        assertThat(perEvent).hasSize(edits.size());
        assertThat(perEvent.values()).containsOnly(1L);
        assertThat(perEvent.keySet()).containsExactlyInAnyOrderElementsOf(
                edits.stream().map(GroupChange::getEventId).toList());
    }
}
