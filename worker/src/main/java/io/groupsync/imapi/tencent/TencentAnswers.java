package io.groupsync.imapi.tencent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.groupsync.imapi.CallClass;
import io.groupsync.imapi.CallResult;
import io.groupsync.imapi.http.RetryAfter;
import io.groupsync.imapi.http.StatusClass;
import java.io.IOException;
import okhttp3.Response;

/**
 * Reads one HTTP answer: Tencent's envelope {@code {"ActionStatus","ErrorCode","ErrorInfo"}} on HTTP 200, or the
 * status of whatever answered instead (Tencent itself only ever answers 200; docs/vendors/tencent.md).
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

    /** @param nowMillis wall-clock time, to turn a Retry-After date into a wait */
    static Answer read(Response response, long nowMillis) throws IOException {
        int status = response.code();
        Answer answer = status == 200 ? envelope(response.peekBody(MAX_BODY_BYTES).string())
                : new Answer(CallResult.of(StatusClass.of(status), null, status,
                        "HTTP " + status + " without Tencent's envelope"), false);
        return new Answer(RetryAfter.onThrottled(answer.result(), response.header(RetryAfter.HEADER), nowMillis),
                answer.renewsUserSig());
    }

    /** Tencent may put a RequestId in its envelope (docs/vendors/tencent.md), the id its support asks for. */
    private static String requestId(JsonNode body) {
        JsonNode id = body.get("RequestId");
        return id != null && id.isTextual() ? id.asText() : null;
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
            return new Answer(CallResult.of(CallClass.TRANSIENT, null, 200,
                    "HTTP 200 without Tencent's ErrorCode envelope"), false);
        }
        if (code.intValue() == 0) {
            return new Answer(CallResult.ok(0, 200), false);
        }
        TencentErrors.Handling handling = TencentErrors.of(code.intValue());
        CallResult result = CallResult.of(handling.outcome(), code.intValue(), 200, body.path("ErrorInfo").asText(""))
                .withRetryAfter(handling.retryAfter()).withRequestId(requestId(body));
        return new Answer(result, handling.renewsUserSig());
    }
}
