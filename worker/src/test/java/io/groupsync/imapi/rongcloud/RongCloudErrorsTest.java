package io.groupsync.imapi.rongcloud;

import static org.assertj.core.api.Assertions.assertThat;

import io.groupsync.imapi.CallClass;
import io.groupsync.imapi.CallResult;
import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every code of docs/vendors/rongcloud.md's RongCloud table, with the HTTP status RongCloud sends it with, and what
 * it means. */
class RongCloudErrorsTest {

    private static final long NOW = 1_700_000_000_000L;

    @ParameterizedTest(name = "code {0} on HTTP {1} is {2}")
    @CsvSource({
            "200,  200, OK",
            "1000, 500, TRANSIENT",
            "1050, 504, TRANSIENT",
            "1008, 429, THROTTLED",
            "1001, 401, PERMANENT",
            "1002, 400, PERMANENT",
            "1003, 400, PERMANENT",
            "1004, 401, PERMANENT",
            "1005, 400, PERMANENT",
            "1006, 403, PERMANENT",
            "1007, 403, PERMANENT",
            "1009, 430, PERMANENT",
    })
    void eachCodeOfTheTableIsClassedAsTheTableSays(int code, int status, CallClass expected) {
        assertThat(RongCloudErrors.known(code)).contains(expected);

        CallResult result = RongCloudAnswers.classify(status, envelope(code, "the vendor's words"), null, NOW);

        assertThat(result.outcome()).isEqualTo(expected);
        assertThat(result.vendorCode()).isEqualTo(code);
        assertThat(result.httpStatus()).isEqualTo(status);
        if (expected != CallClass.OK) {
            assertThat(result.message()).isEqualTo("the vendor's words");
        }
    }

    @ParameterizedTest(name = "code {0} is classed the same on HTTP 200")
    @CsvSource({"1000, TRANSIENT", "1050, TRANSIENT", "1008, THROTTLED", "1002, PERMANENT", "1009, PERMANENT"})
    void aListedCodeKeepsItsClassWhateverTheStatus(int code, CallClass expected) {
        assertThat(RongCloudAnswers.classify(200, envelope(code, "x"), null, NOW).outcome()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "unknown code {0} on HTTP {1} is {2}")
    @CsvSource({
            "1010, 200, PERMANENT",
            "2001, 400, PERMANENT",
            "1099, 403, PERMANENT",
            "1099, 502, TRANSIENT",
            "1099, 429, THROTTLED",
    })
    void anUnknownCodeIsPermanentUnlessItsStatusSaysTryAgain(int code, int status, CallClass expected) {
        assertThat(RongCloudErrors.known(code)).isEmpty();

        assertThat(RongCloudAnswers.classify(status, envelope(code, "x"), null, NOW).outcome()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "HTTP {0} without the envelope is {1}")
    @CsvSource({
            "429, THROTTLED",
            "500, TRANSIENT",
            "502, TRANSIENT",
            "503, TRANSIENT",
            "504, TRANSIENT",
            "400, PERMANENT",
            "404, PERMANENT",
            "200, TRANSIENT",
    })
    void anAnswerWithoutTheEnvelopeIsClassedByItsStatus(int status, CallClass expected) {
        CallResult result = RongCloudAnswers.classify(status, "<html>Bad Gateway</html>", null, NOW);

        assertThat(result.outcome()).isEqualTo(expected);
        assertThat(result.vendorCode()).isNull();
        assertThat(result.message()).isEqualTo("HTTP " + status + " without RongCloud's envelope");
    }

    @ParameterizedTest(name = "success code with HTTP {0} is {1}")
    @CsvSource({"500, TRANSIENT", "400, PERMANENT"})
    void aSuccessCodeOnAnErrorStatusIsNotASuccess(int status, CallClass expected) {
        assertThat(RongCloudAnswers.classify(status, "{\"code\":200}", null, NOW).outcome()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "Retry-After \"{0}\" waits {1} ms")
    @CsvSource({
            "7, 7000",
            "0, 0",
            "'Tue, 14 Nov 2023 22:13:23 GMT', 3000",
            "'Tue, 14 Nov 2023 22:13:10 GMT', 0",
    })
    void aThrottledAnswerHonoursRetryAfterInSecondsOrAsADate(String header, long millis) {
        long now = 1_700_000_000_000L; // Tue, 14 Nov 2023 22:13:20 GMT

        CallResult byCode = RongCloudAnswers.classify(429, envelope(1008, "slow down"), header, now);
        CallResult byStatus = RongCloudAnswers.classify(429, "", header, now);

        assertThat(byCode.retryAfter()).isEqualTo(Duration.ofMillis(millis));
        assertThat(byStatus.retryAfter()).isEqualTo(Duration.ofMillis(millis));
    }

    @ParameterizedTest(name = "Retry-After \"{0}\" is ignored")
    @CsvSource({"soon", "-3", "''", "1.5"})
    void anUnreadableRetryAfterLeavesTheWaitToThePipeline(String header) {
        assertThat(RongCloudAnswers.classify(429, envelope(1008, "x"), header, NOW).retryAfter()).isNull();
    }

    @ParameterizedTest(name = "a {0} answer ignores Retry-After")
    @CsvSource({"500, 1000", "400, 1002"})
    void onlyAThrottledAnswerCarriesRetryAfter(int status, int code) {
        assertThat(RongCloudAnswers.classify(status, envelope(code, "x"), "5", NOW).retryAfter()).isNull();
    }

    @Test
    void noCodeBetween1000And1050IsListedButThoseOfTheTable() {
        assertThat(IntStream.rangeClosed(1000, 1050).filter(c -> RongCloudErrors.known(c).isPresent()))
                .containsExactly(1000, 1001, 1002, 1003, 1004, 1005, 1006, 1007, 1008, 1009, 1050);
    }

    private static String envelope(int code, String message) {
        return code == 200 ? "{\"code\":200}" : "{\"code\":" + code + ",\"errorMessage\":\"" + message + "\"}";
    }
}
