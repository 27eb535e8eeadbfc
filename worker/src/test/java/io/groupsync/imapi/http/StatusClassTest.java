package io.groupsync.imapi.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.groupsync.imapi.CallClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** One rule for a status the vendor's envelope does not judge, the same for every vendor. */
class StatusClassTest {

    @ParameterizedTest(name = "HTTP {0} → {1}")
    @CsvSource({
            "429, THROTTLED",
            "408, TRANSIENT", "500, TRANSIENT", "502, TRANSIENT", "503, TRANSIENT", "504, TRANSIENT", "599, TRANSIENT",
            "400, PERMANENT", "401, PERMANENT", "403, PERMANENT", "404, PERMANENT", "409, PERMANENT",
            "301, PERMANENT", "302, PERMANENT", "204, PERMANENT", "600, PERMANENT", "999, PERMANENT"
    })
    void classifiesAStatusByItsMeaning(int status, CallClass expected) {
        assertThat(StatusClass.of(status)).isEqualTo(expected);
    }
}
