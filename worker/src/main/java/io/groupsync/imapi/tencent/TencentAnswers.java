package io.groupsync.imapi.tencent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.groupsync.imapi.CallClass;
import io.groupsync.imapi.CallResult;
import java.io.IOException;
import java.time.Duration;
import okhttp3.Response;

/**
 * Reads one HTTP answer: Tencent's envelope {@code {"ActionStatus","ErrorCode","ErrorInfo"}} on HTTP 200, or the
 * status of whatever answered instead (Tencent itself only ever answers 200; VENDORS.md).
 */
final class TencentAnswers {

    /** Tencent's answers to these commands are a few hundred bytes; the cap keeps a proxy's error page small. */
    static final long MAX_BODY_BYTES = 64 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One answer, classified.
     *
     * @param renewsUserSig whether Tencent refused the UserSig in a way a renewed one may cure
     */
    record Answer(CallResult result, boolean renewsUserSig) {
    }

    private TencentAnswers() {
    }

    static Answer read(Response response) throws IOException {
        int status = response.code();
        if (status == 200) {
            return envelope(response.peekBody(MAX_BODY_BYTES).string());
        }
        if (status == 429) {
            return plain(CallClass.THROTTLED, status, retryAfter(response.header("Retry-After")));
        }
        return plain(status >= 500 ? CallClass.TRANSIENT : CallClass.PERMANENT, status, null);
    }

    static Answer envelope(String text) {
        JsonNode body;
        try {
            body = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            body = null;
        }
        JsonNode code = body == null ? null : body.get("ErrorCode");
        if (code == null || !code.isIntegralNumber() || !code.canConvertToInt()) {
            // Tencent always answers with its envelope, so a 200 without one came from something in between (a
            // proxy, a captive portal) or was cut short. Tencent never judged the request: worth another try.
            return new Answer(new CallResult(CallClass.TRANSIENT, null, 200,
                    "HTTP 200 without Tencent's ErrorCode envelope", null, null), false);
        }
        if (code.intValue() == 0) {
            return new Answer(CallResult.ok(0, 200), false);
        }
        TencentErrors.Handling handling = TencentErrors.of(code.intValue());
        return new Answer(new CallResult(handling.outcome(), code.intValue(), 200,
                body.path("ErrorInfo").asText(""), handling.retryAfter(), null), handling.renewsUserSig());
    }

    private static Answer plain(CallClass outcome, int status, Duration retryAfter) {
        return new Answer(new CallResult(outcome, null, status, "HTTP " + status + " without Tencent's envelope",
                retryAfter, null), false);
    }

    /** Retry-After in seconds; its date form is not worth parsing for a vendor that never sends it. */
    private static Duration retryAfter(String header) {
        if (header == null || !header.trim().matches("\\d{1,9}")) {
            return null;
        }
        return Duration.ofSeconds(Long.parseLong(header.trim()));
    }
}
