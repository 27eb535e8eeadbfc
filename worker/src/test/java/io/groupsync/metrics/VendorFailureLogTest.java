package io.groupsync.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.groupsync.dispatch.DispatchMetrics;
import io.groupsync.imapi.CallClass;
import io.groupsync.imapi.CallResult;
import io.groupsync.time.ManualClock;
import java.time.Duration;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Failed vendor calls in the log: seen at once, then counted, never a line each. */
class VendorFailureLogTest {

    private static final Duration INTERVAL = Duration.ofSeconds(60);
    private static final CallResult TLS = CallResult.ioFailure(new SSLHandshakeException("PKIX path building failed"));
    private static final CallResult BUSY = new CallResult(CallClass.TRANSIENT, 10002, 200, "internal", null, null);

    private final ManualClock clock = new ManualClock();
    private final VendorFailureLog failures = new VendorFailureLog(clock, INTERVAL);
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(VendorFailureLog.class);

    @BeforeEach
    void capture() {
        lines.start();
        logger.addAppender(lines);
    }

    @AfterEach
    void release() {
        logger.detachAppender(lines);
    }

    @Test
    void theFirstFailureIsLoggedAtOnceAndTheRestOnceAnIntervalWithTheirCount() {
        failures.failed(answer("tencent", TLS, 1));
        for (int i = 2; i <= 1_000; i++) {
            clock.advance(Duration.ofMillis(100));
            failures.failed(answer("tencent", TLS, i));
            failures.flushDue();
        }

        assertThat(lines.list).extracting(ILoggingEvent::getFormattedMessage).satisfiesExactly(
                first -> assertThat(first).startsWith("vendor calls failing: 1 now")
                        .contains("route=tencent", "kind=TRANSIENT/SSLHandshakeException", "event=e1",
                                "PKIX path building failed"),
                second -> assertThat(second).startsWith("vendor calls failing: 600 in the last 60s")
                        .contains("event=e601"));
    }

    @Test
    void whatIsLeftOfAnIntervalIsLoggedWhenItEndsEvenIfNoFailureFollows() {
        failures.failed(answer("tencent", TLS, 1));
        failures.failed(answer("tencent", TLS, 2));
        failures.failed(answer("tencent", TLS, 3));
        clock.advance(INTERVAL);
        failures.flushDue();

        assertThat(lines.list).extracting(ILoggingEvent::getFormattedMessage).hasSize(2).last()
                .satisfies(line -> assertThat(line).startsWith("vendor calls failing: 2 in the last 60s"));
    }

    @Test
    void aKindQuietForAWholeIntervalIsLoggedAtOnceWhenItFailsAgain() {
        failures.failed(answer("tencent", TLS, 1));
        clock.advance(INTERVAL);
        failures.flushDue();
        clock.advance(Duration.ofSeconds(5));
        failures.failed(answer("tencent", TLS, 2));

        assertThat(lines.list).extracting(ILoggingEvent::getFormattedMessage)
                .allSatisfy(line -> assertThat(line).startsWith("vendor calls failing: 1 now")).hasSize(2);
    }

    @Test
    void eachRouteAndKindHasItsOwnLine() {
        failures.failed(answer("tencent", TLS, 1));
        failures.failed(answer("openim", TLS, 2));
        failures.failed(answer("tencent", BUSY, 3));
        failures.failed(answer("tencent", TLS, 4));

        assertThat(lines.list).extracting(e -> e.getMDCPropertyMap().get("route") + " "
                + e.getMDCPropertyMap().get("failure"))
                .containsExactly("tencent TRANSIENT/SSLHandshakeException", "openim TRANSIENT/SSLHandshakeException",
                        "tencent TRANSIENT/code-10002");
    }

    @Test
    void theLineCarriesTheLastFailuresContextForAStructuredLayout() {
        failures.failed(answer("tencent", BUSY, 7));

        assertThat(lines.list).singleElement().satisfies(e -> {
            assertThat(e.getLevel()).isEqualTo(ch.qos.logback.classic.Level.WARN);
            assertThat(e.getMDCPropertyMap()).containsEntry("route", "tencent").containsEntry("group", "g7")
                    .containsEntry("event_id", "e7").containsEntry("dispatch_id", "tencent-7")
                    .containsEntry("failure", "TRANSIENT/code-10002");
        });
        assertThat(org.slf4j.MDC.getCopyOfContextMap()).as("the context is the line's alone").isNullOrEmpty();
    }

    @Test
    void theVendorsRequestIdIsInTheLineAndItsContextSoTheVendorCanFindTheCall() {
        failures.failed(answer("tencent", BUSY.withRequestId("req-7f3a"), 7));
        failures.failed(answer("openim", TLS, 8));

        assertThat(lines.list).satisfiesExactly(
                withId -> {
                    assertThat(withId.getFormattedMessage()).contains("request=req-7f3a");
                    assertThat(withId.getMDCPropertyMap()).containsEntry("vendor_request_id", "req-7f3a");
                },
                withoutId -> {
                    assertThat(withoutId.getFormattedMessage()).doesNotContain("request=");
                    assertThat(withoutId.getMDCPropertyMap()).doesNotContainKey("vendor_request_id");
                });
    }

    @Test
    void aFailureIsKnownByItsExceptionItsVendorCodeOrItsStatus() {
        assertThat(VendorFailureLog.kind(TLS)).isEqualTo("TRANSIENT/SSLHandshakeException");
        assertThat(VendorFailureLog.kind(BUSY)).isEqualTo("TRANSIENT/code-10002");
        assertThat(VendorFailureLog.kind(new CallResult(CallClass.TRANSIENT, null, 503, "", null, null)))
                .isEqualTo("TRANSIENT/http-503");
        assertThat(VendorFailureLog.kind(new CallResult(CallClass.THROTTLED, null, null, "", null, null)))
                .isEqualTo("THROTTLED");
    }

    private static DispatchMetrics.Answer answer(String route, CallResult result, int n) {
        return new DispatchMetrics.Answer(route, "group", result, "g" + n, "e" + n, route + "-" + n);
    }
}
