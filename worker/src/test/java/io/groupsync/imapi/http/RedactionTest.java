package io.groupsync.imapi.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.groupsync.imapi.CallClass;
import io.groupsync.imapi.CallResult;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every secret a message echoes becomes the one marker, whatever the vendor. */
class RedactionTest {

    @Test
    void replacesEverySecretEverywhereItStandsWithTheOneMarker() {
        Redaction redaction = Redaction.of("s3cret", "tok-123");

        assertThat(redaction.clean("bad s3cret, token tok-123; again s3cret"))
                .isEqualTo("bad <redacted>, token <redacted>; again <redacted>");
        assertThat(Redaction.MARKER).isEqualTo("<redacted>");
    }

    @Test
    void ignoresAMissingOrEmptySecretInsteadOfMarkingEveryGap() {
        Redaction redaction = Redaction.of(List.of("", "k"));

        assertThat(Redaction.of("s3cret", null).clean("no secret here")).isEqualTo("no secret here");
        assertThat(redaction.clean("a key k")).isEqualTo("a <redacted>ey <redacted>");
    }

    @Test
    void readsANullMessageAsEmpty() {
        assertThat(Redaction.of("s3cret").clean((String) null)).isEmpty();
    }

    @Test
    void cleansAResultsMessageAndKeepsTheRest() {
        CallResult result = new CallResult(CallClass.THROTTLED, 7, 429, "slow down, s3cret", Duration.ofSeconds(3),
                null);

        assertThat(Redaction.of("s3cret").clean(result)).isEqualTo(new CallResult(CallClass.THROTTLED, 7, 429,
                "slow down, <redacted>", Duration.ofSeconds(3), null));
    }
}
