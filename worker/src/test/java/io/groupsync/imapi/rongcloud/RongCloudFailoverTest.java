package io.groupsync.imapi.rongcloud;

import static org.assertj.core.api.Assertions.assertThat;

import io.groupsync.model.Field;
import io.groupsync.model.Patch;
import io.groupsync.model.Target;
import io.groupsync.testkit.emulator.Fault;
import io.groupsync.imapi.CallClass;
import io.groupsync.imapi.CallResult;
import io.groupsync.model.PlanContext;
import io.groupsync.imapi.VendorCall;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Fail-over to the {@code api-b} domain (the emulator's {@code backupDomain()}, same app and state): once, freshly
 * signed, and only when the primary gave no answer without being merely slow.
 */
class RongCloudFailoverTest {

    private static final String GROUP = "group1";

    private RongCloudTestKit kit;

    @BeforeEach
    void start() {
        kit = new RongCloudTestKit();
        kit.emulator.seedGroup(GROUP, "Group one");
    }

    @AfterEach
    void stop() {
        kit.close();
    }

    @Test
    void aStoppedPrimaryFailsOverToTheBackupWhichAppliesTheCall() throws Exception {
        kit.emulator.close();

        CallResult result = kit.send(rename("Through B"));

        assertThat(result.outcome()).isEqualTo(CallClass.OK);
        assertThat(result.vendorCode()).isEqualTo(200);
        assertThat(result.message()).startsWith("through the backup domain 127.0.0.1 after the primary gave no"
                + " answer (ConnectException");
        assertThat(kit.backup.calls().count()).isEqualTo(1);
        assertThat(kit.backup.group(GROUP).groupProfile().name()).isEqualTo("Through B");
        assertThat(kit.nonces).as("the connection was refused before a request was signed").hasSize(1);
    }

    @Test
    void aConnectionDroppedBeforeAnyAnswerFailsOverWithAFreshSignature() throws Exception {
        kit.emulator.faults().forceNext(Fault.DROP, 1);

        CallResult result = kit.send(rename("After drop"));

        assertThat(result.isOk()).as(result.message()).isTrue();
        assertThat(kit.emulator.calls().all()).singleElement().satisfies(c -> assertThat(c.status()).isZero());
        assertThat(kit.backup.calls().all()).singleElement().satisfies(c -> assertThat(c.vendorCode()).isEqualTo(200));
        assertThat(kit.nonces).hasSize(2).doesNotHaveDuplicates();
        assertThat(kit.emulator.group(GROUP).groupProfile().name()).isEqualTo("After drop");
    }

    @Test
    void anUnknownPrimaryHostFailsOver() throws Exception {
        RongCloudClient client = kit.client(URI.create("http://primary.invalid"), kit.backup.baseUri());

        CallResult result = RongCloudTestKit.send(client, rename("x"));

        assertThat(result.isOk()).as(result.message()).isTrue();
        assertThat(result.message()).contains("UnknownHostException");
        assertThat(kit.backup.calls().count()).isEqualTo(1);
    }

    @Test
    void aReadTimeoutOnThePrimaryIsTransientAndNotFailedOver() throws Exception {
        kit.emulator.setTimeoutHold(Duration.ofSeconds(5));
        kit.emulator.faults().forceNext(Fault.TIMEOUT, 1);

        CallResult result = kit.send(rename("late"));

        assertThat(result.outcome()).isEqualTo(CallClass.TRANSIENT);
        assertThat(result.failure()).isEqualTo(SocketTimeoutException.class.getName());
        assertThat(result.httpStatus()).isNull();
        assertThat(kit.backup.calls().count()).isZero();
    }

    @Test
    void anAnswerFromThePrimaryIsNeverFailedOverWhateverItSays() throws Exception {
        kit.emulator.faults().forceNext(Fault.VENDOR_TRANSIENT, 1).forceNext(Fault.SERVER_ERROR, 1)
                .forceNext(Fault.THROTTLE, 1);

        assertThat(kit.send(rename("a")).vendorCode()).isEqualTo(1000);
        assertThat(kit.send(rename("b")).httpStatus()).isEqualTo(503);
        assertThat(kit.send(rename("c")).vendorCode()).isEqualTo(1008);

        assertThat(kit.backup.calls().count()).isZero();
    }

    @Test
    void theBackupIsTriedOnceAndItsFailureSaysBothDomainsFailed() throws Exception {
        kit.emulator.faults().forceNext(Fault.DROP, 1);
        kit.backup.faults().forceNext(Fault.DROP, 1);

        CallResult result = kit.send(rename("lost"));

        assertThat(result.outcome()).isEqualTo(CallClass.TRANSIENT);
        assertThat(result.failure()).isEqualTo(IOException.class.getName());
        assertThat(result.message()).startsWith("through the backup domain").contains("unexpected end of stream");
        assertThat(kit.emulator.calls().count()).isEqualTo(1);
        assertThat(kit.backup.calls().count()).isEqualTo(1);
    }

    @Test
    void theBackupsOwnAnswerIsClassifiedAsAnyOther() throws Exception {
        kit.emulator.close();
        kit.backup.faults().forceNext(Fault.VENDOR_TRANSIENT, 1);

        CallResult result = kit.send(rename("x"));

        assertThat(result.outcome()).isEqualTo(CallClass.TRANSIENT);
        assertThat(result.vendorCode()).isEqualTo(1000);
        assertThat(result.message()).startsWith("through the backup domain").endsWith("try again later");
    }

    @Test
    void withoutABackupANoAnswerIsTransient() throws Exception {
        RongCloudClient primaryOnly = kit.client(kit.emulator.baseUri(), null);
        kit.emulator.faults().forceNext(Fault.DROP, 1);

        CallResult result = RongCloudTestKit.send(primaryOnly, rename("x"));

        assertThat(result.outcome()).isEqualTo(CallClass.TRANSIENT);
        assertThat(result.message()).doesNotContain("backup");
        assertThat(kit.backup.calls().count()).isZero();
    }

    private VendorCall rename(String name) {
        return kit.client.plan(GROUP, Target.group(), Patch.empty().set(Field.NAME, name), PlanContext.NONE, 0)
                .get(0);
    }
}
