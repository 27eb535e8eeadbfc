package io.groupsync.testkit.emulator.rongcloud;

import static io.groupsync.testkit.emulator.rongcloud.RongCloudTestClient.APP_KEY;
import static io.groupsync.testkit.emulator.rongcloud.RongCloudTestClient.APP_SECRET;
import static io.groupsync.testkit.emulator.rongcloud.RongCloudTestClient.fields;
import static io.groupsync.testkit.emulator.rongcloud.RongCloudTestClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.groupsync.testkit.emulator.Fault;
import io.groupsync.testkit.emulator.ManualEmulatorClock;
import io.groupsync.testkit.emulator.rongcloud.RongCloudTestClient.Answer;
import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RongCloudThrottleAndFaultTest {

    private final ManualEmulatorClock clock = new ManualEmulatorClock();
    private RongCloudEmulator emulator;
    private RongCloudTestClient client;

    @BeforeEach
    void start() {
        emulator = new RongCloudEmulator(APP_KEY, APP_SECRET, clock).start();
        client = new RongCloudTestClient(emulator, clock);
        emulator.seedGroup("group1", "Group one");
        emulator.seedMember("group1", "u01");
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    @Test
    void theHundredAndFirstCallWithinOneSecondIsAnswered429With1008() throws Exception {
        for (int i = 0; i < 100; i++) {
            assertThat(rename("n" + i).status()).isEqualTo(200);
        }

        Answer throttled = rename("over");

        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.code()).isEqualTo(1008);
        assertThat(throttled.errorMessage()).isNotBlank();
        assertThat(emulator.group("group1").groupProfile().name()).isEqualTo("n99");
        assertThat(emulator.calls().throttled()).isEqualTo(1);
        assertThat(emulator.calls().busiestSecond(RongCloudEmulator.PROFILE_UPDATE)).isEqualTo(101);
    }

    @Test
    void theWindowSlidesRatherThanResettingOnTheSecond() throws Exception {
        sendRenames(50);
        clock.advance(Duration.ofMillis(500));
        sendRenames(50);

        clock.advance(Duration.ofMillis(499));
        assertThat(rename("at 999 ms").code()).isEqualTo(1008);

        clock.advance(Duration.ofMillis(1));
        sendRenames(50);
        assertThat(rename("51st after the first half expired").code()).isEqualTo(1008);
    }

    @Test
    void eachApiHasItsOwnQuota() throws Exception {
        sendRenames(100);
        assertThat(rename("over").code()).isEqualTo(1008);

        Answer member = client.setMember(fields("groupId", "group1", "userId", "u01", "nickname", "Nick"));

        assertThat(member.status()).isEqualTo(200);
    }

    @Test
    void theLimitIsSettablePerApi() throws Exception {
        emulator.limiter().setLimit(RongCloudEmulator.PROFILE_UPDATE, 3);

        sendRenames(3);

        assertThat(rename("fourth").code()).isEqualTo(1008);
    }

    @Test
    void aDroppedCallClosesTheConnectionWithoutAnAnswerAndChangesNothing() {
        emulator.faults().forceNext(Fault.DROP, 1);

        assertThatThrownBy(() -> rename("dropped")).isInstanceOf(IOException.class);
        assertThat(emulator.group("group1").groupProfile().name()).isEqualTo("Group one");
    }

    @Test
    void aTimedOutCallGetsNoAnswerWithinTheClientsReadTimeout() {
        emulator.setTimeoutHold(Duration.ofSeconds(3));
        emulator.faults().forceNext(Fault.TIMEOUT, 1);
        client.timeout(Duration.ofMillis(300));

        assertThatThrownBy(() -> rename("late")).isInstanceOf(HttpTimeoutException.class);
        assertThat(emulator.group("group1").groupProfile().name()).isEqualTo("Group one");
    }

    @Test
    void aServerErrorIsA503WithoutTheVendorsEnvelope() throws Exception {
        emulator.faults().forceNext(Fault.SERVER_ERROR, 1);

        Answer answer = rename("x");

        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.contentType()).startsWith("text/plain");
    }

    @Test
    void aVendorTransientFaultIs500With1000OrWhenChosen504With1050() throws Exception {
        emulator.faults().forceNext(Fault.VENDOR_TRANSIENT, 2);

        Answer internal = rename("x");
        emulator.setTransientAnswer(RongCloudEmulator.TransientAnswer.SERVICE_TIMEOUT);
        Answer timeout = rename("y");

        assertThat(internal.status()).isEqualTo(500);
        assertThat(internal.code()).isEqualTo(1000);
        assertThat(timeout.status()).isEqualTo(504);
        assertThat(timeout.code()).isEqualTo(1050);
        assertThat(emulator.group("group1").groupProfile().name()).isEqualTo("Group one");
    }

    @Test
    void anAuthExpiredFaultIsAnsweredAsABadSignatureSinceRongCloudHasNoExpiry() throws Exception {
        emulator.faults().forceNext(Fault.AUTH_EXPIRED, 1);

        Answer answer = rename("x");

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.code()).isEqualTo(1004);
    }

    @Test
    void aThrottleFaultIsTheVendorsFrequencyAnswer() throws Exception {
        emulator.faults().forceNext(Fault.THROTTLE, 1);

        Answer answer = rename("x");

        assertThat(answer.status()).isEqualTo(429);
        assertThat(answer.code()).isEqualTo(1008);
        assertThat(emulator.calls().throttled()).isEqualTo(1);
    }

    @Test
    void aCallSpoiledByAFaultDoesNotUseUpItsNonce() throws Exception {
        Map<String, String> headers = client.signedHeaders();
        emulator.faults().forceNext(Fault.DROP, 1);
        String body = RongCloudTestClient.form(fields("groupId", "group1", "groupProfile", json("name", "Again")));

        assertThatThrownBy(() -> client.post(RongCloudEmulator.PROFILE_UPDATE_PATH, body, headers))
                .isInstanceOf(IOException.class);

        assertThat(client.post(RongCloudEmulator.PROFILE_UPDATE_PATH, body, headers).status()).isEqualTo(200);
    }

    @Test
    void theCallLogNamesBothApisAndRecordsTheVendorCode() throws Exception {
        rename("x");
        client.setMember(fields("groupId", "group1", "userId", "u01", "nickname", ""));

        assertThat(emulator.calls().of(RongCloudEmulator.PROFILE_UPDATE)).singleElement()
                .satisfies(call -> assertThat(call.vendorCode()).isEqualTo(200));
        assertThat(emulator.calls().of(RongCloudEmulator.MEMBER_SET)).singleElement()
                .satisfies(call -> assertThat(call.status()).isEqualTo(400));
    }

    private void sendRenames(int count) throws Exception {
        for (int i = 0; i < count; i++) {
            assertThat(rename("n" + i).status()).as("call %d", i).isEqualTo(200);
        }
    }

    private Answer rename(String name) throws Exception {
        return client.updateProfile(fields("groupId", "group1", "groupProfile", json("name", name)));
    }
}
