package io.groupsync.testkit.emulator.tencent;

import static io.groupsync.testkit.emulator.tencent.TencentEmulator.GET_GROUP_INFO;
import static io.groupsync.testkit.emulator.tencent.TencentEmulator.MODIFY_GROUP_BASE_INFO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.groupsync.testkit.emulator.Call;
import io.groupsync.testkit.emulator.Fault;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Tencent's frequency limit over a sliding second (HTTP 200 + 60007) and each injected fault as a client sees it. */
class TencentThrottlingAndFaultsTest extends TencentEmulatorTestBase {

    static final String QUERY = "{\"GroupIdList\":[\"g1\"]}";
    static final String RENAME = "{\"GroupId\":\"g1\",\"Name\":\"Renamed\"}";

    @BeforeEach
    void seed() {
        emulator.seedGroup("g1", GroupType.PUBLIC, "owner");
    }

    @Test
    void admits200CallsPerApiInASecondAndAnswersTheNextWithHttp200And60007() {
        for (int i = 0; i < TencentEmulator.DEFAULT_LIMIT_PER_SECOND; i++) {
            assertThat(post(GET_GROUP_INFO, QUERY).code()).as("call %d", i + 1).isZero();
        }

        Reply throttled = post(GET_GROUP_INFO, QUERY);

        assertThat(throttled.status()).isEqualTo(200);
        assertThat(throttled.actionStatus()).isEqualTo("FAIL");
        assertThat(throttled.code()).isEqualTo(60007);
        assertThat(post(MODIFY_GROUP_BASE_INFO, RENAME).code()).as("the limit is per API").isZero();
        assertThat(emulator.calls().throttled()).isEqualTo(1);
        assertThat(emulator.calls().of(GET_GROUP_INFO).get(200).throttled()).isTrue();
    }

    @Test
    void theWindowSlidesRatherThanResettingOnWholeSeconds() {
        emulator.limiter().setDefaultLimit(4);
        post(GET_GROUP_INFO, QUERY);
        post(GET_GROUP_INFO, QUERY);
        clock.advance(Duration.ofMillis(500));
        post(GET_GROUP_INFO, QUERY);
        post(GET_GROUP_INFO, QUERY);
        assertThat(post(GET_GROUP_INFO, QUERY).code()).isEqualTo(60007);

        clock.advance(Duration.ofMillis(499));
        assertThat(post(GET_GROUP_INFO, QUERY).code()).as("the first two are 999 ms old").isEqualTo(60007);

        clock.advance(Duration.ofMillis(1));
        assertThat(post(GET_GROUP_INFO, QUERY).code()).isZero();
        assertThat(post(GET_GROUP_INFO, QUERY).code()).isZero();
        assertThat(post(GET_GROUP_INFO, QUERY).code()).as("the t=0.5 s pair still counts").isEqualTo(60007);
        assertThat(emulator.calls().throttled()).isEqualTo(3);
    }

    @Test
    void aThrottledEditChangesNothing() {
        emulator.limiter().setLimit(MODIFY_GROUP_BASE_INFO, 1);
        post(MODIFY_GROUP_BASE_INFO, "{\"GroupId\":\"g1\",\"Name\":\"First\"}");

        assertThat(post(MODIFY_GROUP_BASE_INFO, RENAME).code()).isEqualTo(60007);

        assertThat(emulator.group("g1").name()).isEqualTo("First");
    }

    @Test
    void answersThrottlingWith10006WhenSoConfigured() {
        emulator.setThrottleCode(TencentEmulator.GROUP_FREQUENCY_LIMIT);
        emulator.limiter().setDefaultLimit(1);
        post(GET_GROUP_INFO, QUERY);

        Reply reply = post(GET_GROUP_INFO, QUERY);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.code()).isEqualTo(10006);
    }

    @Test
    void refusesAThrottleCodeThatIsNotAFrequencyLimit() {
        assertThatThrownBy(() -> emulator.setThrottleCode(10004)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void forcedThrottleAnswers60007WhateverTheRate() {
        emulator.faults().forceNext(Fault.THROTTLE, 1);

        assertThat(post(MODIFY_GROUP_BASE_INFO, RENAME).code()).isEqualTo(60007);
        assertThat(emulator.group("g1").name()).isEqualTo("g1");
        assertThat(emulator.calls().throttled()).isEqualTo(1);
    }

    @Test
    void vendorTransientIsTencentsInternalError10002() {
        emulator.faults().forceNext(Fault.VENDOR_TRANSIENT, 1);

        Reply reply = post(MODIFY_GROUP_BASE_INFO, RENAME);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.actionStatus()).isEqualTo("FAIL");
        assertThat(reply.code()).isEqualTo(10002);
        assertThat(emulator.group("g1").name()).isEqualTo("g1");
        assertThat(post(MODIFY_GROUP_BASE_INFO, RENAME).code()).as("the next call is served").isZero();
    }

    @Test
    void authExpiredIsTencentsUserSigExpired70001() {
        emulator.faults().forceNext(Fault.AUTH_EXPIRED, 1);

        Reply reply = post(MODIFY_GROUP_BASE_INFO, RENAME);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.code()).isEqualTo(70001);
        assertThat(emulator.group("g1").name()).isEqualTo("g1");
    }

    @Test
    void serverErrorIsABare503WithoutTencentsEnvelope() {
        emulator.faults().forceNext(Fault.SERVER_ERROR, 1);

        Reply reply = post(MODIFY_GROUP_BASE_INFO, RENAME);

        assertThat(reply.status()).isEqualTo(503);
        assertThat(reply.body().has("ErrorCode")).isFalse();
        assertThat(emulator.calls().all()).extracting(Call::status).containsExactly(503);
    }

    @Test
    void dropClosesTheConnectionWithoutAnAnswer() {
        emulator.faults().forceNext(Fault.DROP, 1);

        assertThatThrownBy(() -> post(MODIFY_GROUP_BASE_INFO, RENAME))
                .isInstanceOf(UncheckedIOException.class).hasCauseInstanceOf(IOException.class);
        assertThat(emulator.group("g1").name()).isEqualTo("g1");
        assertThat(emulator.calls().all()).extracting(Call::status).containsExactly(0);
    }

    @Test
    void timeoutLeavesTheClientWithoutAnAnswerWithinItsReadTimeout() {
        emulator.setTimeoutHold(Duration.ofSeconds(2));
        emulator.faults().forceNext(Fault.TIMEOUT, 1);
        HttpRequest request = request(MODIFY_GROUP_BASE_INFO, query(ADMIN, signer.generate(ADMIN, 60)))
                .timeout(Duration.ofMillis(300)).POST(HttpRequest.BodyPublishers.ofString(RENAME)).build();

        assertThatThrownBy(() -> http.send(request, HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(HttpTimeoutException.class);
        assertThat(emulator.group("g1").name()).isEqualTo("g1");
    }
}
