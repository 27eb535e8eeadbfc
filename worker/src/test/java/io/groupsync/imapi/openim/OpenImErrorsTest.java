package io.groupsync.imapi.openim;

import static org.assertj.core.api.Assertions.assertThat;

import io.groupsync.imapi.openim.OpenImErrors.Handling;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OpenImErrorsTest {

    /** docs/vendors/openim.md's OpenIM error list, every code with its class: OpenIM's own refusals, the gRPC
     * statuses the gateway passes on, and unknown codes (an unlisted 1xxx is a refusal; anything else may pass). */
    @ParameterizedTest(name = "errCode {0} → {1}")
    @CsvSource({
            "0, OK",
            "500, TRANSIENT",
            "1001, PERMANENT", "1002, PERMANENT", "1003, PERMANENT", "1004, PERMANENT",
            "1201, PERMANENT", "1202, PERMANENT", "1203, PERMANENT", "1204, PERMANENT", "1205, PERMANENT",
            "1206, PERMANENT",
            "1501, REFRESH_TOKEN", "1502, REFRESH_TOKEN", "1503, REFRESH_TOKEN", "1505, REFRESH_TOKEN",
            "1506, REFRESH_TOKEN", "1507, REFRESH_TOKEN",
            "429, THROTTLED",
            "1504, PERMANENT", "1301, PERMANENT", "1101, PERMANENT",
            "14, TRANSIENT", "4, TRANSIENT", "1, TRANSIENT", "2, TRANSIENT", "10, TRANSIENT", "13, TRANSIENT",
            "8, THROTTLED",
            "3, PERMANENT", "5, PERMANENT", "7, PERMANENT", "12, PERMANENT", "16, PERMANENT",
            "80000, TRANSIENT", "90002, TRANSIENT", "10002, TRANSIENT", "-1, TRANSIENT", "1000, TRANSIENT"
    })
    void mapsEachErrCodeToWhatTheClientDoes(int errCode, Handling expected) {
        assertThat(OpenImErrors.ofCode(errCode)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "HTTP {0} → {1}")
    @CsvSource({"429, THROTTLED", "500, TRANSIENT", "502, TRANSIENT", "503, TRANSIENT", "504, TRANSIENT",
            "400, PERMANENT", "401, PERMANENT", "404, PERMANENT", "301, PERMANENT"})
    void mapsAnHttpStatusOtherThan200WithoutLookingAtTheBody(int status, Handling expected) {
        assertThat(OpenImErrors.ofHttpStatus(status)).isEqualTo(expected);
    }

    @Test
    void leavesHttp200ToTheEnvelope() {
        assertThat(OpenImErrors.ofHttpStatus(200)).isNull();
    }
}
