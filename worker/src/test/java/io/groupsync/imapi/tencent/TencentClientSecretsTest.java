package io.groupsync.imapi.tencent;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.groupsync.model.Field;
import io.groupsync.model.Patch;
import io.groupsync.model.Target;
import io.groupsync.testkit.emulator.Fault;
import io.groupsync.testkit.emulator.tencent.GroupType;
import io.groupsync.imapi.CallClass;
import io.groupsync.imapi.CallResult;
import io.groupsync.model.PlanContext;
import io.groupsync.imapi.VendorCall;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Neither the secret key nor any UserSig sent shows in a CallResult, a VendorCall's redacted form or a log line. */
class TencentClientSecretsTest {

    static final String GROUP = "@TGS#1NVTZEAE4";

    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private TencentTestKit kit;

    @BeforeEach
    void start() {
        logs.start();
        root.addAppender(logs);
        kit = new TencentTestKit();
        kit.emulator.seedGroup(GROUP, GroupType.PUBLIC, "owner");
        kit.emulator.seedMember(GROUP, "bob");
        kit.emulator.setTimeoutHold(TencentTestKit.READ_TIMEOUT.multipliedBy(3));
    }

    @AfterEach
    void stop() {
        kit.close();
        root.detachAppender(logs);
    }

    @Test
    void noSecretInAnyResultRedactedRequestOrLogAcrossSuccessesAndFailures() throws Exception {
        List<VendorCall> calls = new ArrayList<>();
        List<CallResult> results = new ArrayList<>();
        Patch[] groupPatches = {
            Patch.empty().set(Field.NAME, "ok"),
            Patch.empty().set(Field.NAME, "n".repeat(31)), // over Tencent's limit: 10004 with Tencent's ErrorInfo
            SeedSample.ALL_IN_ONE.patch(0),
        };
        Fault[] faults = {Fault.DROP, Fault.TIMEOUT, Fault.SERVER_ERROR, Fault.THROTTLE, Fault.VENDOR_TRANSIENT,
            Fault.AUTH_EXPIRED};
        for (Fault fault : faults) {
            kit.emulator.faults().forceNext(fault, 1);
            calls.add(plan(Target.group(), groupPatches[0]));
        }
        for (Patch patch : groupPatches) {
            calls.add(plan(Target.group(), patch));
        }
        calls.add(plan(Target.member("bob"), SeedSample.MUTE_TIME.patch(kit.clock.currentTimeMillis())));
        for (VendorCall call : calls) {
            kit.clock.advance(Duration.ofMinutes(30));
            results.add(kit.send(call));
        }
        kit.emulator.faults().forceNext(Fault.AUTH_EXPIRED, 2);
        results.add(kit.send(plan(Target.group(), groupPatches[0])));

        assertThat(results).extracting(CallResult::outcome)
                .contains(CallClass.OK, CallClass.TRANSIENT, CallClass.THROTTLED, CallClass.PERMANENT);
        List<String> secrets = Stream.concat(Stream.of(TencentTestKit.KEY), kit.userSigsOnTheWire().stream())
                .distinct().toList();
        assertThat(secrets).as("the key and the UserSigs renewed along the way").hasSizeGreaterThan(2);
        List<String> exposed = new ArrayList<>();
        calls.forEach(call -> exposed.add(call.redacted()));
        results.forEach(result -> exposed.add(result.toString()));
        logs.list.forEach(event -> exposed.add(event.getFormattedMessage()));
        assertThat(logs.list).as("the forced renewals are logged").isNotEmpty();
        for (String text : exposed) {
            for (String secret : secrets) {
                assertThat(text).doesNotContain(secret);
            }
        }
    }

    private VendorCall plan(Target target, Patch patch) {
        return kit.client.plan(GROUP, target, patch, PlanContext.NONE, kit.clock.currentTimeMillis()).get(0);
    }
}
