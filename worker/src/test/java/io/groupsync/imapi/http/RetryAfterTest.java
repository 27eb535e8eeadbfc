package io.groupsync.imapi.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.groupsync.imapi.CallClass;
import io.groupsync.imapi.CallResult;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** Retry-After as every vendor client reads it: delay-seconds or an HTTP-date, on a throttling answer only. */
class RetryAfterTest {

    private static final long NOW = 1_700_000_000_000L; // Tue, 14 Nov 2023 22:13:20 GMT

    @Test
    void readsRetryAfterAsSecondsOrAsAnHttpDate() {
        long now = 1_700_000_000_000L;
        String inNinetySeconds = DateTimeFormatter.RFC_1123_DATE_TIME
                .format(Instant.ofEpochMilli(now + 90_000).atOffset(ZoneOffset.UTC));

        assertThat(RetryAfter.parse("7", now)).isEqualTo(Duration.ofSeconds(7));
        assertThat(RetryAfter.parse(" 0 ", now)).isEqualTo(Duration.ZERO);
        assertThat(RetryAfter.parse(inNinetySeconds, now)).isEqualTo(Duration.ofSeconds(90));
        assertThat(RetryAfter.parse("Wed, 21 Oct 2015 07:28:00 GMT", now)).isEqualTo(Duration.ZERO);
    }

    @Test
    void ignoresARetryAfterItCannotRead() {
        assertThat(RetryAfter.parse(null, 0)).isNull();
        assertThat(RetryAfter.parse("", 0)).isNull();
        assertThat(RetryAfter.parse("soon", 0)).isNull();
        assertThat(RetryAfter.parse("-5", 0)).isNull();
        assertThat(RetryAfter.parse("99999999999999999999", 0)).isNull();
    }

    @ParameterizedTest(name = "Retry-After \"{0}\" waits {1} ms")
    @CsvSource({
            "7, 7000",
            "120, 120000",
            "'Tue, 14 Nov 2023 22:13:23 GMT', 3000",
            "'Tue, 14 Nov 2023 22:14:20 GMT', 60000",
            "'Tue, 14 Nov 2023 22:13:10 GMT', 0",
    })
    void aDateIsAWaitFromNowAndSecondsAreSeconds(String header, long millis) {
        assertThat(RetryAfter.parse(header, NOW)).isEqualTo(Duration.ofMillis(millis));
    }

    @ParameterizedTest(name = "Retry-After \"{0}\" is unreadable")
    @CsvSource({"1.5", "'+3'", "'7 s'", "'2023-11-14T22:13:23Z'", "'Tue, 14 Nov 2023'"})
    void neitherFormIsUnreadable(String header) {
        assertThat(RetryAfter.parse(header, NOW)).isNull();
    }

    @Test
    void aThrottlingAnswerTakesTheWaitTheHeaderAsksFor() {
        CallResult throttled = CallResult.of(CallClass.THROTTLED, null, 429, "slow down");

        assertThat(RetryAfter.onThrottled(throttled, "5", NOW).retryAfter()).isEqualTo(Duration.ofSeconds(5));
        assertThat(RetryAfter.onThrottled(throttled, "Tue, 14 Nov 2023 22:13:23 GMT", NOW).retryAfter())
                .isEqualTo(Duration.ofSeconds(3));
        assertThat(RetryAfter.onThrottled(throttled, null, NOW)).isSameAs(throttled);
    }

    @Test
    void aWaitTheVendorsOwnCodeNamesIsKept() {
        CallResult fixed = CallResult.of(CallClass.THROTTLED, 70050, 200, "x").withRetryAfter(Duration.ofMinutes(1));

        assertThat(RetryAfter.onThrottled(fixed, "5", NOW).retryAfter()).isEqualTo(Duration.ofMinutes(1));
    }

    @ParameterizedTest
    @EnumSource(value = CallClass.class, names = "THROTTLED", mode = EnumSource.Mode.EXCLUDE)
    void anyOtherAnswerIgnoresTheHeader(CallClass outcome) {
        CallResult other = CallResult.of(outcome, null, 503, "x");

        assertThat(RetryAfter.onThrottled(other, "5", NOW).retryAfter()).isNull();
    }
}
